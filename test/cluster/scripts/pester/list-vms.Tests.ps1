# list-vms.ps1: the VMs on every node that is up (or on one node), with their possible owners.
BeforeAll {
  . (Join-Path $PSScriptRoot 'ScriptHarness.ps1')
}

Describe 'list-vms.ps1' {
  BeforeAll {
    Mock Get-Cluster { New-TestCluster }
    Mock Get-ClusterNode { New-TestNode node1; New-TestNode node2 -Id 2; New-TestNode node3 -Id 3 -State Down }
    Mock Get-VM { New-TestVm vm42 -Id $script:ids.vm42 } -ParameterFilter { $null -eq $ComputerName }
    Mock Get-VM { New-TestVm lab -Id $script:ids.lab -State Off -MemoryAssigned 0 -MemoryStartup 2GB -IsClustered $false } -ParameterFilter { $ComputerName -eq 'node2' }
    Mock Get-ClusterGroup { New-TestGroup vm42 (New-TestNode node1) }
    Mock Get-ClusterResource { New-TestResource 'Virtual Machine vm42' vm42 }
    Mock Get-ClusterOwnerNode { [pscustomobject]@{ OwnerNodes = @((New-TestNode node1), (New-TestNode node2 -Id 2)) } }
  }

  BeforeEach {
    $script:ids = @{ vm42 = [guid]'6f1d2c3b-0000-4000-8000-000000000042'; lab = [guid]'6f1d2c3b-0000-4000-8000-000000000007' }
  }

  It 'lists the VMs of every node that is up, with names for states and MB of memory' {
    $json = Invoke-ClusterScript list-vms
    $json | Should -BeExactly ('[{"name":"vm42","id":"6f1d2c3b-0000-4000-8000-000000000042","ownerNode":"node1","state":"Running","memoryMB":8192,"clustered":true,"possibleOwners":["node1","node2"]},' +
      '{"name":"lab","id":"6f1d2c3b-0000-4000-8000-000000000007","ownerNode":"node2","state":"Off","memoryMB":2048,"clustered":false,"possibleOwners":[]}]')
    Should -Invoke Get-VM -Times 0 -Exactly -ParameterFilter { $ComputerName -eq 'node3' }
    Should -Invoke Get-ClusterGroup -Times 1 -Exactly -ParameterFilter { $VMId -eq $script:ids.vm42 }
  }

  It 'lists only the VMs of the node asked for, compared without regard to case' {
    $rows = @(Invoke-ClusterScript list-vms @{ Node = 'NODE2' } | ConvertFrom-Json)
    $rows.name | Should -Be @('lab')
    Should -Invoke Get-VM -Times 0 -Exactly -ParameterFilter { $null -eq $ComputerName }
  }

  It 'prints one VM as an array of one' {
    Invoke-ClusterScript list-vms @{ Node = 'node2' } | Should -BeLike '`[{"name":"lab",*}`]'
  }

  It 'refuses a node that is not in the cluster with HyperVChatOps.NodeNotFound' {
    $refusal = Get-ClusterScriptRefusal list-vms @{ Node = 'node*' }
    $refusal.FullyQualifiedErrorId | Should -BeExactly 'HyperVChatOps.NodeNotFound'
    $refusal.TargetObject | Should -BeExactly 'node*'
    $refusal.Exception.Message | Should -BeExactly 'no node named "node*" on hv-cluster'
  }

  It 'warns about a node whose VMs cannot be read and lists the others' {
    Mock Get-VM { throw [System.UnauthorizedAccessException]::new('Access is denied.') } -ParameterFilter { $ComputerName -eq 'node2' }
    $rows = @(Invoke-ClusterScript list-vms -WarningVariable warnings -WarningAction SilentlyContinue | ConvertFrom-Json)
    "$warnings" | Should -BeExactly 'Could not read the VMs on node2: Access is denied.'
    $rows.name | Should -Be @('vm42')
  }

  It 'lists a clustered VM with no possible owners when they cannot be read' {
    Mock Get-ClusterOwnerNode { throw [System.InvalidOperationException]::new('The cluster service is not running.') }
    Invoke-ClusterScript list-vms @{ Node = 'node1' } | Should -BeLike '*"clustered":true,"possibleOwners":`[`]}`]' 
  }

  It 'prints an empty array when no node has a VM' {
    Mock Get-VM { } -ParameterFilter { $true }
    Invoke-ClusterScript list-vms | Should -BeExactly '[]'
  }
}
