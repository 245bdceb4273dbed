# get-vm.ps1: the VM with exactly this name on this node, compared with -eq (no wildcards).
BeforeAll {
  . (Join-Path $PSScriptRoot 'ScriptHarness.ps1')
}

Describe 'get-vm.ps1' {
  BeforeAll {
    Mock Get-VM { New-TestVm 'vm[1]' -Id '00000000-0000-4000-8000-000000000001'; New-TestVm 'vm1' -Id '00000000-0000-4000-8000-000000000002' -IsClustered $false } -ParameterFilter { $null -eq $ComputerName }
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

  It 'reads this node only' {
    Invoke-ClusterScript get-vm @{ Name = 'vm1' } | Out-Null
    Should -Invoke Get-VM -Times 1 -Exactly -ParameterFilter { $null -eq $ComputerName }
  }
}
