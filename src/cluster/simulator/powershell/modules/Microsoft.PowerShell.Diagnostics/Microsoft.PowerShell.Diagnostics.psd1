@{
  RootModule        = 'Microsoft.PowerShell.Diagnostics.psm1'
  ModuleVersion     = '7.0.0.0'
  GUID              = 'ca046f10-ca64-4740-8ff9-2565dba61a4f'
  Author            = 'hyperv-chatops (a fake of Get-WinEvent for the simulator)'
  Description       = 'Fake Get-WinEvent answering from the hyperv-chatops cluster simulator.'
  PowerShellVersion = '5.1'
  RequiredModules   = @('HyperVChatOpsSimulator')
  FunctionsToExport = @('Get-WinEvent')
  CmdletsToExport   = @()
  VariablesToExport = @()
  AliasesToExport   = @()
}
