<#
.SYNOPSIS
  Finds the VM with exactly this name (compared without regard to case, no wildcards) on this node.
.OUTPUTS
  One JSON array with every VM of that name here: none, or one.
  [{"name":"vm42","id":"6f1d...","ownerNode":"NODE1","state":"Running","memoryMB":8192,"clustered":true,"possibleOwners":["node1","node2"]}]
.NOTES
  Get-VM -Name takes wildcards ("vm[1]", "*"), so the name is compared with -eq instead.
  Reads this node only: the bot runs it on each node that is up, through its own session to each.
  Needs the helpers of prelude.ps1 defined first (the bot sends them before the script; the JEA
  module holds them): ConvertTo-VmRow.
#>
[CmdletBinding()]
param(
  [Parameter(Mandatory = $true)][string]$Name
)
$ErrorActionPreference = 'Stop'

$rows = foreach ($vm in @(Get-VM | Where-Object { $_.Name -eq $Name })) { ConvertTo-VmRow $vm }

ConvertTo-Json -InputObject @($rows) -Depth 4 -Compress
