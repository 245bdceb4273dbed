# move-volume.ps1: Move-ClusterSharedVolume to another node, after the checks it would fail on.
BeforeAll {
  . (Join-Path $PSScriptRoot 'ScriptHarness.ps1')
  Mock Get-Cluster { New-TestCluster }
  Mock Get-ClusterNode { (New-TestNode node1), (New-TestNode node2 -Id 2), (New-TestNode node3 -Id 3 -State Paused) }
  Mock Get-ClusterSharedVolume {
    [pscustomobject]@{ Name = 'Cluster Disk 3'; OwnerNode = New-TestNode node1; State = [Microsoft.FailoverClusters.PowerShell.ClusterResourceState]$script:volumeState }
  }
  Mock Move-ClusterSharedVolume { }
}

Describe 'move-volume.ps1' {
  BeforeEach { $script:volumeState = 'Online' }

  It 'moves the volume to the node and says from where, and how long it took' {
    $moved = Invoke-ClusterScript move-volume @{ Volume = 'Cluster Disk 3'; Node = 'node2' } | ConvertFrom-Json
    "$($moved.volume) $($moved.source) $($moved.target)" | Should -BeExactly 'Cluster Disk 3 node1 node2'
    $moved.durationMs | Should -BeOfType [long]
    Should -Invoke Move-ClusterSharedVolume -Times 1 -Exactly -ParameterFilter { $Name -eq 'Cluster Disk 3' -and $Node -eq 'node2' }
  }

  It 'refuses a volume that is not a CSV with HyperVChatOps.VolumeNotFound' {
    $refusal = Get-ClusterScriptRefusal move-volume @{ Volume = 'Cluster Disk *'; Node = 'node2' }
    $refusal.FullyQualifiedErrorId | Should -BeExactly 'HyperVChatOps.VolumeNotFound'
    $refusal.Exception.Message | Should -BeExactly 'no Cluster Shared Volume named "Cluster Disk *" on hv-cluster'
  }

  It 'refuses a node that is not in the cluster with HyperVChatOps.NodeNotFound' {
    (Get-ClusterScriptRefusal move-volume @{ Volume = 'Cluster Disk 3'; Node = 'node9' }).FullyQualifiedErrorId | Should -BeExactly 'HyperVChatOps.NodeNotFound'
  }

  It 'refuses a volume that is <state> with HyperVChatOps.WrongState' -ForEach @(@{ state = 'Offline' }, @{ state = 'Failed' }, @{ state = 'OnlinePending' }) {
    $script:volumeState = $state
    $refusal = Get-ClusterScriptRefusal move-volume @{ Volume = 'Cluster Disk 3'; Node = 'node2' }
    $refusal.FullyQualifiedErrorId | Should -BeExactly 'HyperVChatOps.WrongState'
    $refusal.Exception.Message | Should -BeExactly "Cluster Disk 3 is $state; only an online volume can move"
  }

  It 'refuses a move to the owner with HyperVChatOps.AlreadyThere' {
    $refusal = Get-ClusterScriptRefusal move-volume @{ Volume = 'Cluster Disk 3'; Node = 'node1' }
    $refusal.FullyQualifiedErrorId | Should -BeExactly 'HyperVChatOps.AlreadyThere'
    $refusal.Exception.Message | Should -BeExactly 'Cluster Disk 3 is already owned by node1'
  }

  It 'refuses a paused node with HyperVChatOps.NodeNotUp' {
    $refusal = Get-ClusterScriptRefusal move-volume @{ Volume = 'Cluster Disk 3'; Node = 'node3' }
    $refusal.FullyQualifiedErrorId | Should -BeExactly 'HyperVChatOps.NodeNotUp'
    $refusal.Exception.Message | Should -BeExactly 'node3 is paused, so it cannot take Cluster Disk 3'
    Should -Invoke Move-ClusterSharedVolume -Times 0 -Exactly
  }

  It 'turns a failure of the move into HyperVChatOps.CmdletFailed with the Windows error as HRESULT' {
    Mock Move-ClusterSharedVolume { throw (New-TestWin32Failure 5023 'The group or resource is not in the correct state.') }
    $refusal = Get-ClusterScriptRefusal move-volume @{ Volume = 'Cluster Disk 3'; Node = 'node2' }
    $refusal.FullyQualifiedErrorId | Should -BeExactly 'HyperVChatOps.CmdletFailed'
    $refusal.TargetObject | Should -BeExactly '0x8007139F'
  }
}
