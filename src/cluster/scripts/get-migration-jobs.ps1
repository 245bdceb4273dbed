<#
.SYNOPSIS
  This node's migration jobs of a VM: the running ones, and the newest finished one with its
  blackout time (VMMS 20415/20417) or failure event (21502) from this node's logs.
.OUTPUTS
  One JSON object:
  {"jobs":[],"lastJob":{"host":"NODE1","destinationHost":"node2","jobState":7,"percentComplete":100,"startTime":"2026-11-25T09:00:00.0000000Z",
   "elapsedMs":21000,"errorCode":0,"errorDescription":null,"blackoutMs":314,"failureEventId":null}}
.NOTES
  A job lives on its source host for its TimeBeforeRemoval (5 minutes) after it ends. The bot runs
  this on the nodes other than the VM's owner, each through its own session, when the owner has no
  job of the VM (the VM moved away from its source): no read hops to another node.
  Needs the helpers of prelude.ps1 defined first (the bot sends them before the script; the JEA
  module holds them): Get-LocalMigrationJob.
#>
[CmdletBinding()]
param(
  [Parameter(Mandatory = $true)][string]$VmId,
  [Parameter(Mandatory = $true)][string]$Vm
)
$ErrorActionPreference = 'Stop'

$local = Get-LocalMigrationJob $VmId $Vm
$row = [pscustomobject]@{ jobs = @($local.jobs); lastJob = $local.lastJob }
ConvertTo-Json -InputObject $row -Depth 4 -Compress
