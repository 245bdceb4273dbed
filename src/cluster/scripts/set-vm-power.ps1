<#
.SYNOPSIS
  Starts, shuts down, turns off, saves or restarts a VM on the node that holds it, where the bot runs this (Start-VM, Stop-VM,
  Stop-VM -TurnOff, Save-VM, Restart-VM) and waits until it is done.
.OUTPUTS
  One JSON object, the VM afterwards:
  {"name":"vm42","id":"6f1d...","ownerNode":"node1","state":"Off","memoryMB":8192,"clustered":true,"possibleOwners":["node1","node2"]}
.NOTES
  Shutdown asks the guest to shut down (Stop-VM -Force: the guest gets five minutes to save its data;
  -Force also answers the prompt a locked VM would raise in a session that cannot answer).
  TurnOff is pulling the plug: unsaved data in the guest is lost. Restart-VM is a hard restart.
  Refusals: HyperVChatOps.VmNotFound, NodeNotUp (its node is down), Busy (migrating), WrongState,
  and CmdletFailed (the cmdlet's own failure; its target object is the HRESULT, e.g. 0x8007000E).
  Needs the helpers of prelude.ps1 defined first (the bot sends them before the script; the JEA
  module holds them): New-ChatOpsError, Get-HResult.
#>
[CmdletBinding()]
param(
  [Parameter(Mandatory = $true)][string]$Vm,
  [Parameter(Mandatory = $true)][ValidateSet('Start', 'Shutdown', 'TurnOff', 'Save', 'Restart')][string]$Action
)
$ErrorActionPreference = 'Stop'

$rules = @{
  Start    = @{ From = @('Off', 'Saved'); Verb = 'started' }
  Shutdown = @{ From = @('Running'); Verb = 'shut down' }
  TurnOff  = @{ From = @('Running', 'Paused', 'Saved'); Verb = 'turned off' }
  Save     = @{ From = @('Running', 'Paused'); Verb = 'saved' }
  Restart  = @{ From = @('Running'); Verb = 'restarted' }
}

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

$possible = @()
if ($null -ne $group) {
  $resource = @($group | Get-ClusterResource | Where-Object { "$($_.ResourceType)" -eq 'Virtual Machine' })[0]
  $migrationState = 0
  try { $migrationState = [int]($resource | Get-ClusterParameter -Name MigrationState).Value } catch { }
  if ($migrationState -ge 1 -and $migrationState -le 3) {
    $PSCmdlet.ThrowTerminatingError((New-ChatOpsError 'Busy' "$($found.Name) is already migrating" $found.Name 'ResourceBusy'))
  }
  try { $possible = @((Get-ClusterOwnerNode -InputObject $resource).OwnerNodes | ForEach-Object { "$($_.Name)" }) } catch { }
}

$state = "$($found.State)"
$rule = $rules[$Action]
if ($rule.From -notcontains $state) {
  $message = "$($found.Name) is $state; only a VM that is $($rule.From -join ' or ') can be $($rule.Verb)"
  if ($Action -eq 'Shutdown' -and $state -eq 'Saved') { $message += '; start it first, or turn it off (`stop --force`) to discard the saved state' }
  if (($Action -eq 'Start' -and $state -eq 'Running') -or (($Action -in @('Shutdown', 'TurnOff')) -and $state -eq 'Off')) {
    $message = "$($found.Name) is already $($state.ToLowerInvariant())"
  }
  $PSCmdlet.ThrowTerminatingError((New-ChatOpsError 'WrongState' $message $found.Name 'InvalidOperation'))
}

try {
  switch ($Action) {
    'Start' { Start-VM -VM $found | Out-Null }
    'Shutdown' { Stop-VM -VM $found -Force | Out-Null }
    'TurnOff' { Stop-VM -VM $found -TurnOff -Force | Out-Null }
    'Save' { Save-VM -VM $found | Out-Null }
    'Restart' { Restart-VM -VM $found -Force | Out-Null }
  }
} catch {
  $hresult = Get-HResult $_.Exception
  $PSCmdlet.ThrowTerminatingError((New-ChatOpsError 'CmdletFailed' "$Action of $($found.Name) failed: $($_.Exception.Message)" $hresult 'NotSpecified'))
}

$after = Get-VM -Id $found.VMId
$memory = $after.MemoryAssigned
if ($memory -le 0) { $memory = $after.MemoryStartup }
$row = [pscustomobject]@{
  name           = $after.Name
  id             = "$($after.VMId)"
  ownerNode      = $env:COMPUTERNAME
  state          = "$($after.State)"
  memoryMB       = [long]($memory / 1MB)
  clustered      = [bool]$after.IsClustered
  possibleOwners = $possible
}
ConvertTo-Json -InputObject $row -Depth 4 -Compress
