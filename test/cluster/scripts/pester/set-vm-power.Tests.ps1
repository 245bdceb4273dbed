# set-vm-power.ps1: each action's cmdlet, the states it starts from, and the refusals; it runs on
# the node that holds the VM (node2 here) and reads that node only.
BeforeAll {
  . (Join-Path $PSScriptRoot 'ScriptHarness.ps1')
  $env:COMPUTERNAME = 'node2'
  $script:vmId = [guid]'6f1d2c3b-0000-4000-8000-000000000042'
  Mock Get-Cluster { New-TestCluster }
  Mock Get-ClusterNode { (New-TestNode node1), (New-TestNode node2 -Id 2), (New-TestNode node3 -Id 3 -State Down) }
  Mock Get-VM { New-TestVm vm42 -Id $script:vmId -State $script:vmState } -ParameterFilter { $null -eq $ComputerName -and $null -eq $Id }
  Mock Get-VM { New-TestVm vm42 -Id $script:vmId -State $script:after -MemoryAssigned 0 -MemoryStartup 4GB } -ParameterFilter { $null -eq $ComputerName -and $null -ne $Id }
  Mock Get-ClusterGroup { $script:groups }
  Mock Get-ClusterResource { New-TestResource 'Virtual Machine vm42' vm42 }
  Mock Get-ClusterParameter { New-TestParameter MigrationState $script:migrationState } -ParameterFilter { $Name -eq 'MigrationState' }
  Mock Get-ClusterOwnerNode { [pscustomobject]@{ OwnerNodes = @((New-TestNode node1), (New-TestNode node2 -Id 2)) } }
  Mock Start-VM { }
  Mock Stop-VM { }
  Mock Save-VM { }
  Mock Restart-VM { }
}

