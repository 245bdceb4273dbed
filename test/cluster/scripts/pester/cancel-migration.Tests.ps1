# cancel-migration.ps1: Move-ClusterVirtualMachineRole -Cancel for a migration under way.
BeforeAll {
  . (Join-Path $PSScriptRoot 'ScriptHarness.ps1')
  Mock Get-Cluster { New-TestCluster }
}

Describe 'cancel-migration.ps1' {
  BeforeAll {
    Mock Get-ClusterGroup { New-TestGroup vm42 (New-TestNode node1) }
    Mock Get-ClusterResource { New-TestResource 'Virtual Machine vm42' vm42 }
    Mock Get-ClusterParameter { New-TestParameter MigrationState $script:migrationState } -ParameterFilter { $Name -eq 'MigrationState' }
    Mock Move-ClusterVirtualMachineRole { }
  }

  BeforeEach {
    $script:migrationState = 2
  }

  It 'cancels a migration in <label> (MigrationState <state>)' -ForEach @(
    @{ label = 'Setup'; state = 1 }, @{ label = 'Data Transfer'; state = 2 }, @{ label = 'Move'; state = 3 }
  ) {
    $script:migrationState = $state
    Invoke-ClusterScript cancel-migration @{ Vm = 'vm42' } | Should -BeExactly '{"vm":"vm42","cancelled":true}'
    Should -Invoke Move-ClusterVirtualMachineRole -Times 1 -Exactly -ParameterFilter { $Name -eq 'vm42' -and $Cancel }
  }

  It 'refuses a VM that is not a clustered role with HyperVChatOps.VmNotFound' {
    Mock Get-ClusterGroup { New-TestGroup 'Cluster Group' (New-TestNode node1) -GroupType Cluster }
    $refusal = Get-ClusterScriptRefusal cancel-migration @{ Vm = 'Cluster Group' }
    $refusal.FullyQualifiedErrorId | Should -BeExactly 'HyperVChatOps.VmNotFound'
    $refusal.Exception.Message | Should -BeExactly 'no clustered VM named "Cluster Group" on hv-cluster'
  }

  It 'refuses with HyperVChatOps.NoMigrationRunning when MigrationState is <state>' -ForEach @(
    @{ state = 0 }, @{ state = 4 }, @{ state = 5 }
  ) {
    $script:migrationState = $state
    $refusal = Get-ClusterScriptRefusal cancel-migration @{ Vm = 'vm42' }
    $refusal.FullyQualifiedErrorId | Should -BeExactly 'HyperVChatOps.NoMigrationRunning'
    $refusal.Exception.Message | Should -BeExactly 'vm42 is not migrating'
    Should -Invoke Move-ClusterVirtualMachineRole -Times 0 -Exactly
  }

  It 'refuses with HyperVChatOps.NoMigrationRunning when MigrationState cannot be read' {
    Mock Get-ClusterParameter { throw 'The private property MigrationState does not exist.' } -ParameterFilter { $Name -eq 'MigrationState' }
    (Get-ClusterScriptRefusal cancel-migration @{ Vm = 'vm42' }).FullyQualifiedErrorId | Should -BeExactly 'HyperVChatOps.NoMigrationRunning'
  }

  It 'turns a failure of the cancel into HyperVChatOps.CmdletFailed with the Windows error as HRESULT' {
    Mock Move-ClusterVirtualMachineRole { throw (New-TestWin32Failure 5908 'The cancel failed.') }
    $refusal = Get-ClusterScriptRefusal cancel-migration @{ Vm = 'vm42' }
    $refusal.FullyQualifiedErrorId | Should -BeExactly 'HyperVChatOps.CmdletFailed'
    $refusal.TargetObject | Should -BeExactly '0x80071714'
    $refusal.Exception.Message | Should -BeExactly 'Move-ClusterVirtualMachineRole -Cancel failed: The cancel failed.'
  }
}
