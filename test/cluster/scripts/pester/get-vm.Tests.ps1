# get-vm.ps1: the VM with exactly this name, compared with -eq (no wildcards), on every node up.
BeforeAll {
  . (Join-Path $PSScriptRoot 'ScriptHarness.ps1')
}

Describe 'get-vm.ps1' {
  BeforeAll {
    Mock Get-ClusterNode { New-TestNode node1; New-TestNode node2 -Id 2; New-TestNode node3 -Id 3 -State Down }
    Mock Get-VM { New-TestVm 'vm[1]' -Id '00000000-0000-4000-8000-000000000001'; New-TestVm 'vm1' -Id '00000000-0000-4000-8000-000000000002' -IsClustered $false } -ParameterFilter { $null -eq $ComputerName }
    Mock Get-VM { } -ParameterFilter { $ComputerName -eq 'node2' }
    Mock Get-ClusterGroup { New-TestGroup 'vm[1]' (New-TestNode node1) }
    Mock Get-ClusterResource { New-TestResource 'Virtual Machine vm[1]' 'vm[1]' }
    Mock Get-ClusterOwnerNode { [pscustomobject]@{ OwnerNodes = @(New-TestNode node1) } }
  }

  It 'finds a name with wildcard characters as written, and only that VM' {
    $json = Invoke-ClusterScript get-vm @{ Name = 'vm[1]' }
    $json | Should -BeExactly '[{"name":"vm[1]","id":"00000000-0000-4000-8000-000000000001","ownerNode":"node1","state":"Running","memoryMB":8192,"clustered":true,"possibleOwners":["node1"]}]'
    Should -Invoke Get-VM -Times 0 -Exactly -ParameterFilter { $null -ne $Name }
  }

  It 'matches nothing for *' {
    Invoke-ClusterScript get-vm @{ Name = '*' } | Should -BeExactly '[]'
  }

  It 'compares without regard to case, as Hyper-V names do' {
    @(Invoke-ClusterScript get-vm @{ Name = 'VM1' } | ConvertFrom-Json).name | Should -Be @('vm1')
  }

  It 'lists every VM of that name when hosts disagree' {
    Mock Get-VM { New-TestVm 'vm1' -Id '00000000-0000-4000-8000-000000000003' -State Saved -IsClustered $false } -ParameterFilter { $ComputerName -eq 'node2' }
    $rows = @(Invoke-ClusterScript get-vm @{ Name = 'vm1' } | ConvertFrom-Json)
    $rows | ForEach-Object { "$($_.ownerNode) $($_.state)" } | Should -Be @('node1 Running', 'node2 Saved')
  }

  It 'warns about a node it cannot read and still answers from the others' {
    Mock Get-VM { throw [System.UnauthorizedAccessException]::new('Access is denied.') } -ParameterFilter { $ComputerName -eq 'node2' }
    $json = Invoke-ClusterScript get-vm @{ Name = 'vm1' } -WarningVariable warnings -WarningAction SilentlyContinue
    "$warnings" | Should -BeExactly 'Could not read the VMs on node2: Access is denied.'
    @($json | ConvertFrom-Json).ownerNode | Should -Be @('node1')
  }
}
