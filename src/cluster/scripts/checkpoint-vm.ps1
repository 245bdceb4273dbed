<#
.SYNOPSIS
  Takes a checkpoint of a VM on its owner node (Checkpoint-VM), named as given or, with no name,
  as Hyper-V names it ("vm42 - (11/25/2026 - 09:00:00)").
.OUTPUTS
  One JSON object, the new checkpoint:
  {"vm":"vm42","name":"before patching","id":"1c0e...","createdAt":"2026-11-25T09:00:00.0000000Z","parent":null}
.NOTES
  The VM's checkpoint type (Production by default since Windows Server 2016) decides whether the
  guest is asked to flush its data first. Refusals: HyperVChatOps.VmNotFound, NodeNotUp, Busy
  (migrating), and CmdletFailed (the cmdlet's own failure; its target object is the HRESULT).
  Needs the helpers of prelude.ps1 defined first (the bot sends them before the script; the JEA
  module holds them): New-ChatOpsError, Get-HResult.
#>
[CmdletBinding()]
param(
  [Parameter(Mandatory = $true)][string]$Vm,
  [string]$Name = ''
)
$ErrorActionPreference = 'Stop'

$clusterName = (Get-Cluster).Name
# The bot runs this on the node that holds the VM (its cluster role's owner, else the node it
# found it on): the VM is read here, never from another node.
$found = @(Get-VM | Where-Object { $_.Name -eq $Vm })[0]
$group = @(Get-ClusterGroup | Where-Object { "$($_.GroupType)" -eq 'VirtualMachine' -and $_.Name -eq $Vm })[0]
if ($null -eq $found) {
  if ($null -ne $group -and "$($group.OwnerNode.State)" -eq 'Down') {
    $PSCmdlet.ThrowTerminatingError((New-ChatOpsError 'NodeNotUp' "$($group.Name) is on $($group.OwnerNode.Name), which is down" $group.OwnerNode.Name 'ResourceUnavailable'))
  }
  $PSCmdlet.ThrowTerminatingError((New-ChatOpsError 'VmNotFound' "no VM named `"$Vm`" on $clusterName" $Vm 'ObjectNotFound'))
}
if ($null -ne $group) {
  $resource = @($group | Get-ClusterResource | Where-Object { "$($_.ResourceType)" -eq 'Virtual Machine' })[0]
  $migrationState = 0
  try { $migrationState = [int]($resource | Get-ClusterParameter -Name MigrationState).Value } catch { }
  if ($migrationState -ge 1 -and $migrationState -le 3) {
    $PSCmdlet.ThrowTerminatingError((New-ChatOpsError 'Busy' "$($found.Name) is already migrating" $found.Name 'ResourceBusy'))
  }
}

try {
  if ($Name -eq '') { $snapshot = Checkpoint-VM -VM $found -Passthru }
  else { $snapshot = Checkpoint-VM -VM $found -SnapshotName $Name -Passthru }
} catch {
  $hresult = Get-HResult $_.Exception
  $PSCmdlet.ThrowTerminatingError((New-ChatOpsError 'CmdletFailed' "Checkpoint-VM of $($found.Name) failed: $($_.Exception.Message)" $hresult 'NotSpecified'))
}

$snapshot = @($snapshot)[0]
$checkpoint = [pscustomobject]@{
  vm        = $found.Name
  name      = $snapshot.Name
  id        = "$($snapshot.Id)"
  createdAt = $snapshot.CreationTime.ToUniversalTime().ToString('o')
  parent    = $snapshot.ParentSnapshotName
}
ConvertTo-Json -InputObject $checkpoint -Depth 4 -Compress
