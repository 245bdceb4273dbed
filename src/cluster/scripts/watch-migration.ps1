<#
.SYNOPSIS
  One look at a VM's migration, for a caller that polls: the running Msvm_MigrationJob(s) of the
  VM, the newest finished one, the VM group's owner and state, and the VM resource's
  MigrationState, MigrationProgress and MigrationFailureReason.
.OUTPUTS
  One JSON object:
  {"vm":{"name":"vm42","id":"6f1d...","ownerNode":"node1","groupState":"Online","resourceState":"Online","vmState":"Running"},
   "target":"node2",
   "jobs":[{"host":"node1","destinationHost":"node2","jobState":4,"percentComplete":45,"startTime":"2026-11-25T09:00:00.0000000Z",
            "elapsedMs":12000,"errorCode":0,"errorDescription":null,"blackoutMs":null,"failureEventId":null}],
   "lastJob":null,
   "resource":{"migrationState":2,"migrationProgress":45,"migrationFailureReason":0},
   "upNodes":["node1","node2"]}
  jobState is Msvm_ConcreteJob.JobState: 4 Running, 7 Completed, 8 Terminated, 9 Killed, 10 Exception.
  migrationState: 0 none, 1 Setup, 2 Data Transfer, 3 Move, 4 Canceled, 5 Failure.
  failureEventId: 21502 when a failed job's source logged that the VM's live migration failed.
  upNodes: the nodes that are not down, where the bot looks for the job once the VM has moved.
.NOTES
  Finished jobs stay listed, at 100%, for their TimeBeforeRemoval (5 minutes): only JobState 4
  is a running job. A job lives on its source host, and the VM's state on its owner: the bot runs
  this on the VM's owner, through its own session to it; jobs and VM state are this node's
  (vmState Unknown when the VM is not here). The resource's private properties come through the
  cluster and can be read from any node.
  Needs the helpers of prelude.ps1 defined first (the bot sends them before the script; the JEA
  module holds them): New-ChatOpsError, Get-LocalMigrationJob.
#>
[CmdletBinding()]
param(
  [Parameter(Mandatory = $true)][string]$Vm,
  [Parameter(Mandatory = $true)][string]$Node
)
$ErrorActionPreference = 'Stop'

$clusterName = (Get-Cluster).Name
$group = @(Get-ClusterGroup | Where-Object { "$($_.GroupType)" -eq 'VirtualMachine' -and $_.Name -eq $Vm })[0]
if ($null -eq $group) {
  $PSCmdlet.ThrowTerminatingError((New-ChatOpsError 'VmNotFound' "no clustered VM named `"$Vm`" on $clusterName" $Vm 'ObjectNotFound'))
}
$target = @(Get-ClusterNode | Where-Object { $_.Name -eq $Node })[0]
if ($null -eq $target) {
  $PSCmdlet.ThrowTerminatingError((New-ChatOpsError 'NodeNotFound' "no node named `"$Node`" on $clusterName" $Node 'ObjectNotFound'))
}

$resource = @($group | Get-ClusterResource | Where-Object { "$($_.ResourceType)" -eq 'Virtual Machine' })[0]
$properties = @{}
foreach ($p in @($resource | Get-ClusterParameter)) { $properties[$p.Name] = $p.Value }
$vmId = "$($properties['VmID'])"

# This node's jobs of the VM: the bot runs this on the VM's owner, where a running migration's job
# lives (its source); once the VM has moved, the bot reads the finished job on the source itself
# (get-migration-jobs.ps1). Nothing here reads another node.
try {
  $local = Get-LocalMigrationJob $vmId $group.Name
} catch {
  Write-Warning "Could not read the migration jobs on $($env:COMPUTERNAME): $($_.Exception.Message)"
  $local = [pscustomobject]@{ jobs = @(); lastJob = $null }
}

$vmState = 'Unknown'
try { $vmState = "$((Get-VM -Id $vmId).State)" } catch { }

$migration = @{}
foreach ($property in 'MigrationState', 'MigrationProgress', 'MigrationFailureReason') {
  $migration[$property] = $null
  if ($properties.ContainsKey($property)) { $migration[$property] = [long]$properties[$property] }
}

$snapshot = [pscustomobject]@{
  vm       = [pscustomobject]@{
    name          = $group.Name
    id            = $vmId
    ownerNode     = $group.OwnerNode.Name
    groupState    = "$($group.State)"
    resourceState = "$($resource.State)"
    vmState       = $vmState
  }
  target   = $target.Name
  jobs     = @($local.jobs)
  lastJob  = $local.lastJob
  upNodes  = @(Get-ClusterNode | Where-Object { "$($_.State)" -ne 'Down' } | ForEach-Object { $_.Name })
  resource = [pscustomobject]@{
    migrationState         = $migration['MigrationState']
    migrationProgress      = $migration['MigrationProgress']
    migrationFailureReason = $migration['MigrationFailureReason']
  }
}
ConvertTo-Json -InputObject $snapshot -Depth 4 -Compress
