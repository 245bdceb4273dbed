<#
.SYNOPSIS
  Starts a live or quick migration of a clustered VM to a node, after the checks a cluster
  would otherwise fail on, and returns as soon as the cluster accepted it (-Wait 0).
.OUTPUTS
  One JSON object: {"vm":"vm42","id":"6f1d...","source":"node1","target":"node2","type":"Live"}
.NOTES
  Refusals are terminating errors with a stable FullyQualifiedErrorId (HyperVChatOps.*):
  VmNotFound, NodeNotFound, NotClustered, Busy, AlreadyThere, NodeNotUp, NotPossibleOwner, NotEnoughMemory, and
  CmdletFailed (the cmdlet's own failure; its target object is the HRESULT, e.g. 0x8007000E).
  Follow the migration with watch-migration.ps1.
  The bot runs this on the VM's owner node (the source), through its own session to it, and gives
  the target's free memory as -TargetFreeMB, read on the target by get-node-host.ps1 (-1 when it
  could not be read: then the cluster decides). Nothing here reads another node.
  Needs the helpers of prelude.ps1 defined first (the bot sends them before the script; the JEA
  module holds them): New-ChatOpsError, Get-HResult.
#>
[CmdletBinding()]
param(
  [Parameter(Mandatory = $true)][string]$Vm,
  [Parameter(Mandatory = $true)][string]$Node,
  [ValidateSet('Live', 'Quick')][string]$MigrationType = 'Live',
  # The target's free memory in MB as read on the target; -1: unknown.
  [long]$TargetFreeMB = -1
)
$ErrorActionPreference = 'Stop'

$clusterName = (Get-Cluster).Name
$group = @(Get-ClusterGroup | Where-Object { "$($_.GroupType)" -eq 'VirtualMachine' -and $_.Name -eq $Vm })[0]
if ($null -eq $group) {
  # Not a clustered role: is there a VM of that name here (the bot runs this where it found one)?
  $unclustered = $null
  try { $unclustered = @(Get-VM | Where-Object { $_.Name -eq $Vm })[0] } catch { }
  if ($null -eq $unclustered) {
    $PSCmdlet.ThrowTerminatingError((New-ChatOpsError 'VmNotFound' "no VM named `"$Vm`" on $clusterName" $Vm 'ObjectNotFound'))
  }
}

$target = @(Get-ClusterNode | Where-Object { $_.Name -eq $Node })[0]
if ($null -eq $target) {
  $PSCmdlet.ThrowTerminatingError((New-ChatOpsError 'NodeNotFound' "no node named `"$Node`" on $clusterName" $Node 'ObjectNotFound'))
}
if ($null -eq $group) {
  $PSCmdlet.ThrowTerminatingError((New-ChatOpsError 'NotClustered' "$($unclustered.Name) is not a clustered VM, so the cluster cannot move it" $unclustered.Name 'InvalidOperation'))
}

$name = $group.Name
$source = $group.OwnerNode
$resource = @($group | Get-ClusterResource | Where-Object { "$($_.ResourceType)" -eq 'Virtual Machine' })[0]
$vmId = "$(($resource | Get-ClusterParameter -Name VmID).Value)"

# A migration under way: the resource's MigrationState is 1 Setup, 2 Data Transfer or 3 Move.
$migrationState = 0
try { $migrationState = [int]($resource | Get-ClusterParameter -Name MigrationState).Value } catch { }
if ($migrationState -ge 1 -and $migrationState -le 3) {
  $PSCmdlet.ThrowTerminatingError((New-ChatOpsError 'Busy' "$name is already migrating" $name 'ResourceBusy'))
}
if ($source.Name -eq $target.Name) {
  $PSCmdlet.ThrowTerminatingError((New-ChatOpsError 'AlreadyThere' "$name is already on $($target.Name)" $name 'InvalidOperation'))
}
if ("$($target.State)" -ne 'Up') {
  $state = "$($target.State)".ToLowerInvariant()
  $PSCmdlet.ThrowTerminatingError((New-ChatOpsError 'NodeNotUp' "$($target.Name) is $state, so nothing can move to it" $target.Name 'ResourceUnavailable'))
}
if ("$($source.State)" -eq 'Down') {
  $PSCmdlet.ThrowTerminatingError((New-ChatOpsError 'NodeNotUp' "$name is on $($source.Name), which is down" $source.Name 'ResourceUnavailable'))
}

# Possible owners of the VM resource: moving elsewhere fails with 0x80071398 (5016).
$possible = @()
try { $possible = @((Get-ClusterOwnerNode -InputObject $resource).OwnerNodes | ForEach-Object { "$($_.Name)" }) } catch { }
if ($possible.Count -gt 0 -and $possible -notcontains $target.Name) {
  $owners = $possible -join ', '
  $PSCmdlet.ThrowTerminatingError((New-ChatOpsError 'NotPossibleOwner' "$($target.Name) is not a possible owner of $name (its possible owners: $owners); pick one of them, or add $($target.Name) to the possible owners of its resource" $target.Name 'InvalidOperation'))
}

# Memory: only checked when the VM is here (the source) and the target's free memory is known;
# otherwise the cluster decides.
$neededMB = $null
$freeMB = $TargetFreeMB
try {
  $guest = Get-VM -Id $vmId
  if ("$($guest.State)" -ne 'Off' -and $freeMB -ge 0) {
    $neededMB = [long]([math]::Max($guest.MemoryAssigned, $guest.MemoryStartup) / 1MB)
  }
} catch {
  Write-Warning "Could not compare $name's memory with $($target.Name)'s: $($_.Exception.Message)"
  $neededMB = $null
}
if ($null -ne $neededMB -and $neededMB -gt $freeMB) {
  $PSCmdlet.ThrowTerminatingError((New-ChatOpsError 'NotEnoughMemory' "$($target.Name) has $freeMB MB free; $name needs $neededMB MB" $target.Name 'ResourceUnavailable'))
}

try {
  Move-ClusterVirtualMachineRole -Name $name -Node $target.Name -MigrationType $MigrationType -Wait 0 | Out-Null
} catch {
  $hresult = Get-HResult $_.Exception
  $PSCmdlet.ThrowTerminatingError((New-ChatOpsError 'CmdletFailed' "Move-ClusterVirtualMachineRole failed: $($_.Exception.Message)" $hresult 'NotSpecified'))
}

$started = [pscustomobject]@{
  vm     = $name
  id     = $vmId
  source = $source.Name
  target = $target.Name
  type   = $MigrationType
}
ConvertTo-Json -InputObject $started -Depth 4 -Compress
