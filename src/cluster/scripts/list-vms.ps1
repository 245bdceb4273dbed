<#
.SYNOPSIS
  Lists the VMs on the cluster's nodes (clustered or not), optionally only those on one node.
.OUTPUTS
  One JSON array (always an array, also for one VM or none):
  [{"name":"vm42","id":"6f1d...","ownerNode":"node1","state":"Running","memoryMB":8192,"clustered":true,"possibleOwners":["node1","node2"]}]
  memoryMB is the memory assigned, or the startup memory of a VM that is off. possibleOwners lists
  the nodes that may own a clustered VM's resource (empty for a VM that is not clustered).
.NOTES
  VMs on other nodes are read with Get-VM -ComputerName, a second hop from a WinRM session; a node
  that cannot be read is left out with a warning.
  Needs the helpers of prelude.ps1 defined first (the bot sends them before the script; the JEA
  module holds them): New-ChatOpsError, Get-LocalSplat, Get-PossibleOwners.
#>
[CmdletBinding()]
param(
  # Only the VMs owned by this node (compared without regard to case); empty for all nodes.
  [string]$Node = ''
)
$ErrorActionPreference = 'Stop'

$nodes = @(Get-ClusterNode)
if ($Node -ne '') {
  $nodes = @($nodes | Where-Object { $_.Name -eq $Node })
  if ($nodes.Count -eq 0) {
    $clusterName = (Get-Cluster).Name
    $PSCmdlet.ThrowTerminatingError((New-ChatOpsError 'NodeNotFound' "no node named `"$Node`" on $clusterName" $Node 'ObjectNotFound'))
  }
}

$rows = foreach ($n in $nodes) {
  if ("$($n.State)" -eq 'Down') { continue }
  $where = Get-LocalSplat $n.Name
  try {
    $vms = @(Get-VM @where)
  } catch {
    Write-Warning "Could not read the VMs on $($n.Name): $($_.Exception.Message)"
    continue
  }
  foreach ($vm in $vms) {
    $memory = $vm.MemoryAssigned
    if ($memory -le 0) { $memory = $vm.MemoryStartup }
    [pscustomobject]@{
      name           = $vm.Name
      id             = "$($vm.VMId)"
      ownerNode      = $n.Name
      state          = "$($vm.State)"
      memoryMB       = [long]($memory / 1MB)
      clustered      = [bool]$vm.IsClustered
      possibleOwners = @(if ($vm.IsClustered) { Get-PossibleOwners $vm.VMId })
    }
  }
}

ConvertTo-Json -InputObject @($rows) -Depth 4 -Compress
