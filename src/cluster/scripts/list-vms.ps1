<#
.SYNOPSIS
  Lists the VMs on this node (clustered or not).
.OUTPUTS
  One JSON array (always an array, also for one VM or none):
  [{"name":"vm42","id":"6f1d...","ownerNode":"NODE1","state":"Running","memoryMB":8192,"clustered":true,"possibleOwners":["node1","node2"]}]
  memoryMB is the memory assigned, or the startup memory of a VM that is off. possibleOwners lists
  the nodes that may own a clustered VM's resource (empty for a VM that is not clustered).
  ownerNode is this computer's name; the bot reports the cluster's name of the node it ran on.
.NOTES
  Reads this node only (no -ComputerName): the bot runs it on every node that is up, each through
  its own session to that node, so no read hops to another node.
  Needs the helpers of prelude.ps1 defined first (the bot sends them before the script; the JEA
  module holds them): ConvertTo-VmRow.
#>
[CmdletBinding()]
param()
$ErrorActionPreference = 'Stop'

$rows = foreach ($vm in @(Get-VM)) { ConvertTo-VmRow $vm }

ConvertTo-Json -InputObject @($rows) -Depth 4 -Compress
