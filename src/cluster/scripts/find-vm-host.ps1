<#
.SYNOPSIS
  Where the cluster says a VM runs: the owner node of its clustered role, and the nodes that are
  not down (where the bot looks for a VM the cluster does not hold).
.OUTPUTS
  One JSON object:
  {"owner":"node1","ownerState":"Up","upNodes":["node1","node2"]}
  owner and ownerState are null when no clustered VM role has that name (compared without regard to case).
.NOTES
  Reads the cluster database only: it can run on any node. The bot then runs the VM's operation
  on its owner, through its own session to that node.
#>
[CmdletBinding()]
param(
  [Parameter(Mandatory = $true)][string]$Vm
)
$ErrorActionPreference = 'Stop'

$group = @(Get-ClusterGroup | Where-Object { "$($_.GroupType)" -eq 'VirtualMachine' -and $_.Name -eq $Vm })[0]
$owner = $null
$ownerState = $null
if ($null -ne $group) {
  $owner = $group.OwnerNode.Name
  $ownerState = "$($group.OwnerNode.State)"
}
$up = @(Get-ClusterNode | Where-Object { "$($_.State)" -ne 'Down' } | ForEach-Object { $_.Name })
$row = [pscustomobject]@{ owner = $owner; ownerState = $ownerState; upNodes = $up }
ConvertTo-Json -InputObject $row -Depth 4 -Compress
