<#
.SYNOPSIS
  Lists a VM's checkpoints (Get-VMSnapshot), oldest first.
.OUTPUTS
  One JSON array (always an array, also for one checkpoint or none):
  [{"vm":"vm42","name":"before patching","id":"1c0e...","createdAt":"2026-11-25T09:00:00.0000000Z","parent":null}]
.NOTES
  The bot runs this on the node that holds the VM; the VM is found there by exact name, then its
  checkpoints are read from it (Get-VMSnapshot -VMName would take wildcards). Refusals: HyperVChatOps.VmNotFound, NodeNotUp.
  Needs the helpers of prelude.ps1 defined first (the bot sends them before the script; the JEA
  module holds them): New-ChatOpsError.
#>
[CmdletBinding()]
param(
  [Parameter(Mandatory = $true)][string]$Vm
)
$ErrorActionPreference = 'Stop'

$clusterName = (Get-Cluster).Name
# The bot runs this on the node that holds the VM (its cluster role's owner, else the node it
# found it on): the VM is read here, never from another node.
$found = @(Get-VM | Where-Object { $_.Name -eq $Vm })[0]
if ($null -eq $found) {
  $group = @(Get-ClusterGroup | Where-Object { "$($_.GroupType)" -eq 'VirtualMachine' -and $_.Name -eq $Vm })[0]
  if ($null -ne $group -and "$($group.OwnerNode.State)" -eq 'Down') {
    $PSCmdlet.ThrowTerminatingError((New-ChatOpsError 'NodeNotUp' "$($group.Name) is on $($group.OwnerNode.Name), which is down" $group.OwnerNode.Name 'ResourceUnavailable'))
  }
  $PSCmdlet.ThrowTerminatingError((New-ChatOpsError 'VmNotFound' "no VM named `"$Vm`" on $clusterName" $Vm 'ObjectNotFound'))
}

$rows = foreach ($snapshot in @(Get-VMSnapshot -VM $found | Sort-Object CreationTime)) {
  [pscustomobject]@{
    vm        = $found.Name
    name      = $snapshot.Name
    id        = "$($snapshot.Id)"
    createdAt = $snapshot.CreationTime.ToUniversalTime().ToString('o')
    parent    = $snapshot.ParentSnapshotName
  }
}

ConvertTo-Json -InputObject @($rows) -Depth 4 -Compress
