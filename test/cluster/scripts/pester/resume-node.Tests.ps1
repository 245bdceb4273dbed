# resume-node.ps1: Resume-ClusterNode with the chosen failback, and its refusals.
BeforeAll {
  . (Join-Path $PSScriptRoot 'ScriptHarness.ps1')
  Mock Get-Cluster { New-TestCluster }
}

Describe 'resume-node.ps1' {
  BeforeAll {
    Mock Get-ClusterNode { if ($Name) { $script:nodes[$Name] } else { $script:nodes.Values | Sort-Object Name } }
    Mock Resume-ClusterNode { $script:nodes[$Name[0]] = New-TestNode $Name[0] -Id 2 }
  }

  BeforeEach {
    $script:nodes = @{ node1 = (New-TestNode node1); node2 = (New-TestNode node2 -State Paused -Id 2) }
  }

  It 'resumes a paused node with no failback unless asked, and prints its state as names' {
    $json = Invoke-ClusterScript resume-node @{ Node = 'node2' }
    $json | Should -BeExactly '{"name":"node2","state":"Up","drainStatus":"NotInitiated"}'
    Should -Invoke Resume-ClusterNode -Times 1 -Exactly -ParameterFilter { $Name -eq 'node2' -and $Failback -eq 'NoFailback' }
  }

  It 'passes -Failback Immediate through' {
    Invoke-ClusterScript resume-node @{ Node = 'node2'; Failback = 'Immediate' } | Out-Null
    Should -Invoke Resume-ClusterNode -Times 1 -Exactly -ParameterFilter { $Failback -eq 'Immediate' }
  }

  It 'refuses a failback its ValidateSet does not hold, before anything runs' {
    { Invoke-ClusterScript resume-node @{ Node = 'node2'; Failback = 'Now' } } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
    Should -Invoke Resume-ClusterNode -Times 0 -Exactly
  }

  It 'leaves an Up node as it is' {
    $json = Invoke-ClusterScript resume-node @{ Node = 'node1' }
    ($json | ConvertFrom-Json).state | Should -Be 'Up'
    Should -Invoke Resume-ClusterNode -Times 0 -Exactly
  }

  It 'refuses a node that is not in the cluster with HyperVChatOps.NodeNotFound' {
    $refusal = Get-ClusterScriptRefusal resume-node @{ Node = "node2'" }
    $refusal.FullyQualifiedErrorId | Should -BeExactly 'HyperVChatOps.NodeNotFound'
    $refusal.TargetObject | Should -BeExactly "node2'"
    $refusal.Exception.Message | Should -BeExactly "no node named `"node2'`" on hv-cluster"
  }

  It 'refuses a node that is down with HyperVChatOps.NodeNotUp' {
    $script:nodes.node2 = New-TestNode node2 -State Down -Id 2
    $refusal = Get-ClusterScriptRefusal resume-node @{ Node = 'node2' }
    $refusal.FullyQualifiedErrorId | Should -BeExactly 'HyperVChatOps.NodeNotUp'
    $refusal.CategoryInfo.Category | Should -Be 'ResourceUnavailable'
    $refusal.Exception.Message | Should -BeExactly 'node2 is down; only a paused node can be resumed'
  }

  It 'turns a failure of Resume-ClusterNode into HyperVChatOps.CmdletFailed with the Windows error as HRESULT' {
    Mock Resume-ClusterNode { throw (New-TestWin32Failure 5050 'Resume-ClusterNode failed.') }
    $refusal = Get-ClusterScriptRefusal resume-node @{ Node = 'node2' }
    $refusal.FullyQualifiedErrorId | Should -BeExactly 'HyperVChatOps.CmdletFailed'
    $refusal.TargetObject | Should -BeExactly '0x800713BA'
    $refusal.Exception.Message | Should -BeLike 'Resume-ClusterNode failed: *'
  }
}
