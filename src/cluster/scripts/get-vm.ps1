<#
.SYNOPSIS
  Finds the VM with exactly this name (compared without regard to case, no wildcards).
.OUTPUTS
  One JSON array with every VM of that name: none, one, or several if hosts disagree.
  [{"name":"vm42","id":"6f1d...","ownerNode":"node1","state":"Running","memoryMB":8192,"clustered":true,"possibleOwners":["node1","node2"]}]
.NOTES
  Get-VM -Name takes wildcards ("vm[1]", "*"), so the name is compared with -eq instead.
  Needs the helpers of prelude.ps1 defined first (the bot sends them before the script; the JEA
  module holds them): Get-LocalSplat, Get-PossibleOwners.
#>
[CmdletBinding()]
param(
  [Parameter(Mandatory = $true)][string]$Name
)
$ErrorActionPreference = 'Stop'

$rows = foreach ($n in Get-ClusterNode) {
  if ("$($n.State)" -eq 'Down') { continue }
  $where = Get-LocalSplat $n.Name
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
