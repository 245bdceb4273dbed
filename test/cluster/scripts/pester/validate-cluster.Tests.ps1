# validate-cluster.ps1: Test-Cluster's warnings read as problems and counts, the checks the wizard
# misses (NetBIOS names, persistent reservations), and what only -IncludeStorage may do.
BeforeAll {
  . (Join-Path $PSScriptRoot 'ScriptHarness.ps1')
  # Join-Path needs the drive to exist: the system root is a folder of the test drive here.
  $env:SystemRoot = Join-Path $TestDrive 'Windows'
  Mock Get-ClusterNode { (New-TestNode node1), (New-TestNode 'node-with-a-long-name' -Id 2) }
  Mock Get-ClusterSharedVolume { [pscustomobject]@{ Name = 'Cluster Disk 3' }, [pscustomobject]@{ Name = 'Cluster Disk 4' } }
  Mock Test-Cluster {
    foreach ($category in $Include) {
      foreach ($n in 1..3) { [pscustomobject]@{ Category = $category; DisplayName = "$category test $n" } }
    }
  } -ParameterFilter { $List }
  Mock Test-Cluster {
    Write-Warning 'Network - Validate Network Communication: The test reported some warnings..'
    Write-Warning 'Network - Validate Network Communication: Node node2 is reachable from only one network.'
    Write-Warning 'Inventory - List Software Updates: The test failed.'
    Write-Warning 'Storage - Validate SCSI-3 Persistent Reservation: The test failed.'
    Write-Warning 'Not a problem line'
    Write-Warning "Test Result:`r`nHadUnselectedTests, ClusterConditionallyApproved"
    [pscustomobject]@{ FullName = $script:reportPath }
  } -ParameterFilter { -not $List }
}

Describe 'validate-cluster.ps1' {
  BeforeEach {
    $script:reportPath = Join-Path $TestDrive 'Validation Report.htm'
    Set-Content -LiteralPath $script:reportPath -Value '<p>Cluster Disk 3 does not support Persistent Reservation.</p>'
  }

  It 'runs the five categories that take nothing offline, without -Disk or -Force' {
    Invoke-ClusterScript validate-cluster | Out-Null
    Should -Invoke Test-Cluster -Times 1 -Exactly -ParameterFilter {
      -not $List -and ($Include -join ',') -eq 'Inventory,Network,System Configuration,Hyper-V Configuration,Cluster Configuration' -and
      $null -eq $Disk -and -not $Force -and ($ReportName -replace '\\', '/') -like "$($env:SystemRoot -replace '\\', '/')/Cluster/Reports/Validation Report ????.??.?? At ??.??.??"
    }
  }

  It 'reads the warnings as problems, a text that says failed as a failure, and counts each test once' {
    $validation = Invoke-ClusterScript validate-cluster | ConvertFrom-Json
    $validation.result | Should -BeExactly 'HadUnselectedTests, ClusterConditionallyApproved'
    $validation.includedStorage | Should -BeFalse
    $validation.problems | ForEach-Object { "$($_.category)/$($_.test)/$($_.outcome)" } |
      Should -Be @('Network/Validate Network Communication/warning', 'Network/Validate Network Communication/warning', 'Inventory/List Software Updates/failed')
    $validation.categories | ForEach-Object { "$($_.category) $($_.passed) $($_.warnings) $($_.failed)" } |
      Should -Be @('Inventory 2 0 1', 'Network 2 1 0', 'System Configuration 3 0 0', 'Hyper-V Configuration 3 0 0', 'Cluster Configuration 3 0 0')
    $validation.reportPath | Should -BeExactly $script:reportPath
    $validation.durationMs | Should -BeOfType [long]
  }

  It 'flags a node name longer than a NetBIOS name, and says volumes were not tested without -IncludeStorage' {
    $json = Invoke-ClusterScript validate-cluster
    $json | Should -BeLike '*{"check":"netbios-name","subject":"node1","ok":true,"message":"node1 fits in a NetBIOS name"}*'
    $json | Should -BeLike '*{"check":"netbios-name","subject":"node-with-a-long-name","ok":false,"message":"node-with-a-long-name is 21 characters, longer than a NetBIOS name (15): Windows knows it as node-with-a-lon there,*'
    $json | Should -BeLike '*{"check":"persistent-reservation","subject":"Cluster Disk 3","ok":null,"message":"Cluster Disk 3 was not tested for SCSI-3 persistent reservations: the Storage tests skip volumes in use"}*'
  }

  It 'with -IncludeStorage passes the volumes with -Force and reads their reservations from the report' {
    $validation = Invoke-ClusterScript validate-cluster @{ IncludeStorage = $true } | ConvertFrom-Json
    Should -Invoke Test-Cluster -Times 1 -Exactly -ParameterFilter {
      -not $List -and $Include -contains 'Storage' -and ($Disk -join ',') -eq 'Cluster Disk 3,Cluster Disk 4' -and $Force
    }
    $validation.includedStorage | Should -BeTrue
    $reservations = $validation.checks | Where-Object check -EQ 'persistent-reservation'
    $reservations | ForEach-Object { "$($_.subject) $($_.ok)" } | Should -Be @('Cluster Disk 3 False', 'Cluster Disk 4 True')
    ($validation.problems | Where-Object category -EQ 'Storage').outcome | Should -Be 'failed'
  }

  It 'gives a null result when Test-Cluster wrote no result line, and a null report when it returned none' {
    Mock Test-Cluster { Write-Warning 'Network - Validate IP Configuration: The test reported some warnings..' } -ParameterFilter { -not $List }
    $json = Invoke-ClusterScript validate-cluster
    $json | Should -BeLike '{"result":null,*'
    $json | Should -BeLike '*"reportPath":null,*'
  }

  It 'turns a failure of Test-Cluster into HyperVChatOps.CmdletFailed with the Windows error as HRESULT' {
    Mock Test-Cluster { throw (New-TestWin32Failure 5 'Access is denied.') } -ParameterFilter { -not $List }
    $refusal = Get-ClusterScriptRefusal validate-cluster
    $refusal.FullyQualifiedErrorId | Should -BeExactly 'HyperVChatOps.CmdletFailed'
    $refusal.TargetObject | Should -BeExactly '0x80070005'
    $refusal.Exception.Message | Should -BeExactly 'Test-Cluster failed: Access is denied.'
  }
}
