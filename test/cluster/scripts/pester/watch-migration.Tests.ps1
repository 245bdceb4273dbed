# watch-migration.ps1: one look at a VM's migration, on its owner (node1 here): this node's running
# jobs, the last finished one with its blackout or failure event, the VM resource's migration
# properties, and the nodes up (where the bot looks for the job once the VM has moved).
BeforeAll {
  . (Join-Path $PSScriptRoot 'ScriptHarness.ps1')
  $script:vmId = '6f1d2c3b-0000-4000-8000-000000000042'
  $script:start = [datetime]::new(2026, 11, 25, 9, 0, 0, [System.DateTimeKind]::Utc).ToLocalTime()
  function New-TestJob {
    param([int]$State, [int]$Percent = 100, [int]$Minute = 0, [int]$ErrorCode = 0, [string]$ErrorDescription)
    [pscustomobject]@{
      VirtualSystemName = $script:vmId
      DestinationHost   = 'node2'
      JobState          = [uint16]$State
      PercentComplete   = [uint16]$Percent
      StartTime         = $script:start.AddMinutes($Minute)
      ElapsedTime       = [timespan]::FromSeconds(12)
      ErrorCode         = [uint16]$ErrorCode
      ErrorDescription  = $(if ($ErrorDescription) { $ErrorDescription } else { $null })
    }
  }
  Mock Get-Cluster { New-TestCluster }
  Mock Get-ClusterNode { (New-TestNode node1), (New-TestNode node2 -Id 2), (New-TestNode node3 -Id 3 -State Down) }
  Mock Get-ClusterGroup { New-TestGroup vm42 (New-TestNode node1) }
  Mock Get-ClusterResource { New-TestResource 'Virtual Machine vm42' vm42 }
  Mock Get-ClusterParameter {
    New-TestParameter VmID $script:vmId
    New-TestParameter MigrationState ([uint32]$script:migrationState)
    New-TestParameter MigrationProgress ([uint32]45)
    New-TestParameter MigrationFailureReason ([uint32]0)
  }
  Mock Get-CimInstance { $script:jobs } -ParameterFilter { $null -eq $ComputerName }
  Mock Get-VM { New-TestVm vm42 -Id $script:vmId }
  Mock Get-WinEvent {
    [pscustomobject]@{ Id = 20417; Properties = @([pscustomobject]@{ Value = 'vm42' }, [pscustomobject]@{ Value = $script:vmId }, [pscustomobject]@{ Value = '0.25' }) }
  } -ParameterFilter { $FilterHashtable[0].LogName -eq 'Microsoft-Windows-Hyper-V-VMMS-Admin' }
  Mock Get-WinEvent {
    [pscustomobject]@{ Id = 21502; Message = "Live migration of 'vm42' failed: the destination does not have enough memory." }
  } -ParameterFilter { $FilterHashtable[0].LogName -eq 'Microsoft-Windows-Hyper-V-High-Availability-Admin' }
}

