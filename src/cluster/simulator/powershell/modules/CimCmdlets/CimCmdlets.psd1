@{
  RootModule        = 'CimCmdlets.psm1'
  ModuleVersion     = '7.0.0.0'
  GUID              = 'fb6cc51d-c096-4b38-b78d-0fed6277096a'
  Author            = 'hyperv-chatops (a fake of Get-CimInstance for the simulator)'
  Description       = 'Fake Get-CimInstance answering from the hyperv-chatops cluster simulator.'
  PowerShellVersion = '5.1'
  RequiredModules   = @('HyperVChatOpsSimulator')
  FunctionsToExport = @('Get-CimInstance')
  CmdletsToExport   = @()
  VariablesToExport = @()
  AliasesToExport   = @()
}
