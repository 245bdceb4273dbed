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
   "resource":{"migrationState":2,"migrationProgress":45,"migrationFailureReason":0}}
  jobState is Msvm_ConcreteJob.JobState: 4 Running, 7 Completed, 8 Terminated, 9 Killed, 10 Exception.
  migrationState: 0 none, 1 Setup, 2 Data Transfer, 3 Move, 4 Canceled, 5 Failure.
  failureEventId: 21502 when a failed job's source logged that the VM's live migration failed.
.NOTES
  Finished jobs stay listed, at 100%, for their TimeBeforeRemoval (5 minutes): only JobState 4
  is a running job. A job lives on its source host; other nodes are read over CIM, a second hop
  from a WinRM session, and skipped with a warning when that is refused. The resource's private
  properties come through the cluster and can be read from any node.
  Needs the helpers of prelude.ps1 defined first (the bot sends them before the script; the JEA
  module holds them): New-ChatOpsError, Get-LocalSplat.
#>
[CmdletBinding()]
param(
  [Parameter(Mandatory = $true)][string]$Vm,
  [Parameter(Mandatory = $true)][string]$Node
)
$ErrorActionPreference = 'Stop'

function ConvertTo-JobRow {
  param($Job, [string]$HostName)
  $startTime = $null
  if ($null -ne $Job.StartTime) { $startTime = $Job.StartTime.ToUniversalTime().ToString('o') }
  $elapsedMs = $null
  if ($null -ne $Job.ElapsedTime) { $elapsedMs = [long]$Job.ElapsedTime.TotalMilliseconds }
  [pscustomobject]@{
    host             = $HostName
    destinationHost  = $Job.DestinationHost
    jobState         = [int]$Job.JobState
    percentComplete  = [int]$Job.PercentComplete
    startTime        = $startTime
    elapsedMs        = $elapsedMs
    errorCode        = [int]$Job.ErrorCode
    errorDescription = $Job.ErrorDescription
    blackoutMs       = $null
    failureEventId   = $null
  }
}

function Get-FailureEventId {
  # Hyper-V-High-Availability-Admin 21502 on the source: a live migration of the VM failed (its text says why).
  param([string]$HostName, [string]$VmName, [datetime]$Since)
  $where = Get-LocalSplat $HostName
  $filter = @{ LogName = 'Microsoft-Windows-Hyper-V-High-Availability-Admin'; Id = 21502; StartTime = $Since }
  $found = @(Get-WinEvent -FilterHashtable $filter -MaxEvents 20 @where |
      Where-Object { "$($_.Message)".IndexOf($VmName, [System.StringComparison]::OrdinalIgnoreCase) -ge 0 })[0]
  if ($null -eq $found) { return $null }
  [int]$found.Id
}

function Get-BlackoutMs {
  # Hyper-V-VMMS-Admin events 20415/20417 on the source: Parameter0 VM name, 1 VM id, 2 blackout seconds.
  param([string]$HostName, [string]$VmId, [datetime]$Since)
  $where = Get-LocalSplat $HostName
  $filter = @{ LogName = 'Microsoft-Windows-Hyper-V-VMMS-Admin'; Id = 20415, 20417; StartTime = $Since }
  $found = @(Get-WinEvent -FilterHashtable $filter -MaxEvents 50 @where | Where-Object { "$($_.Properties[1].Value)" -eq $VmId })[0]
  if ($null -eq $found) { return $null }
  [long]([double]"$($found.Properties[2].Value)" * 1000)
}

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

$jobs = @()
$finished = @()
foreach ($n in Get-ClusterNode | Where-Object { "$($_.State)" -ne 'Down' }) {
  $where = Get-LocalSplat $n.Name
  try {
    $found = @(Get-CimInstance -Namespace 'root\virtualization\v2' -ClassName Msvm_MigrationJob @where |
        Where-Object { $_.VirtualSystemName -eq $vmId })
  } catch {
    Write-Warning "Could not read the migration jobs on $($n.Name): $($_.Exception.Message)"
    continue
  }
  foreach ($job in $found) {
    if ([int]$job.JobState -eq 4) { $jobs += ConvertTo-JobRow $job $n.Name }
    else { $finished += [pscustomobject]@{ Job = $job; HostName = $n.Name } }
  }
}

$lastJob = $null
$newest = @($finished | Sort-Object { $_.Job.StartTime } -Descending)[0]
if ($null -ne $newest) {
  $lastJob = ConvertTo-JobRow $newest.Job $newest.HostName
  if ([int]$newest.Job.JobState -eq 7) {
    try { $lastJob.blackoutMs = Get-BlackoutMs $newest.HostName $vmId $newest.Job.StartTime } catch { }
  } elseif ([int]$newest.Job.JobState -ge 9) {
    try { $lastJob.failureEventId = Get-FailureEventId $newest.HostName $group.Name $newest.Job.StartTime } catch { }
  }
}

$vmState = 'Unknown'
try {
  $ownerSplat = Get-LocalSplat $group.OwnerNode.Name
  $vmState = "$((Get-VM -Id $vmId @ownerSplat).State)"
} catch { }

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
  jobs     = @($jobs)
  lastJob  = $lastJob
  resource = [pscustomobject]@{
    migrationState         = $migration['MigrationState']
    migrationProgress      = $migration['MigrationProgress']
    migrationFailureReason = $migration['MigrationFailureReason']
  }
}
ConvertTo-Json -InputObject $snapshot -Depth 4 -Compress
