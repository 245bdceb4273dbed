# find-vm-host.ps1: the owner of a VM's clustered role and the nodes that are up, from the cluster database.
BeforeAll {
  . (Join-Path $PSScriptRoot 'ScriptHarness.ps1')
}

Describe 'find-vm-host.ps1' {
  BeforeAll {
    Mock Get-ClusterNode { New-TestNode node1; New-TestNode node2 -Id 2 -State Paused; New-TestNode node3 -Id 3 -State Down }
    Mock Get-ClusterGroup { New-TestGroup 'Cluster Group' (New-TestNode node1) -GroupType Cluster; New-TestGroup vm42 (New-TestNode node2 -Id 2 -State Paused) }
    Mock Get-VM { }
  }

  It "gives the owner of the VM's role, whatever the case of the name, and the nodes that are not down" {
    Invoke-ClusterScript find-vm-host @{ Vm = 'VM42' } | Should -BeExactly '{"owner":"node2","ownerState":"Paused","upNodes":["node1","node2"]}'
  }

  It 'gives no owner for a name the cluster holds no VM role of (a group of another type is not one)' {
    Invoke-ClusterScript find-vm-host @{ Vm = 'Cluster Group' } | Should -BeExactly '{"owner":null,"ownerState":null,"upNodes":["node1","node2"]}'
  }

  It 'reads no host' {
    Invoke-ClusterScript find-vm-host @{ Vm = 'vm42' } | Out-Null
    Should -Invoke Get-VM -Times 0 -Exactly
  }
}
