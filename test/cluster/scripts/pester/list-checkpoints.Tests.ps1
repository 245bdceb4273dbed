# list-checkpoints.ps1: a VM's checkpoints, oldest first, always as an array.
BeforeAll {
  . (Join-Path $PSScriptRoot 'ScriptHarness.ps1')
  function New-TestSnapshot {
    param([string]$Name, [int]$Hour, [string]$Parent)
    [pscustomobject]@{
      Name               = $Name
      Id                 = [guid]::new("1c0e0000-0000-4000-8000-0000000000$('{0:D2}' -f $Hour)")
      CreationTime       = [datetime]::new(2026, 11, 25, $Hour, 0, 0, [System.DateTimeKind]::Utc).ToLocalTime()
      ParentSnapshotName = $(if ($Parent) { $Parent } else { $null })
    }
  }
  Mock Get-Cluster { New-TestCluster }
  Mock Get-ClusterNode { (New-TestNode node1), (New-TestNode node2 -Id 2 -State Down) }
  Mock Get-VM { $script:vms }
  Mock Get-ClusterGroup { $script:groups }
  Mock Get-VMSnapshot { $script:snapshots }
}

Describe 'list-checkpoints.ps1' {
  BeforeEach {
    $script:vms = @(New-TestVm vm42)
    $script:groups = @()
    $script:snapshots = @((New-TestSnapshot 'after' 11 'before'), (New-TestSnapshot 'before' 9))
  }

  It 'lists the checkpoints oldest first, with their parents' {
    $json = Invoke-ClusterScript list-checkpoints @{ Vm = 'vm42' }
    $json | Should -Match '^\[\{"vm":"vm42","name":"before",[^}]*"createdAt":"2026-11-25T09:00:00.0000000Z","parent":null\},\{"vm":"vm42","name":"after",[^}]*"createdAt":"2026-11-25T11:00:00.0000000Z","parent":"before"\}\]$' 
    Should -Invoke Get-VMSnapshot -Times 1 -Exactly -ParameterFilter { $VM.Name -eq 'vm42' }
  }

  It 'prints one checkpoint as an array of one, with a null parent' {
    $script:snapshots = @(New-TestSnapshot 'only' 9)
    Invoke-ClusterScript list-checkpoints @{ Vm = 'vm42' } | Should -BeExactly '[{"vm":"vm42","name":"only","id":"1c0e0000-0000-4000-8000-000000000009","createdAt":"2026-11-25T09:00:00.0000000Z","parent":null}]'
  }

  It 'prints an empty array for a VM without checkpoints' {
    $script:snapshots = @()
    Invoke-ClusterScript list-checkpoints @{ Vm = 'vm42' } | Should -BeExactly '[]'
  }

  It 'refuses a VM whose owner node is down with HyperVChatOps.NodeNotUp' {
    $script:vms = @()
    $script:groups = @(New-TestGroup vm42 (New-TestNode node2 -Id 2 -State Down))
    $refusal = Get-ClusterScriptRefusal list-checkpoints @{ Vm = 'vm42' }
    $refusal.FullyQualifiedErrorId | Should -BeExactly 'HyperVChatOps.NodeNotUp'
    $refusal.Exception.Message | Should -BeExactly 'vm42 is on node2, which is down'
  }

  It 'refuses a VM that is nowhere with HyperVChatOps.VmNotFound, even when a wildcard would match' {
    $refusal = Get-ClusterScriptRefusal list-checkpoints @{ Vm = 'vm*' }
    $refusal.FullyQualifiedErrorId | Should -BeExactly 'HyperVChatOps.VmNotFound'
    $refusal.TargetObject | Should -BeExactly 'vm*'
  }
}
