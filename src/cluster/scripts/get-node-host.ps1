<#
.SYNOPSIS
  This node as a Hyper-V host: its memory, how many live migrations it takes at once and how it
  moves memory (the migration performance option).
.OUTPUTS
  One JSON object:
  {"memoryTotalMB":65536,"memoryFreeMB":33792,"hostMigrationLimit":2,"migrationPerformance":"Compression"}
.NOTES
  Reads this node only (no -ComputerName): the bot runs it on each node through its own session
  to that node, so no read ever hops to another node.
#>
[CmdletBinding()]
param()
$ErrorActionPreference = 'Stop'

$os = Get-CimInstance -ClassName Win32_OperatingSystem
$vmHost = Get-VMHost
$row = [pscustomobject]@{
  memoryTotalMB        = [long][math]::Floor($os.TotalVisibleMemorySize / 1KB)
  memoryFreeMB         = [long][math]::Floor($os.FreePhysicalMemory / 1KB)
  hostMigrationLimit   = [int]$vmHost.MaximumVirtualMachineMigrations
  migrationPerformance = "$($vmHost.VirtualMachineMigrationPerformanceOption)"
}
ConvertTo-Json -InputObject $row -Depth 4 -Compress
