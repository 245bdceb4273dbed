# pause-node.ps1: Suspend-ClusterNode without -Drain, and its refusals.
BeforeAll {
  . (Join-Path $PSScriptRoot 'ScriptHarness.ps1')
  Mock Get-Cluster { New-TestCluster }
}

Describe 'pause-node.ps1' {
  BeforeAll {
    Mock Get-ClusterNode { if ($Name) { $script:nodes[$Name] } else { $script:nodes.Values | Sort-Object Name } }
    Mock Suspend-ClusterNode { $script:nodes[$Name[0]] = New-TestNode $Name[0] -State Paused -Id 2 }
  }

  BeforeEach {
    $script:nodes = @{ node1 = (New-TestNode node1); node2 = (New-TestNode node2 -Id 2) }
  }

  It 'pauses an Up node without -Drain and prints its state afterwards as names' {
    $json = Invoke-ClusterScript pause-node @{ Node = 'node2' }
    $json | Should -BeExactly '{"name":"node2","state":"Paused","drainStatus":"NotInitiated"}'
    Should -Invoke Suspend-ClusterNode -Times 1 -Exactly -ParameterFilter { $Name -eq 'node2' -and -not $Drain }
  }

  It 'leaves a paused node as it is' {
    $script:nodes.node2 = New-TestNode node2 -State Paused -Id 2
    $json = Invoke-ClusterScript pause-node @{ Node = 'node2' }
    ($json | ConvertFrom-Json).state | Should -Be 'Paused'
    Should -Invoke Suspend-ClusterNode -Times 0 -Exactly
  }

  It 'refuses a node that is not in the cluster with HyperVChatOps.NodeNotFound' {
    $refusal = Get-ClusterScriptRefusal pause-node @{ Node = 'NODE9' }
    $refusal.FullyQualifiedErrorId | Should -BeExactly 'HyperVChatOps.NodeNotFound'
    $refusal.CategoryInfo.Category | Should -Be 'ObjectNotFound'
    $refusal.TargetObject | Should -BeExactly 'NODE9'
    $refusal.Exception.Message | Should -BeExactly 'no node named "NODE9" on hv-cluster'
  }

  It 'refuses a node that is down with HyperVChatOps.NodeNotUp' {
    $script:nodes.node2 = New-TestNode node2 -State Down -Id 2
    $refusal = Get-ClusterScriptRefusal pause-node @{ Node = 'node2' }
    $refusal.FullyQualifiedErrorId | Should -BeExactly 'HyperVChatOps.NodeNotUp'
    $refusal.CategoryInfo.Category | Should -Be 'ResourceUnavailable'
    $refusal.Exception.Message | Should -BeExactly 'node2 is down and cannot be paused'
    Should -Invoke Suspend-ClusterNode -Times 0 -Exactly
  }

  It 'turns a failure of Suspend-ClusterNode into HyperVChatOps.CmdletFailed with the Windows error as HRESULT' {
    Mock Suspend-ClusterNode { throw (New-TestWin32Failure 5072 'Suspend-ClusterNode failed.') }
    $refusal = Get-ClusterScriptRefusal pause-node @{ Node = 'node2' }
    $refusal.FullyQualifiedErrorId | Should -BeExactly 'HyperVChatOps.CmdletFailed'
    $refusal.TargetObject | Should -BeExactly '0x800713D0'
    $refusal.Exception.Message | Should -BeLike 'Suspend-ClusterNode failed: *'
  }
}
