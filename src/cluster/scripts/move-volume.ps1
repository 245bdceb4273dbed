<#
.SYNOPSIS
  Makes a node the coordinator (owner) of a Cluster Shared Volume with Move-ClusterSharedVolume,
  after the checks the cluster would otherwise fail on, and waits until the move is done.
.OUTPUTS
  One JSON object: {"volume":"Cluster Disk 3","source":"node1","target":"node2","durationMs":2150}
.NOTES
  Every node keeps using the volume; its metadata I/O pauses while ownership moves. Refusals:
  HyperVChatOps.VolumeNotFound, NodeNotFound, WrongState (the volume is not online), AlreadyThere,
  NodeNotUp, and CmdletFailed (the cmdlet's own failure; its target object is the HRESULT).
  The bot runs this on the volume's coordinator (its owner node), through its own session to it.
  Needs the helpers of prelude.ps1 defined first (the bot sends them before the script; the JEA
  module holds them): New-ChatOpsError, Get-HResult.
#>
[CmdletBinding()]
param(
  [Parameter(Mandatory = $true)][string]$Volume,
  [Parameter(Mandatory = $true)][string]$Node
)
$ErrorActionPreference = 'Stop'

$clusterName = (Get-Cluster).Name
$csv = @(Get-ClusterSharedVolume | Where-Object { $_.Name -eq $Volume })[0]
if ($null -eq $csv) {
  $PSCmdlet.ThrowTerminatingError((New-ChatOpsError 'VolumeNotFound' "no Cluster Shared Volume named `"$Volume`" on $clusterName" $Volume 'ObjectNotFound'))
}
$target = @(Get-ClusterNode | Where-Object { $_.Name -eq $Node })[0]
if ($null -eq $target) {
  $PSCmdlet.ThrowTerminatingError((New-ChatOpsError 'NodeNotFound' "no node named `"$Node`" on $clusterName" $Node 'ObjectNotFound'))
}
$state = "$($csv.State)"
if ($state -ne 'Online') {
  $PSCmdlet.ThrowTerminatingError((New-ChatOpsError 'WrongState' "$($csv.Name) is $state; only an online volume can move" $csv.Name 'InvalidOperation'))
}
$source = $csv.OwnerNode.Name
if ($source -eq $target.Name) {
  $PSCmdlet.ThrowTerminatingError((New-ChatOpsError 'AlreadyThere' "$($csv.Name) is already owned by $($target.Name)" $csv.Name 'InvalidOperation'))
}
if ("$($target.State)" -ne 'Up') {
  $nodeState = "$($target.State)".ToLowerInvariant()
  $PSCmdlet.ThrowTerminatingError((New-ChatOpsError 'NodeNotUp' "$($target.Name) is $nodeState, so it cannot take $($csv.Name)" $target.Name 'ResourceUnavailable'))
}

$watch = [System.Diagnostics.Stopwatch]::StartNew()
try {
  Move-ClusterSharedVolume -Name $csv.Name -Node $target.Name | Out-Null
} catch {
  $hresult = Get-HResult $_.Exception
  $PSCmdlet.ThrowTerminatingError((New-ChatOpsError 'CmdletFailed' "Move-ClusterSharedVolume failed: $($_.Exception.Message)" $hresult 'NotSpecified'))
}
$watch.Stop()

$moved = [pscustomobject]@{
  volume     = $csv.Name
  source     = $source
  target     = $target.Name
  durationMs = [long]$watch.ElapsedMilliseconds
}
ConvertTo-Json -InputObject $moved -Depth 4 -Compress
