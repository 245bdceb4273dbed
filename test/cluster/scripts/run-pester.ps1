# Runs every *.Tests.ps1 under -Path in this one process with the given Pester (the pinned one),
# quietly, and writes a JSON summary to -OutFile: each test's file, path, result and first error,
# and each file that failed as a whole (a parse error, a failing BeforeAll).
param(
  [Parameter(Mandatory = $true)][string]$Pester,
  [Parameter(Mandatory = $true)][string]$Path,
  [Parameter(Mandatory = $true)][string]$OutFile
)
$ErrorActionPreference = 'Stop'
Import-Module $Pester -Force

$configuration = New-PesterConfiguration
$configuration.Run.Path = $Path
$configuration.Run.PassThru = $true
$configuration.Run.Exit = $false
$configuration.Output.Verbosity = 'None'
$run = Invoke-Pester -Configuration $configuration

function Get-FirstError {
  param($Records)
  $first = @($Records)[0]
  if ($null -eq $first) { return $null }
  "$($first.Exception.Message) $($first.ScriptStackTrace -split "`n" | Select-Object -First 1)".Trim()
}

$summary = [pscustomobject]@{
  pester     = "$((Get-Module Pester).Version)"
  powershell = "$($PSVersionTable.PSVersion)"
  durationMs = [long]$run.Duration.TotalMilliseconds
  tests      = @(foreach ($test in $run.Tests) {
      [pscustomobject]@{
        file    = [System.IO.Path]::GetFileName($test.ScriptBlock.File)
        path    = @($test.Path) -join ' > '
        name    = $test.ExpandedName
        result  = "$($test.Result)"
        message = Get-FirstError $test.ErrorRecord
      }
    })
  containers = @(foreach ($container in $run.Containers) {
      # A failed test fails its file too; only errors of the file itself are reported here.
      if (@($container.ErrorRecord).Count -eq 0) { continue }
      [pscustomobject]@{ file = "$($container.Item)"; result = "$($container.Result)"; message = Get-FirstError $container.ErrorRecord }
    })
}
[System.IO.File]::WriteAllText($OutFile, (ConvertTo-Json -InputObject $summary -Depth 5))
