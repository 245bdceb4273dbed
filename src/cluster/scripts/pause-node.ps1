<#
.SYNOPSIS
  Pauses a node so that the cluster places no role on it (Suspend-ClusterNode without -Drain).
  The bot moves the VMs away itself, within its own per-node migration limit.
.OUTPUTS
  One JSON object: {"name":"node2","state":"Paused","drainStatus":"NotInitiated"}
.NOTES
  Pausing a paused node changes nothing. Refusals: HyperVChatOps.NodeNotFound,
  HyperVChatOps.NodeNotUp (the node is down), HyperVChatOps.CmdletFailed (target = HRESULT).
  Needs the helpers of prelude.ps1 defined first (the bot sends them before the script; the JEA
  module holds them): New-ChatOpsError, Get-HResult.
#>
[CmdletBinding()]
param(
  [Parameter(Mandatory = $true)][string]$Node
)
$ErrorActionPreference = 'Stop'

$clusterName = (Get-Cluster).Name
$found = @(Get-ClusterNode | Where-Object { $_.Name -eq $Node })[0]
if ($null -eq $found) {
  $PSCmdlet.ThrowTerminatingError((New-ChatOpsError 'NodeNotFound' "no node named `"$Node`" on $clusterName" $Node 'ObjectNotFound'))
}
if ("$($found.State)" -eq 'Down') {
  $PSCmdlet.ThrowTerminatingError((New-ChatOpsError 'NodeNotUp' "$($found.Name) is down and cannot be paused" $found.Name 'ResourceUnavailable'))
}

if ("$($found.State)" -eq 'Up') {
  try {
    Suspend-ClusterNode -Name $found.Name | Out-Null
  } catch {
    $hresult = Get-HResult $_.Exception
    $PSCmdlet.ThrowTerminatingError((New-ChatOpsError 'CmdletFailed' "Suspend-ClusterNode failed: $($_.Exception.Message)" $hresult 'NotSpecified'))
  }
}

$now = Get-ClusterNode -Name $found.Name
$result = [pscustomobject]@{ name = $now.Name; state = "$($now.State)"; drainStatus = "$($now.DrainStatus)" }
ConvertTo-Json -InputObject $result -Depth 4 -Compress
