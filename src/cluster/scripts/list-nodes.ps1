<#
.SYNOPSIS
  Lists the cluster's nodes: state, drain status, memory, and how many live migrations each takes at once.
.OUTPUTS
  One JSON array (always an array, also for one node):
  [{"name":"node1","id":"1","state":"Up","drainStatus":"NotInitiated","memoryTotalMB":65536,"memoryFreeMB":33792,"liveMigrationLimit":2}]
  Memory and the limit are null for a node that is down or cannot be read from this node (with a warning).
.NOTES
  Reading another node's memory is a second hop (CIM to that node): it needs CredSSP or Kerberos
  delegation when this script runs in a WinRM session. The cluster's MaximumParallelMigrations
  (2022-09 CU and later) wins over each host's MaximumVirtualMachineMigrations.
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
  $limit = $clusterLimit
  if ("$($node.State)" -ne 'Down') {
    # Splatting no -ComputerName for this node keeps its reads local (no second hop).
    $where = @{}
    if ($node.Name -ne $env:COMPUTERNAME) { $where.ComputerName = $node.Name }
    try {
      $os = Get-CimInstance -ClassName Win32_OperatingSystem @where
      $totalMB = [long][math]::Floor($os.TotalVisibleMemorySize / 1KB)
      $freeMB = [long][math]::Floor($os.FreePhysicalMemory / 1KB)
      if ($null -eq $limit) { $limit = [int](Get-VMHost @where).MaximumVirtualMachineMigrations }
    } catch {
      Write-Warning "Could not read the memory of $($node.Name): $($_.Exception.Message)"
    }
  }
  [pscustomobject]@{
    name               = $node.Name
    id                 = "$($node.Id)"
    state              = "$($node.State)"
    drainStatus        = "$($node.DrainStatus)"
    memoryTotalMB      = $totalMB
    memoryFreeMB       = $freeMB
    liveMigrationLimit = $limit
  }
}

ConvertTo-Json -InputObject @($rows) -Depth 4 -Compress