Describe 'watch-migration.ps1' {
  BeforeEach {
    $script:migrationState = 2
    $script:jobs = @(New-TestJob 4 -Percent 45)
  }

  It 'reports a running job with numbers as numbers and times in UTC' {
    $json = Invoke-ClusterScript watch-migration @{ Vm = 'vm42'; Node = 'node2' }
    $json | Should -BeExactly ('{"vm":{"name":"vm42","id":"6f1d2c3b-0000-4000-8000-000000000042","ownerNode":"node1","groupState":"Online","resourceState":"Online","vmState":"Running"},' +
      '"target":"node2","jobs":[{"host":"node1","destinationHost":"node2","jobState":4,"percentComplete":45,"startTime":"2026-11-25T09:00:00.0000000Z","elapsedMs":12000,"errorCode":0,"errorDescription":null,"blackoutMs":null,"failureEventId":null}],' +
      '"lastJob":null,"upNodes":["node1","node2"],"resource":{"migrationState":2,"migrationProgress":45,"migrationFailureReason":0}}')
    Should -Invoke Get-CimInstance -Times 1 -Exactly -ParameterFilter { $Namespace -eq 'root\virtualization\v2' -and $ClassName -eq 'Msvm_MigrationJob' -and $null -eq $ComputerName }
    Should -Invoke Get-CimInstance -Times 0 -Exactly -ParameterFilter { $ComputerName }
    Should -Invoke Get-VM -Times 0 -Exactly -ParameterFilter { $ComputerName }
  }

  It 'gives the newest finished job, with the blackout of a completed one in ms' {
    $script:jobs = @((New-TestJob 10 -Minute 0 -ErrorCode 32768 -ErrorDescription 'old'), (New-TestJob 7 -Minute 5))
    $snapshot = Invoke-ClusterScript watch-migration @{ Vm = 'vm42'; Node = 'node2' } | ConvertFrom-Json
    $snapshot.jobs | Should -HaveCount 0
    "$($snapshot.lastJob.jobState) $($snapshot.lastJob.blackoutMs) $($snapshot.lastJob.failureEventId)" | Should -BeExactly '7 250 '
  }

  It 'gives a failed job the event id its source logged' {
    $script:jobs = @(New-TestJob 10 -ErrorCode 32768 -ErrorDescription 'The virtual machine migration failed.')
    $last = (Invoke-ClusterScript watch-migration @{ Vm = 'vm42'; Node = 'node2' } | ConvertFrom-Json).lastJob
    "$($last.jobState) $($last.errorCode) $($last.errorDescription) $($last.failureEventId)" | Should -BeExactly '10 32768 The virtual machine migration failed. 21502'
  }

  It 'keeps the last job without its event when the log cannot be read' {
    $script:jobs = @(New-TestJob 7)
    Mock Get-WinEvent { throw [System.UnauthorizedAccessException]::new('denied') } -ParameterFilter { $true }
    $last = (Invoke-ClusterScript watch-migration @{ Vm = 'vm42'; Node = 'node2' } | ConvertFrom-Json).lastJob
    $last.jobState | Should -Be 7
    $last.blackoutMs | Should -BeNullOrEmpty
  }

  It 'warns when the jobs cannot be read here, and still reports the resource' {
    Mock Get-CimInstance { throw [System.UnauthorizedAccessException]::new('Access is denied.') } -ParameterFilter { $true }
    $json = Invoke-ClusterScript watch-migration @{ Vm = 'vm42'; Node = 'node2' } -WarningVariable warnings -WarningAction SilentlyContinue
    "$warnings" | Should -BeExactly 'Could not read the migration jobs on node1: Access is denied.'
    ($json | ConvertFrom-Json).jobs | Should -HaveCount 0
    ($json | ConvertFrom-Json).resource.migrationState | Should -Be 2
  }

  It "says Unknown for the VM's state when Get-VM fails, and null for a property the resource lacks" {
    Mock Get-VM { throw [System.UnauthorizedAccessException]::new('denied') }
    Mock Get-ClusterParameter { New-TestParameter VmID $script:vmId }
    $json = Invoke-ClusterScript watch-migration @{ Vm = 'vm42'; Node = 'node2' }
    $json | Should -BeLike '*"vmState":"Unknown"*'
    $json | Should -BeLike '*"resource":{"migrationState":null,"migrationProgress":null,"migrationFailureReason":null}}'
  }

  It 'refuses a VM that is not a clustered role with HyperVChatOps.VmNotFound' {
    $refusal = Get-ClusterScriptRefusal watch-migration @{ Vm = 'vm4'; Node = 'node2' }
    $refusal.FullyQualifiedErrorId | Should -BeExactly 'HyperVChatOps.VmNotFound'
    $refusal.Exception.Message | Should -BeExactly 'no clustered VM named "vm4" on hv-cluster'
  }

  It 'refuses a node that is not in the cluster with HyperVChatOps.NodeNotFound' {
    $refusal = Get-ClusterScriptRefusal watch-migration @{ Vm = 'vm42'; Node = 'node9' }
    $refusal.FullyQualifiedErrorId | Should -BeExactly 'HyperVChatOps.NodeNotFound'
    $refusal.TargetObject | Should -BeExactly 'node9'
  }
}
