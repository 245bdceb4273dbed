<#
.SYNOPSIS
  Cancels the live migration of a clustered VM that is under way; the VM stays on its source.
.OUTPUTS
  One JSON object: {"vm":"vm42","cancelled":true}
.NOTES
  Refusals: HyperVChatOps.VmNotFound, HyperVChatOps.NoMigrationRunning (nothing to cancel), and
  HyperVChatOps.CmdletFailed when Move-ClusterVirtualMachineRole -Cancel fails (target = HRESULT).
  The bot runs this on the VM's owner node (the migration's source), through its own session to it.
  Needs the helpers of prelude.ps1 defined first (the bot sends them before the script; the JEA
  module holds them): New-ChatOpsError, Get-HResult.
#>
[CmdletBinding()]
param(
  [Parameter(Mandatory = $true)][string]$Vm
)
$ErrorActionPreference = 'Stop'

$clusterName = (Get-Cluster).Name
$group = @(Get-ClusterGroup | Where-Object { "$($_.GroupType)" -eq 'VirtualMachine' -and $_.Name -eq $Vm })[0]
if ($null -eq $group) {
  $PSCmdlet.ThrowTerminatingError((New-ChatOpsError 'VmNotFound' "no clustered VM named `"$Vm`" on $clusterName" $Vm 'ObjectNotFound'))
}
$name = $group.Name

# Under way: the VM resource's MigrationState is 1 Setup, 2 Data Transfer or 3 Move.
$resource = @($group | Get-ClusterResource | Where-Object { "$($_.ResourceType)" -eq 'Virtual Machine' })[0]
$migrationState = 0
try { $migrationState = [int]($resource | Get-ClusterParameter -Name MigrationState).Value } catch { }
if ($migrationState -lt 1 -or $migrationState -gt 3) {
  $PSCmdlet.ThrowTerminatingError((New-ChatOpsError 'NoMigrationRunning' "$name is not migrating" $name 'InvalidOperation'))
}

try {
  Move-ClusterVirtualMachineRole -Name $name -Cancel | Out-Null
} catch {
  $hresult = Get-HResult $_.Exception
  $PSCmdlet.ThrowTerminatingError((New-ChatOpsError 'CmdletFailed' "Move-ClusterVirtualMachineRole -Cancel failed: $($_.Exception.Message)" $hresult 'NotSpecified'))
}

$result = [pscustomobject]@{ vm = $name; cancelled = $true }
ConvertTo-Json -InputObject $result -Depth 4 -Compress
