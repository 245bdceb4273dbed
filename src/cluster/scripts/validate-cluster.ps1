<#
.SYNOPSIS
  Validates the cluster with Test-Cluster: Inventory, Network, System Configuration, Hyper-V
  Configuration and Cluster Configuration, plus Storage only with -IncludeStorage. Adds the checks
  the wizard misses: node names longer than a NetBIOS name, volumes never tested for SCSI-3
  persistent reservations.
.OUTPUTS
  One JSON object:
  {"result":"HadUnselectedTests, ClusterConditionallyApproved","includedStorage":false,
   "categories":[{"category":"Network","passed":4,"warnings":1,"failed":0}],
   "problems":[{"category":"Network","test":"Validate Network Communication","outcome":"warning","message":"The test reported some warnings.."}],
   "reportPath":"C:\\Windows\\Cluster\\Reports\\Validation Report 2026.11.25 At 09.00.00.htm","durationMs":612000,
   "checks":[{"check":"netbios-name","subject":"node1","ok":true,"message":"node1 fits in a NetBIOS name"}]}
  A check's ok is null when it could not be made this time.
.NOTES
  Without -IncludeStorage nothing goes offline. With it, the Cluster Shared Volumes are passed with
  -Disk and -Force: Test-Cluster takes them OFFLINE while the Storage tests run (without -Force it
  skips disks in use, so a volume's persistent reservations would never be tested).
  Test-Cluster reports each test that did not pass on the warning stream as
  "<Category> - <Test>: <text>" (research 1.5); a text that says the test failed counts as a
  failure, any other as a warning. The "Test Result:" line is read from the warning and information
  streams; result is null when the cmdlet wrote it elsewhere. Runs for minutes.
  Needs the helpers of prelude.ps1 defined first (the bot sends them before the script; the JEA
  module holds them): New-ChatOpsError, Get-HResult.
#>
[CmdletBinding()]
param(
  [switch]$IncludeStorage
)
$ErrorActionPreference = 'Stop'

function ConvertTo-Problem {
  # "Network - Validate Network Communication: The test reported some warnings.." as a problem row.
  param([string]$Text, [string[]]$Categories)
  $dash = $Text.IndexOf(' - ')
  $colon = $Text.IndexOf(': ')
  if ($dash -lt 1 -or $colon -lt $dash) { return }
  $category = $Text.Substring(0, $dash).Trim()
  if ($Categories -notcontains $category) { return }
  $message = $Text.Substring($colon + 2).Trim()
  $outcome = 'warning'
  if ($message.IndexOf('fail', [System.StringComparison]::OrdinalIgnoreCase) -ge 0) { $outcome = 'failed' }
  [pscustomobject]@{ category = $category; test = $Text.Substring($dash + 3, $colon - $dash - 3).Trim(); outcome = $outcome; message = $message }
}

function Get-ResultLine {
  # The line after "Test Result:" (or the rest of that line).
  param([string[]]$Lines)
  for ($i = 0; $i -lt $Lines.Count; $i++) {
    $line = $Lines[$i].Trim()
    if (-not $line.StartsWith('Test Result:')) { continue }
    $rest = $line.Substring('Test Result:'.Length).Trim()
    if ($rest -eq '' -and $i + 1 -lt $Lines.Count) { $rest = $Lines[$i + 1].Trim() }
    if ($rest -ne '') { return $rest }
  }
  $null
}

$categories = @('Inventory', 'Network', 'System Configuration', 'Hyper-V Configuration', 'Cluster Configuration')
if ($IncludeStorage) { $categories += 'Storage' }
$listed = @(Test-Cluster -List -Include $categories)
$volumes = @(Get-ClusterSharedVolume)

$stamp = (Get-Date).ToUniversalTime().ToString('yyyy.MM.dd \A\t HH.mm.ss')
$testArgs = @{
  Include             = $categories
  ReportName          = Join-Path $env:SystemRoot "Cluster\Reports\Validation Report $stamp"
  WarningVariable     = 'testWarnings'
  WarningAction       = 'SilentlyContinue'
  InformationVariable = 'testInformation'
  InformationAction   = 'SilentlyContinue'
}
if ($IncludeStorage -and $volumes.Count -gt 0) {
  $testArgs.Disk = @($volumes | ForEach-Object { $_.Name })
  $testArgs.Force = $true
}

$watch = [System.Diagnostics.Stopwatch]::StartNew()
try {
  $report = @(Test-Cluster @testArgs)[0]
} catch {
  $hresult = Get-HResult $_.Exception
  $PSCmdlet.ThrowTerminatingError((New-ChatOpsError 'CmdletFailed' "Test-Cluster failed: $($_.Exception.Message)" $hresult 'NotSpecified'))
}
$watch.Stop()

$lines = @(foreach ($record in @($testWarnings) + @($testInformation)) {
    "$($record.Message)$($record.MessageData)".Split([string[]]@("`r`n", "`n"), [System.StringSplitOptions]::RemoveEmptyEntries)
  })
$problems = @(foreach ($line in $lines) { ConvertTo-Problem $line $categories })

$counts = foreach ($category in $categories) {
  $tests = @($listed | Where-Object { "$($_.Category)" -eq $category }).Count
  $mine = @($problems | Where-Object { $_.category -eq $category })
  $failed = @($mine | Where-Object { $_.outcome -eq 'failed' } | ForEach-Object { $_.test } | Sort-Object -Unique).Count
  $warned = @($mine | Where-Object { $_.outcome -eq 'warning' } | ForEach-Object { $_.test } | Sort-Object -Unique).Count
  [pscustomobject]@{ category = $category; passed = [math]::Max(0, $tests - $failed - $warned); warnings = $warned; failed = $failed }
}

$checks = @()
foreach ($n in Get-ClusterNode) {
  $length = $n.Name.Length
  $message = "$($n.Name) fits in a NetBIOS name"
  if ($length -gt 15) {
    $message = "$($n.Name) is $length characters, longer than a NetBIOS name (15): Windows knows it as $($n.Name.Substring(0, 15)) there, and nodes that differ only after 15 characters collide"
  }
  $checks += [pscustomobject]@{ check = 'netbios-name'; subject = $n.Name; ok = ($length -le 15); message = $message }
}

$reportPath = $null
$reportText = ''
if ($null -ne $report) {
  $reportPath = $report.FullName
  if ($IncludeStorage) { try { $reportText = [System.IO.File]::ReadAllText($reportPath) } catch { } }
}
foreach ($volume in $volumes) {
  $ok = $null
  $message = "$($volume.Name) was not tested for SCSI-3 persistent reservations: the Storage tests skip volumes in use"
  if ($IncludeStorage) {
    $ok = $reportText.IndexOf("$($volume.Name) does not support Persistent Reservation", [System.StringComparison]::OrdinalIgnoreCase) -lt 0
    $message = "$($volume.Name) supports SCSI-3 persistent reservations"
    if (-not $ok) { $message = "$($volume.Name)'s storage target does not support SCSI-3 persistent reservations: the cluster cannot arbitrate it on failover" }
  }
  $checks += [pscustomobject]@{ check = 'persistent-reservation'; subject = $volume.Name; ok = $ok; message = $message }
}

$validation = [pscustomobject]@{
  result          = Get-ResultLine $lines
  includedStorage = [bool]$IncludeStorage
  categories      = @($counts)
  problems        = @($problems)
  reportPath      = $reportPath
  durationMs      = [long]$watch.ElapsedMilliseconds
  checks          = @($checks)
}
ConvertTo-Json -InputObject $validation -Depth 4 -Compress