Describe 'set-vm-power.ps1' {
  BeforeEach {
    $script:vmState = 'Running'
    $script:after = 'Off'
    $script:migrationState = 0
    $script:groups = @(New-TestGroup vm42 (New-TestNode node2 -Id 2))
  }

  It '<action> from <from> calls <cmdlet> and prints the VM afterwards' -ForEach @(
    @{ action = 'Start'; from = 'Off'; cmdlet = 'Start-VM'; filter = { $VM.Name -eq 'vm42' } }
    @{ action = 'Start'; from = 'Saved'; cmdlet = 'Start-VM'; filter = { $VM.Name -eq 'vm42' } }
    @{ action = 'Shutdown'; from = 'Running'; cmdlet = 'Stop-VM'; filter = { $Force -and -not $TurnOff } }
    @{ action = 'TurnOff'; from = 'Paused'; cmdlet = 'Stop-VM'; filter = { $Force -and $TurnOff } }
    @{ action = 'Save'; from = 'Running'; cmdlet = 'Save-VM'; filter = { $VM.Name -eq 'vm42' } }
    @{ action = 'Restart'; from = 'Running'; cmdlet = 'Restart-VM'; filter = { $Force } }
  ) {
    $script:vmState = $from
    $json = Invoke-ClusterScript set-vm-power @{ Vm = 'vm42'; Action = $action }
    $json | Should -BeExactly '{"name":"vm42","id":"6f1d2c3b-0000-4000-8000-000000000042","ownerNode":"node2","state":"Off","memoryMB":4096,"clustered":true,"possibleOwners":["node1","node2"]}'
    Should -Invoke $cmdlet -Times 1 -Exactly -ParameterFilter $filter
    Should -Invoke Get-VM -Times 1 -Exactly -ParameterFilter { $Id -eq $script:vmId -and $null -eq $ComputerName }
  }

  It 'prints a VM that is not clustered with no possible owners, without asking the cluster about it' {
    $script:groups = @()
    $script:vmState = 'Off'
    Invoke-ClusterScript set-vm-power @{ Vm = 'vm42'; Action = 'Start' } | Should -BeLike '*"possibleOwners":`[`]}'
    Should -Invoke Get-ClusterParameter -Times 0 -Exactly
  }

  It 'refuses <action> of a VM that is <state> with HyperVChatOps.WrongState: <message>' -ForEach @(
    @{ action = 'Start'; state = 'Running'; message = 'vm42 is already running' }
    @{ action = 'Shutdown'; state = 'Off'; message = 'vm42 is already off' }
    @{ action = 'TurnOff'; state = 'Off'; message = 'vm42 is already off' }
    @{ action = 'Save'; state = 'Off'; message = 'vm42 is Off; only a VM that is Running or Paused can be saved' }
    @{ action = 'Restart'; state = 'Saved'; message = 'vm42 is Saved; only a VM that is Running can be restarted' }
    @{ action = 'Shutdown'; state = 'Saved'; message = 'vm42 is Saved; only a VM that is Running can be shut down; start it first, or turn it off (`stop --force`) to discard the saved state' }
  ) {
    $script:vmState = $state
    $refusal = Get-ClusterScriptRefusal set-vm-power @{ Vm = 'vm42'; Action = $action }
    $refusal.FullyQualifiedErrorId | Should -BeExactly 'HyperVChatOps.WrongState'
    $refusal.Exception.Message | Should -BeExactly $message
  }

  It 'refuses a VM that is migrating with HyperVChatOps.Busy' {
    $script:migrationState = 2
    $refusal = Get-ClusterScriptRefusal set-vm-power @{ Vm = 'vm42'; Action = 'Shutdown' }
    $refusal.FullyQualifiedErrorId | Should -BeExactly 'HyperVChatOps.Busy'
    $refusal.Exception.Message | Should -BeExactly 'vm42 is already migrating'
    Should -Invoke Stop-VM -Times 0 -Exactly
  }

  It 'refuses a VM whose owner node is down with HyperVChatOps.NodeNotUp' {
    Mock Get-VM { } -ParameterFilter { $null -eq $Id }
    $script:groups = @(New-TestGroup vm42 (New-TestNode node3 -Id 3 -State Down))
    $refusal = Get-ClusterScriptRefusal set-vm-power @{ Vm = 'vm42'; Action = 'Start' }
    $refusal.FullyQualifiedErrorId | Should -BeExactly 'HyperVChatOps.NodeNotUp'
    $refusal.Exception.Message | Should -BeExactly 'vm42 is on node3, which is down'
  }

  It 'refuses a VM that is not here with HyperVChatOps.VmNotFound' {
    Mock Get-VM { } -ParameterFilter { $null -eq $Id }
    $refusal = Get-ClusterScriptRefusal set-vm-power @{ Vm = 'vm4'; Action = 'Start' }
    $refusal.FullyQualifiedErrorId | Should -BeExactly 'HyperVChatOps.VmNotFound'
    $refusal.Exception.Message | Should -BeExactly 'no VM named "vm4" on hv-cluster'
  }

  It 'refuses an action its ValidateSet does not hold, before anything runs' {
    { Invoke-ClusterScript set-vm-power @{ Vm = 'vm42'; Action = 'Reboot' } } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
    Should -Invoke Get-Cluster -Times 0 -Exactly
  }

  It 'turns a failure of the cmdlet into HyperVChatOps.CmdletFailed with the Windows error as HRESULT' {
    Mock Stop-VM { throw (New-TestWin32Failure 32788 'The operation cannot be performed while the object is in its current state.') }
    $refusal = Get-ClusterScriptRefusal set-vm-power @{ Vm = 'vm42'; Action = 'Shutdown' }
    $refusal.FullyQualifiedErrorId | Should -BeExactly 'HyperVChatOps.CmdletFailed'
    $refusal.TargetObject | Should -BeExactly '0x80078014'
    $refusal.Exception.Message | Should -BeLike 'Shutdown of vm42 failed: *'
  }
}
