# migrate-vm.ps1: each check before Move-ClusterVirtualMachineRole, in the order a user meets them.
BeforeAll {
  . (Join-Path $PSScriptRoot 'ScriptHarness.ps1')
  $script:vmId = [guid]'6f1d2c3b-0000-4000-8000-000000000042'
  Mock Get-Cluster { New-TestCluster }
  Mock Get-ClusterNode { $script:nodes }
  Mock Get-ClusterGroup { $script:groups }
  Mock Get-ClusterResource { New-TestResource 'Virtual Machine vm42' vm42 }
  Mock Get-ClusterParameter { New-TestParameter VmID "$script:vmId" } -ParameterFilter { $Name -eq 'VmID' }
  Mock Get-ClusterParameter { New-TestParameter MigrationState $script:migrationState } -ParameterFilter { $Name -eq 'MigrationState' }
  Mock Get-ClusterOwnerNode { [pscustomobject]@{ OwnerNodes = @($script:owners | ForEach-Object { New-TestNode $_ }) } }
  Mock Get-VM { $script:vms } -ParameterFilter { $null -eq $Id }
  Mock Get-VM { New-TestVm vm42 -Id $script:vmId -State $script:vmState -MemoryAssigned 8GB -MemoryStartup 4GB } -ParameterFilter { $null -ne $Id }
  Mock Get-CimInstance { [pscustomobject]@{ TotalVisibleMemorySize = 67108864; FreePhysicalMemory = $script:freeKB } }
  Mock Move-ClusterVirtualMachineRole { }
}

