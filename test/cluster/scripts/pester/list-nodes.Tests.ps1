# list-nodes.ps1: the nodes as the cluster database lists them (state, drain status, the cluster's
# limit); the shapes Windows PowerShell 5.1 would print (enums as numbers, one item). It reads no
# node: what a node knows of itself is get-node-host.ps1's, run on that node.
BeforeAll {
  . (Join-Path $PSScriptRoot 'ScriptHarness.ps1')
}

Describe 'list-nodes.ps1' {
  BeforeAll {
    Mock Get-Cluster { New-TestCluster }
    Mock Get-ClusterNode { New-TestNode node1; New-TestNode node2 -Id 2 -State Paused -DrainStatus Completed; New-TestNode node3 -Id 3 -State Down }
    Mock Get-CimInstance { }
    Mock Get-VMHost { }
  }

  It 'prints the enums as their names, never as the numbers ConvertTo-Json would write' {
    $rows = Invoke-ClusterScript list-nodes | ConvertFrom-Json
    $rows | ForEach-Object { "$($_.name) $($_.state) $($_.drainStatus)" } | Should -Be @('node1 Up NotInitiated', 'node2 Paused Completed', 'node3 Down NotInitiated')
    $rows[0].id | Should -BeExactly '1'
    $rows[0].clusterMigrationLimit | Should -BeNullOrEmpty
  }

  It "gives the cluster's MaximumParallelMigrations when the cluster has one" {
    Mock Get-Cluster { [pscustomobject]@{ Name = 'hv-cluster'; MaximumParallelMigrations = [uint32]1 } }
    @(Invoke-ClusterScript list-nodes | ConvertFrom-Json)[0].clusterMigrationLimit | Should -Be 1
  }

  It 'reads no node, not even this one' {
    Invoke-ClusterScript list-nodes | Out-Null
    Should -Invoke Get-CimInstance -Times 0 -Exactly
    Should -Invoke Get-VMHost -Times 0 -Exactly
  }

  It 'prints one node as an array of one, as 5.1 would not by itself' {
    Mock Get-ClusterNode { New-TestNode node1 }
    Invoke-ClusterScript list-nodes | Should -BeExactly '[{"name":"node1","id":"1","state":"Up","drainStatus":"NotInitiated","clusterMigrationLimit":null}]'
  }

  It 'prints an empty array for a cluster that lists no node' {
    Mock Get-ClusterNode { }
    Invoke-ClusterScript list-nodes | Should -BeExactly '[]'
  }
}
