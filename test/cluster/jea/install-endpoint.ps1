# Runs Install-/Uninstall-HyperVChatOpsEndpoint.ps1 on a machine without WinRM: Program Files and
# ProgramData point into a temporary folder and the session-configuration cmdlets are stubs that
# record what they were asked to do. Prints one JSON object with what happened.
param([string]$JeaDir, [string]$Sandbox)
$ErrorActionPreference = 'Stop'
$env:ProgramFiles = Join-Path $Sandbox 'ProgramFiles'
$env:ProgramData = Join-Path $Sandbox 'ProgramData'
$global:calls = [System.Collections.Generic.List[string]]::new()
$global:registered = $null
function global:Get-PSSessionConfiguration { param($Name, $ErrorAction) if ($global:registered -eq $Name) { [pscustomobject]@{ Name = $Name } } }
function global:Register-PSSessionConfiguration { param($Name, $Path, [switch]$Force, [switch]$NoServiceRestart) $global:calls.Add("register $Name"); $global:registered = $Name }
function global:Unregister-PSSessionConfiguration { param($Name, [switch]$Force, [switch]$NoServiceRestart) $global:calls.Add("unregister $Name"); $global:registered = $null }
# Windows-only too: here it checks only that the file is a PowerShell data file with the session keys.
function global:Test-PSSessionConfigurationFile { param($Path) $d = Import-PowerShellDataFile $Path; [bool]($d.SessionType -and $d.RoleDefinitions -and $d.SchemaVersion) }
function global:Restart-Service { param($Name) $global:calls.Add("restart $Name") }

$install = Join-Path $JeaDir 'Install-HyperVChatOpsEndpoint.ps1'
$null = & $install -BotGroup 'CONTOSO\Bots' -WhatIf
$afterWhatIf = @(Get-ChildItem -Recurse $Sandbox -File).Count
$first = & $install -BotGroup 'CONTOSO\Bots'
$second = & $install -BotGroup 'CONTOSO\Bots'
$gmsa = & $install -BotGroup 'CONTOSO\Bots' -GroupManagedServiceAccount 'CONTOSO\hvchatops$'
$pssc = Get-Content -Raw (Join-Path $env:ProgramData 'HyperVChatOps\HyperVChatOps.pssc')
$valid = Test-PSSessionConfigurationFile -Path (Join-Path $env:ProgramData 'HyperVChatOps\HyperVChatOps.pssc')
$shippedValid = Test-PSSessionConfigurationFile -Path (Join-Path $JeaDir 'HyperVChatOps.pssc')
$callsBeforeUninstall = @($global:calls)
$moduleInstalled = Test-Path (Join-Path $env:ProgramFiles 'WindowsPowerShell\Modules\HyperVChatOps\RoleCapabilities\HyperVChatOps.psrc')
& (Join-Path $JeaDir 'Uninstall-HyperVChatOpsEndpoint.ps1')
[pscustomobject]@{
  filesAfterWhatIf = $afterWhatIf
  first = $first.Changed; second = $second.Changed; gmsa = $gmsa.Changed
  moduleInstalled = $moduleInstalled
  pssc = $pssc; valid = $valid; shippedValid = $shippedValid
  callsBeforeUninstall = $callsBeforeUninstall; calls = @($global:calls)
  leftAfterUninstall = @(Get-ChildItem -Recurse (Join-Path $env:ProgramFiles 'WindowsPowerShell') -File -ErrorAction SilentlyContinue).Count
} | ConvertTo-Json -Depth 3
