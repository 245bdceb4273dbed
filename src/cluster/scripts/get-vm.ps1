<#
.SYNOPSIS
  Finds the VM with exactly this name (compared without regard to case, no wildcards).
.OUTPUTS
  One JSON array with every VM of that name: none, one, or several if hosts disagree.
  [{"name":"vm42","id":"6f1d...","ownerNode":"node1","state":"Running","memoryMB":8192,"clustered":true,"possibleOwners":["node1","node2"]}]
.NOTES
  Get-VM -Name takes wildcards ("vm[1]", "*"), so the name is compared with -eq instead.
#>
[CmdletBinding()]
param(
  [Parameter(Mandatory = $true)][string]$Name
)
$ErrorActionPreference = 'Stop'

function Get-PossibleOwners {
  # The nodes that may own the VM's resource (Get-ClusterOwnerNode); none for an unclustered VM.
  param($VmId)
  try {
    $resource = Get-ClusterGroup -VMId $VmId | Get-ClusterResource | Where-Object { "$($_.ResourceType)" -eq 'Virtual Machine' }
    @((Get-ClusterOwnerNode -InputObject @($resource)[0]).OwnerNodes | ForEach-Object { "$($_.Name)" })
  } catch { @() }
}

$rows = foreach ($n in Get-ClusterNode) {
  if ("$($n.State)" -eq 'Down') { continue }
  $where = @{}
  if ($n.Name -ne $env:COMPUTERNAME) { $where.ComputerName = $n.Name }
  try {
    $vms = @(Get-VM @where | Where-Object { $_.Name -eq $Name })
  } catch {
    Write-Warning "Could not read the VMs on $($n.Name): $($_.Exception.Message)"
    continue
  }
  foreach ($vm in $vms) {
    $memory = $vm.MemoryAssigned
    if ($memory -le 0) { $memory = $vm.MemoryStartup }
    [pscustomobject]@{
      name           = $vm.Name
      id             = "$($vm.VMId)"
      ownerNode      = $n.Name
      state          = "$($vm.State)"
      memoryMB       = [long]($memory / 1MB)
      clustered      = [bool]$vm.IsClustered
      possibleOwners = @(if ($vm.IsClustered) { Get-PossibleOwners $vm.VMId })
    }
  }
}

ConvertTo-Json -InputObject @($rows) -Depth 4 -Compress
