<#
.SYNOPSIS
  Removes the hyperv-chatops JEA endpoint from this node: unregisters the session configuration
  and removes the HyperVChatOps module. Transcripts are kept. Idempotent; supports -WhatIf.
#>
[CmdletBinding(SupportsShouldProcess = $true)]
param(
  [ValidatePattern('^[A-Za-z0-9._-]+$')][string]$ConfigurationName = 'HyperVChatOps'
)
$ErrorActionPreference = 'Stop'
$target = Join-Path $env:ProgramFiles 'WindowsPowerShell\Modules\HyperVChatOps'
$configFile = Join-Path $env:ProgramData "HyperVChatOps\$ConfigurationName.pssc"

if (Get-PSSessionConfiguration -Name $ConfigurationName -ErrorAction SilentlyContinue) {
  if ($PSCmdlet.ShouldProcess($ConfigurationName, 'Unregister the JEA session configuration')) {
    Unregister-PSSessionConfiguration -Name $ConfigurationName -Force -NoServiceRestart
    Restart-Service -Name WinRM
  }
}
foreach ($path in @($configFile, $target)) {
  if ((Test-Path $path) -and $PSCmdlet.ShouldProcess($path, 'Remove')) { Remove-Item -Path $path -Recurse -Force }
}
