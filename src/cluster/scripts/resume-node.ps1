<#
.SYNOPSIS
  Resumes a paused node (Resume-ClusterNode), optionally failing back the roles that left it.
.OUTPUTS
  One JSON object: {"name":"node2","state":"Up","drainStatus":"NotInitiated"}
.NOTES
  -Failback: Immediate moves the roles back now, NoFailback leaves them, Policy follows each
  group's failback policy. Resuming a node that is Up changes nothing. Refusals:
  HyperVChatOps.NodeNotFound, HyperVChatOps.NodeNotUp (down), HyperVChatOps.CmdletFailed.
  Needs the helpers of prelude.ps1 defined first (the bot sends them before the script; the JEA
  module holds them): New-ChatOpsError, Get-HResult.
#>
[CmdletBinding()]
param(
  [Parameter(Mandatory = $true)][string]$Node,
  [ValidateSet('Immediate', 'NoFailback', 'Policy')][string]$Failback = 'NoFailback'
)
$ErrorActionPreference = 'Stop'

$clusterName = (Get-Cluster).Name
$found = @(Get-ClusterNode | Where-Object { $_.Name -eq $Node })[0]
if ($null -eq $found) {
  $PSCmdlet.ThrowTerminatingError((New-ChatOpsError 'NodeNotFound' "no node named `"$Node`" on $clusterName" $Node 'ObjectNotFound'))
}
if ("$($found.State)" -eq 'Down') {
  $PSCmdlet.ThrowTerminatingError((New-ChatOpsError 'NodeNotUp' "$($found.Name) is down; only a paused node can be resumed" $found.Name 'ResourceUnavailable'))
}

if ("$($found.State)" -eq 'Paused') {
  try {
    Resume-ClusterNode -Name $found.Name -Failback $Failback | Out-Null
  } catch {
    $hresult = Get-HResult $_.Exception
    $PSCmdlet.ThrowTerminatingError((New-ChatOpsError 'CmdletFailed' "Resume-ClusterNode failed: $($_.Exception.Message)" $hresult 'NotSpecified'))
  }
}

$now = Get-ClusterNode -Name $found.Name
$result = [pscustomobject]@{ name = $now.Name; state = "$($now.State)"; drainStatus = "$($now.DrainStatus)" }
ConvertTo-Json -InputObject $result -Depth 4 -Compress