Describe 'migrate-vm.ps1' {
  BeforeEach {
    $script:nodes = @((New-TestNode node1), (New-TestNode node2 -Id 2), (New-TestNode node3 -Id 3 -State Paused), (New-TestNode node4 -Id 4 -State Down))
    $script:groups = @((New-TestGroup vm42 $script:nodes[0]), (New-TestGroup 'Cluster Group' $script:nodes[0] -GroupType Cluster))
    $script:vms = @()
    $script:migrationState = 0
    $script:owners = @('node1', 'node2', 'node3')
    $script:vmState = 'Running'
    $script:freeKB = 16GB / 1KB
  }

  It 'starts a live migration and returns as soon as the cluster accepted it' {
    $json = Invoke-ClusterScript migrate-vm @{ Vm = 'vm42'; Node = 'node2' }
    $json | Should -BeExactly '{"vm":"vm42","id":"6f1d2c3b-0000-4000-8000-000000000042","source":"node1","target":"node2","type":"Live"}'
    Should -Invoke Move-ClusterVirtualMachineRole -Times 1 -Exactly -ParameterFilter { $Name -eq 'vm42' -and $Node -eq 'node2' -and $MigrationType -eq 'Live' -and $Wait -eq 0 }
  }

  It 'passes a quick migration through' {
    (Invoke-ClusterScript migrate-vm @{ Vm = 'vm42'; Node = 'node2'; MigrationType = 'Quick' } | ConvertFrom-Json).type | Should -Be 'Quick'
    Should -Invoke Move-ClusterVirtualMachineRole -Times 1 -Exactly -ParameterFilter { $MigrationType -eq 'Quick' }
  }

  It 'refuses a VM that is neither a clustered role nor on any node with HyperVChatOps.VmNotFound' {
    $refusal = Get-ClusterScriptRefusal migrate-vm @{ Vm = 'Cluster Group'; Node = 'node2' }
    $refusal.FullyQualifiedErrorId | Should -BeExactly 'HyperVChatOps.VmNotFound'
    $refusal.CategoryInfo.Category | Should -Be 'ObjectNotFound'
    $refusal.Exception.Message | Should -BeExactly 'no VM named "Cluster Group" on hv-cluster'
    Should -Invoke Get-VM -Times 0 -Exactly -ParameterFilter { $ComputerName }
  }

  It 'refuses a target that is not in the cluster with HyperVChatOps.NodeNotFound' {
    $refusal = Get-ClusterScriptRefusal migrate-vm @{ Vm = 'vm42'; Node = 'node9' }
    $refusal.FullyQualifiedErrorId | Should -BeExactly 'HyperVChatOps.NodeNotFound'
    $refusal.TargetObject | Should -BeExactly 'node9'
  }

  It 'refuses a VM that is on a node but not clustered with HyperVChatOps.NotClustered' {
    $script:vms = @(New-TestVm lab -IsClustered $false)
    $refusal = Get-ClusterScriptRefusal migrate-vm @{ Vm = 'LAB'; Node = 'node2' }
    $refusal.FullyQualifiedErrorId | Should -BeExactly 'HyperVChatOps.NotClustered'
    $refusal.Exception.Message | Should -BeExactly 'lab is not a clustered VM, so the cluster cannot move it'
  }

  It 'names the VM first when both the VM and the node are unknown, and the node before saying the VM is not clustered' {
    (Get-ClusterScriptRefusal migrate-vm @{ Vm = 'ghost'; Node = 'node9' }).FullyQualifiedErrorId | Should -BeExactly 'HyperVChatOps.VmNotFound'
    $script:vms = @(New-TestVm lab -IsClustered $false)
    (Get-ClusterScriptRefusal migrate-vm @{ Vm = 'lab'; Node = 'node9' }).FullyQualifiedErrorId | Should -BeExactly 'HyperVChatOps.NodeNotFound'
  }

  It 'refuses a VM that is already migrating (MigrationState <state>) with HyperVChatOps.Busy' -ForEach @(@{ state = 1 }, @{ state = 2 }, @{ state = 3 }) {
    $script:migrationState = $state
    $refusal = Get-ClusterScriptRefusal migrate-vm @{ Vm = 'vm42'; Node = 'node2' }
    $refusal.FullyQualifiedErrorId | Should -BeExactly 'HyperVChatOps.Busy'
    $refusal.CategoryInfo.Category | Should -Be 'ResourceBusy'
  }

  It 'starts again after a cancelled or failed migration (MigrationState <state>)' -ForEach @(@{ state = 4 }, @{ state = 5 }) {
    $script:migrationState = $state
    Invoke-ClusterScript migrate-vm @{ Vm = 'vm42'; Node = 'node2' } | Should -Not -BeNullOrEmpty
    Should -Invoke Move-ClusterVirtualMachineRole -Times 1 -Exactly
  }

  It 'refuses a move to the node the VM is on with HyperVChatOps.AlreadyThere' {
    $refusal = Get-ClusterScriptRefusal migrate-vm @{ Vm = 'vm42'; Node = 'node1' }
    $refusal.FullyQualifiedErrorId | Should -BeExactly 'HyperVChatOps.AlreadyThere'
    $refusal.Exception.Message | Should -BeExactly 'vm42 is already on node1'
  }

  It 'refuses a target that is <state> with HyperVChatOps.NodeNotUp' -ForEach @(@{ state = 'Paused'; node = 'node3' }, @{ state = 'Down'; node = 'node4' }) {
    $refusal = Get-ClusterScriptRefusal migrate-vm @{ Vm = 'vm42'; Node = $node }
    $refusal.FullyQualifiedErrorId | Should -BeExactly 'HyperVChatOps.NodeNotUp'
    $refusal.TargetObject | Should -BeExactly $node
    $refusal.Exception.Message | Should -BeExactly "$node is $($state.ToLowerInvariant()), so nothing can move to it"
  }

  It 'refuses a VM whose node is down with HyperVChatOps.NodeNotUp' {
    $script:groups = @(New-TestGroup vm42 $script:nodes[3])
    $refusal = Get-ClusterScriptRefusal migrate-vm @{ Vm = 'vm42'; Node = 'node2' }
    $refusal.FullyQualifiedErrorId | Should -BeExactly 'HyperVChatOps.NodeNotUp'
    $refusal.Exception.Message | Should -BeExactly 'vm42 is on node4, which is down'
  }

  It 'refuses a target that is not a possible owner with HyperVChatOps.NotPossibleOwner, naming the owners' {
    $script:owners = @('node1', 'node3')
    $refusal = Get-ClusterScriptRefusal migrate-vm @{ Vm = 'vm42'; Node = 'node2' }
    $refusal.FullyQualifiedErrorId | Should -BeExactly 'HyperVChatOps.NotPossibleOwner'
    $refusal.Exception.Message | Should -BeLike 'node2 is not a possible owner of vm42 (its possible owners: node1, node3); *'
  }

  It 'leaves the possible owners to the cluster when they cannot be read' {
    Mock Get-ClusterOwnerNode { throw [System.InvalidOperationException]::new('denied') }
    Invoke-ClusterScript migrate-vm @{ Vm = 'vm42'; Node = 'node2' } | Should -Not -BeNullOrEmpty
  }

  It 'refuses a target without the memory the VM needs with HyperVChatOps.NotEnoughMemory, the VM read here and the target memory given' {
    $refusal = Get-ClusterScriptRefusal migrate-vm @{ Vm = 'vm42'; Node = 'node2'; TargetFreeMB = 4096 }
    $refusal.FullyQualifiedErrorId | Should -BeExactly 'HyperVChatOps.NotEnoughMemory'
    $refusal.Exception.Message | Should -BeExactly 'node2 has 4096 MB free; vm42 needs 8192 MB'
    Should -Invoke Get-VM -Times 1 -Exactly -ParameterFilter { $Id -eq $script:vmId -and $null -eq $ComputerName }
    Should -Invoke Get-CimInstance -Times 0 -Exactly
    Should -Invoke Move-ClusterVirtualMachineRole -Times 0 -Exactly
  }

  It 'does not compare memory for a VM that is off, nor when the target could not say (-1)' {
    $script:vmState = 'Off'
    Invoke-ClusterScript migrate-vm @{ Vm = 'vm42'; Node = 'node2'; TargetFreeMB = 0 } | Should -Not -BeNullOrEmpty
    $script:vmState = 'Running'
    Invoke-ClusterScript migrate-vm @{ Vm = 'vm42'; Node = 'node2'; TargetFreeMB = -1 } | Should -Not -BeNullOrEmpty
  }

  It 'warns and lets the cluster decide when the memory cannot be compared' {
    Mock Get-VM { throw [System.UnauthorizedAccessException]::new('Access is denied.') } -ParameterFilter { $null -ne $Id }
    $json = Invoke-ClusterScript migrate-vm @{ Vm = 'vm42'; Node = 'node2'; TargetFreeMB = 4096 } -WarningVariable warnings -WarningAction SilentlyContinue
    "$warnings" | Should -BeExactly "Could not compare vm42's memory with node2's: Access is denied."
    $json | Should -Not -BeNullOrEmpty
  }

  It 'turns a failure of the move into HyperVChatOps.CmdletFailed with HRESULT <hresult>' -ForEach @(
    @{ hresult = '0x80071398'; failure = { New-TestWin32Failure 5016 'The node cannot host the resource.' } }
    @{ hresult = '0x8007000E'; failure = { [System.InvalidOperationException]::new('failed', [System.OutOfMemoryException]::new()) } }
  ) {
    $script:failure = & $failure
    Mock Move-ClusterVirtualMachineRole { throw $script:failure }
    $refusal = Get-ClusterScriptRefusal migrate-vm @{ Vm = 'vm42'; Node = 'node2' }
    $refusal.FullyQualifiedErrorId | Should -BeExactly 'HyperVChatOps.CmdletFailed'
    $refusal.TargetObject | Should -BeExactly $hresult
    $refusal.Exception.Message | Should -BeLike 'Move-ClusterVirtualMachineRole failed: *'
  }
}
