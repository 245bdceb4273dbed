# list-vms.ps1: the VMs on this node, with their possible owners; it reads no other node.
BeforeAll {
  . (Join-Path $PSScriptRoot 'ScriptHarness.ps1')
}

Describe 'list-vms.ps1' {
  BeforeAll {
    Mock Get-VM { New-TestVm vm42 -Id $script:ids.vm42; New-TestVm lab -Id $script:ids.lab -State Off -MemoryAssigned 0 -MemoryStartup 2GB -IsClustered $false }
    Mock Get-ClusterGroup { New-TestGroup vm42 (New-TestNode node1) }
    Mock Get-ClusterResource { New-TestResource 'Virtual Machine vm42' vm42 }
    Mock Get-ClusterOwnerNode { [pscustomobject]@{ OwnerNodes = @((New-TestNode node1), (New-TestNode node2 -Id 2)) } }
  }

  BeforeEach {
    $script:ids = @{ vm42 = [guid]'6f1d2c3b-0000-4000-8000-000000000042'; lab = [guid]'6f1d2c3b-0000-4000-8000-000000000007' }
  }

  It 'lists the VMs of this node, with names for states and MB of memory, owned by this computer' {
    $json = Invoke-ClusterScript list-vms
    $json | Should -BeExactly ('[{"name":"vm42","id":"6f1d2c3b-0000-4000-8000-000000000042","ownerNode":"node1","state":"Running","memoryMB":8192,"clustered":true,"possibleOwners":["node1","node2"]},' +
      '{"name":"lab","id":"6f1d2c3b-0000-4000-8000-000000000007","ownerNode":"node1","state":"Off","memoryMB":2048,"clustered":false,"possibleOwners":[]}]')
    Should -Invoke Get-VM -Times 1 -Exactly -ParameterFilter { $null -eq $ComputerName }
    Should -Invoke Get-ClusterGroup -Times 1 -Exactly -ParameterFilter { $VMId -eq $script:ids.vm42 }
  }

  It 'prints one VM as an array of one' {
    Mock Get-VM { New-TestVm lab -IsClustered $false }
    Invoke-ClusterScript list-vms | Should -BeLike '`[{"name":"lab",*}`]'
  }

  It 'lists a clustered VM with no possible owners when they cannot be read' {
    Mock Get-ClusterOwnerNode { throw [System.InvalidOperationException]::new('The cluster service is not running.') }
    Invoke-ClusterScript list-vms | Should -BeLike '*"clustered":true,"possibleOwners":`[`]}*'
  }

  It 'stops when Hyper-V cannot be read here, for the bot to leave this node out with a warning' {
    Mock Get-VM { throw [System.UnauthorizedAccessException]::new('Access is denied.') }
    { Invoke-ClusterScript list-vms } | Should -Throw 'Access is denied.'
  }

  It 'prints an empty array when this node has no VM' {
    Mock Get-VM { }
    Invoke-ClusterScript list-vms | Should -BeExactly '[]'
  }
}
