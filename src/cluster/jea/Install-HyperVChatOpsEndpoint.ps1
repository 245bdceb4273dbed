<#
.SYNOPSIS
  Installs the hyperv-chatops JEA endpoint on this node: copies the HyperVChatOps module (with its
  role capability) into Program Files and registers the session configuration. Run it elevated on
  every cluster node. Idempotent: a second run with the same settings changes nothing. -WhatIf
  shows what it would do.
.EXAMPLE
  .\Install-HyperVChatOpsEndpoint.ps1 -BotGroup 'CONTOSO\HyperVChatOps-Bot'
.EXAMPLE
  .\Install-HyperVChatOpsEndpoint.ps1 -BotGroup 'CONTOSO\HyperVChatOps-Bot' -GroupManagedServiceAccount 'CONTOSO\hvchatops$' -WhatIf
#>
[CmdletBinding(SupportsShouldProcess = $true)]
param(
  # The AD group whose members (the bot's account) get the HyperVChatOps role.
  [Parameter(Mandatory = $true)][ValidatePattern('^[^\\]+\\[^\\]+$')][string]$BotGroup,
  # Run as this gMSA instead of a virtual account (needed when operations reach other nodes).
  [ValidatePattern('^[^\\]+\\[^\\]+\$$')][string]$GroupManagedServiceAccount,
  [ValidatePattern('^[A-Za-z0-9._-]+$')][string]$ConfigurationName = 'HyperVChatOps',
  [string]$TranscriptDirectory = (Join-Path $env:ProgramData 'HyperVChatOps\Transcripts')
)
$ErrorActionPreference = 'Stop'
$source = Join-Path $PSScriptRoot 'HyperVChatOps'
$target = Join-Path $env:ProgramFiles 'WindowsPowerShell\Modules\HyperVChatOps'
$configDir = Join-Path $env:ProgramData 'HyperVChatOps'
$configFile = Join-Path $configDir "$ConfigurationName.pssc"

function Get-TreeHash([string]$Path) {
  if (-not (Test-Path $Path)) { return '' }
  $files = Get-ChildItem -Path $Path -Recurse -File | Sort-Object FullName
  ($files | ForEach-Object { "$($_.FullName.Substring($Path.Length)):$((Get-FileHash $_.FullName).Hash)" }) -join ';'
}

# 1. The module and its role capability, where Windows PowerShell finds them.
if ((Get-TreeHash $source) -ne (Get-TreeHash $target)) {
  if ($PSCmdlet.ShouldProcess($target, 'Install the HyperVChatOps module')) {
    if (Test-Path $target) { Remove-Item -Path $target -Recurse -Force }
    Copy-Item -Path $source -Destination $target -Recurse
  }
} else { Write-Verbose "The module at $target is up to date." }

# 2. The session configuration file: the shipped one with this site's group and identity.
$settings = Import-PowerShellDataFile -Path (Join-Path $PSScriptRoot 'HyperVChatOps.pssc')
$settings.RoleDefinitions = @{ $BotGroup = @{ RoleCapabilities = 'HyperVChatOps' } }
$settings.TranscriptDirectory = $TranscriptDirectory
if ($GroupManagedServiceAccount) {
  $settings.Remove('RunAsVirtualAccount')
  $settings.GroupManagedServiceAccount = $GroupManagedServiceAccount
}
$settings.Remove('GUID')
$candidate = Join-Path ([System.IO.Path]::GetTempPath()) "$ConfigurationName-$PID.pssc"
New-PSSessionConfigurationFile -Path $candidate @settings
if (-not (Test-PSSessionConfigurationFile -Path $candidate)) { throw "The generated session configuration $candidate is not valid." }
$strip = { param($p) (Get-Content $p | Where-Object { $_ -notmatch '^\s*(GUID|Author|# Generated)' }) -join "`n" }
$changed = -not (Test-Path $configFile) -or (& $strip $candidate) -ne (& $strip $configFile)
$registered = Get-PSSessionConfiguration -Name $ConfigurationName -ErrorAction SilentlyContinue

# 3. The endpoint: registered once, re-registered only when the configuration changed.
if ($changed -or -not $registered) {
  if ($PSCmdlet.ShouldProcess($ConfigurationName, 'Register the JEA session configuration')) {
    New-Item -ItemType Directory -Path $configDir -Force | Out-Null
    New-Item -ItemType Directory -Path $TranscriptDirectory -Force | Out-Null
    Copy-Item -Path $candidate -Destination $configFile -Force
    if ($registered) { Unregister-PSSessionConfiguration -Name $ConfigurationName -Force -NoServiceRestart }
    Register-PSSessionConfiguration -Name $ConfigurationName -Path $configFile -Force -NoServiceRestart | Out-Null
    Restart-Service -Name WinRM
  }
} else { Write-Verbose "The endpoint $ConfigurationName is registered and up to date." }
Remove-Item -Path $candidate -Force

[pscustomobject]@{ ConfigurationName = $ConfigurationName; Module = $target; ConfigurationFile = $configFile; Changed = [bool]$changed }
