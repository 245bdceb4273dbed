# checkpoint-vm.ps1: Checkpoint-VM on the VM's node (where the bot runs it: node2 here), named or not, and the refusals.
BeforeAll {
  . (Join-Path $PSScriptRoot 'ScriptHarness.ps1')
  $env:COMPUTERNAME = 'node2'
  Mock Get-Cluster { New-TestCluster }
  Mock Get-ClusterNode { (New-TestNode node1), (New-TestNode node2 -Id 2), (New-TestNode node3 -Id 3 -State Down) }
  Mock Get-VM { $script:vms } -ParameterFilter { $null -eq $ComputerName }
  Mock Get-ClusterGroup { $script:groups }
  Mock Get-ClusterResource { New-TestResource 'Virtual Machine vm42' vm42 }
  Mock Get-ClusterParameter { New-TestParameter MigrationState $script:migrationState } -ParameterFilter { $Name -eq 'MigrationState' }
  Mock Checkpoint-VM {
    [pscustomobject]@{
      Name               = $(if ($SnapshotName) { $SnapshotName } else { 'vm42 - (11/25/2026 - 10:00:00)' })
      Id                 = [guid]'1c0e0000-0000-4000-8000-000000000001'
      CreationTime       = [datetime]::new(2026, 11, 25, 9, 0, 0, [System.DateTimeKind]::Utc).ToLocalTime()
      ParentSnapshotName = $null
    }
  }
}

Describe 'checkpoint-vm.ps1' {
  BeforeEach {
    $script:vms = @(New-TestVm vm42)
    $script:groups = @(New-TestGroup vm42 (New-TestNode node2 -Id 2))
    $script:migrationState = 0
  }

  It 'takes a named checkpoint on the VM and prints it with a UTC ISO time and a null parent' {
    $json = Invoke-ClusterScript checkpoint-vm @{ Vm = 'vm42'; Name = "before 'patching' `$(x)" }
    $json | Should -BeExactly '{"vm":"vm42","name":"before ''patching'' $(x)","id":"1c0e0000-0000-4000-8000-000000000001","createdAt":"2026-11-25T09:00:00.0000000Z","parent":null}'
    Should -Invoke Checkpoint-VM -Times 1 -Exactly -ParameterFilter { $VM.Name -eq 'vm42' -and $SnapshotName -eq "before 'patching' `$(x)" -and $Passthru }
  }

  It 'lets Hyper-V name a checkpoint given no name' {
    (Invoke-ClusterScript checkpoint-vm @{ Vm = 'vm42' } | ConvertFrom-Json).name | Should -BeExactly 'vm42 - (11/25/2026 - 10:00:00)'
    Should -Invoke Checkpoint-VM -Times 1 -Exactly -ParameterFilter { -not $PesterBoundParameters.ContainsKey('SnapshotName') }
  }

  It 'checkpoints a VM that is not clustered' {
    $script:groups = @()
    Invoke-ClusterScript checkpoint-vm @{ Vm = 'vm42' } | Should -Not -BeNullOrEmpty
  }

  It 'refuses a VM that is migrating with HyperVChatOps.Busy' {
    $script:migrationState = 3
    $refusal = Get-ClusterScriptRefusal checkpoint-vm @{ Vm = 'vm42' }
    $refusal.FullyQualifiedErrorId | Should -BeExactly 'HyperVChatOps.Busy'
    Should -Invoke Checkpoint-VM -Times 0 -Exactly
  }

  It 'refuses a VM whose owner node is down with HyperVChatOps.NodeNotUp' {
    $script:vms = @()
    $script:groups = @(New-TestGroup vm42 (New-TestNode node3 -Id 3 -State Down))
    $refusal = Get-ClusterScriptRefusal checkpoint-vm @{ Vm = 'vm42' }
    $refusal.FullyQualifiedErrorId | Should -BeExactly 'HyperVChatOps.NodeNotUp'
    $refusal.TargetObject | Should -BeExactly 'node3'
  }

  It 'refuses a VM that is on no node it can read with HyperVChatOps.VmNotFound' {
    $script:vms = @()
    $script:groups = @()
    $refusal = Get-ClusterScriptRefusal checkpoint-vm @{ Vm = 'vm42' }
    $refusal.FullyQualifiedErrorId | Should -BeExactly 'HyperVChatOps.VmNotFound'
    $refusal.Exception.Message | Should -BeExactly 'no VM named "vm42" on hv-cluster'
  }

  It 'turns a failure of Checkpoint-VM into HyperVChatOps.CmdletFailed with the Windows error as HRESULT' {
    Mock Checkpoint-VM { throw (New-TestWin32Failure 112 'There is not enough space on the disk.') }
    $refusal = Get-ClusterScriptRefusal checkpoint-vm @{ Vm = 'vm42' }
    $refusal.FullyQualifiedErrorId | Should -BeExactly 'HyperVChatOps.CmdletFailed'
    $refusal.TargetObject | Should -BeExactly '0x80070070'
    $refusal.Exception.Message | Should -BeExactly 'Checkpoint-VM of vm42 failed: There is not enough space on the disk.'
  }
}
