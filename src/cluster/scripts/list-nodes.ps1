<#
.SYNOPSIS
  Lists the cluster's nodes as the cluster knows them: state, drain status, and the cluster's own
  limit of simultaneous live migrations.
.OUTPUTS
  One JSON array (always an array, also for one node):
  [{"name":"node1","id":"1","state":"Up","drainStatus":"NotInitiated","clusterMigrationLimit":null}]
.NOTES
  Reads the cluster database only, which every node holds: it can run on any node. What a node
  knows of itself (memory, its Hyper-V migration settings) is read on that node by
  get-node-host.ps1, through the bot's own session to it: no second hop. The cluster's
  MaximumParallelMigrations (2022-09 CU and later) wins over each host's MaximumVirtualMachineMigrations.
#>
[CmdletBinding()]
param()
$ErrorActionPreference = 'Stop'

$cluster = Get-Cluster
$clusterLimit = $null
if ($cluster.PSObject.Properties['MaximumParallelMigrations']) {
  $clusterLimit = [int]$cluster.MaximumParallelMigrations
}

$rows = foreach ($node in Get-ClusterNode) {
  [pscustomobject]@{
    name                  = $node.Name
    id                    = "$($node.Id)"
    state                 = "$($node.State)"
    drainStatus           = "$($node.DrainStatus)"
    clusterMigrationLimit = $clusterLimit
  }
}

ConvertTo-Json -InputObject @($rows) -Depth 4 -Compress
