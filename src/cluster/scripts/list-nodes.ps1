<#
.SYNOPSIS
  Lists the cluster's nodes: state, drain status, memory, how many live migrations each takes at
  once and how it moves memory (the migration performance option).
.OUTPUTS
  One JSON array (always an array, also for one node):
  [{"name":"node1","id":"1","state":"Up","drainStatus":"NotInitiated","memoryTotalMB":65536,"memoryFreeMB":33792,"liveMigrationLimit":2,
    "hostMigrationLimit":2,"clusterMigrationLimit":null,"migrationPerformance":"Compression"}]
  liveMigrationLimit is the one in force: clusterMigrationLimit when the cluster has one, else the
  host's. Memory and the host's settings are null for a node that is down or cannot be read from
  this node (with a warning).
.NOTES
  Reading another node's memory is a second hop (CIM to that node): it needs CredSSP or Kerberos
  delegation when this script runs in a WinRM session. The cluster's MaximumParallelMigrations
  (2022-09 CU and later) wins over each host's MaximumVirtualMachineMigrations.
  Needs the helpers of prelude.ps1 defined first (the bot sends them before the script; the JEA
  module holds them): Get-LocalSplat.
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
  $totalMB = $null
  $freeMB = $null
  $hostLimit = $null
  $performance = $null
  if ("$($node.State)" -ne 'Down') {
    # Splatting no -ComputerName for this node keeps its reads local (no second hop).
    $where = Get-LocalSplat $node.Name
    try {
      $os = Get-CimInstance -ClassName Win32_OperatingSystem @where
      $totalMB = [long][math]::Floor($os.TotalVisibleMemorySize / 1KB)
      $freeMB = [long][math]::Floor($os.FreePhysicalMemory / 1KB)
      $vmHost = Get-VMHost @where
      $hostLimit = [int]$vmHost.MaximumVirtualMachineMigrations
      $performance = "$($vmHost.VirtualMachineMigrationPerformanceOption)"
    } catch {
      Write-Warning "Could not read the memory or Hyper-V settings of $($node.Name): $($_.Exception.Message)"
    }
  }
  $limit = $clusterLimit
  if ($null -eq $limit) { $limit = $hostLimit }
  [pscustomobject]@{
    name                  = $node.Name
    id                    = "$($node.Id)"
    state                 = "$($node.State)"
    drainStatus           = "$($node.DrainStatus)"
    memoryTotalMB         = $totalMB
    memoryFreeMB          = $freeMB
    liveMigrationLimit    = $limit
    hostMigrationLimit    = $hostLimit
    clusterMigrationLimit = $clusterLimit
    migrationPerformance  = $performance
  }
}

ConvertTo-Json -InputObject @($rows) -Depth 4 -Compress
