<#
.SYNOPSIS
  The events of the last minutes on this node that matter to someone running the cluster: failed
  live migrations, nodes leaving the membership, CSVs pausing, roles failing.
.OUTPUTS
  One JSON array, newest first (always an array, also for one event or none):
  [{"at":"2026-11-25T09:00:00.0000000Z","id":1135,"level":"Critical","node":"NODE1","log":"System",
    "message":"Cluster node 'node2' was removed from the active failover cluster membership. ..."}]
.NOTES
  Logs and ids (Learn failover-clustering/system-events; research 3): System from
  Microsoft-Windows-FailoverClustering 1069, 1135, 1137, 1205, 5120, 5142;
  Microsoft-Windows-Hyper-V-High-Availability-Admin 21111, 21501, 21502;
  Microsoft-Windows-Hyper-V-VMMS-Admin 20417. With -About, only events whose node or text names it.
  Reads this node's logs only (no -ComputerName): the bot runs it on every node that is up, each
  through its own session to that node, and reports the cluster's name of the node; a log that
  cannot be read is left out with a warning. Levels: 1 Critical, 2 Error, 3 Warning, 4 Information.
#>
[CmdletBinding()]
param(
  [Parameter(Mandatory = $true)][int]$SinceMinutes,
  [string]$About = ''
)
$ErrorActionPreference = 'Stop'

$since = (Get-Date).AddMinutes(-$SinceMinutes)
$filters = @(
  @{ LogName = 'System'; ProviderName = 'Microsoft-Windows-FailoverClustering'; Id = 1069, 1135, 1137, 1205, 5120, 5142; StartTime = $since },
  @{ LogName = 'Microsoft-Windows-Hyper-V-High-Availability-Admin'; Id = 21111, 21501, 21502; StartTime = $since },
  @{ LogName = 'Microsoft-Windows-Hyper-V-VMMS-Admin'; Id = 20417; StartTime = $since }
)
$levels = @{ 1 = 'Critical'; 2 = 'Error'; 3 = 'Warning'; 4 = 'Information' }

$node = $env:COMPUTERNAME
$rows = foreach ($filter in $filters) {
  try {
    $events = @(Get-WinEvent -FilterHashtable $filter)
  } catch {
    # None matching is an error for Get-WinEvent; it is simply none here.
    if ("$($_.FullyQualifiedErrorId)".StartsWith('NoMatchingEventsFound')) { continue }
    Write-Warning "Could not read $($filter.LogName) on $($node): $($_.Exception.Message)"
    continue
  }
  foreach ($entry in $events) {
    $message = "$($entry.Message)"
    $named = $node -eq $About -or $message.IndexOf($About, [System.StringComparison]::OrdinalIgnoreCase) -ge 0
    if ($About -ne '' -and -not $named) { continue }
    $level = $levels[[int]$entry.Level]
    if ($null -eq $level) { $level = 'Information' }
    [pscustomobject]@{
      at      = $entry.TimeCreated.ToUniversalTime().ToString('o')
      id      = [int]$entry.Id
      level   = $level
      node    = $node
      log     = $entry.LogName
      message = $message
    }
  }
}
$rows = @($rows | Sort-Object -Property at -Descending)

ConvertTo-Json -InputObject @($rows) -Depth 4 -Compress
