@{
  RootModule        = 'HyperVChatOpsSimulator.psm1'
  ModuleVersion     = '1.0.0'
  GUID              = '7b0f6a8e-3c55-4d55-9a8e-2f6f3d0a9b11'
  Author            = 'hyperv-chatops'
  Description       = 'The channel from the fake Windows modules to the hyperv-chatops cluster simulator.'
  PowerShellVersion = '5.1'
  FunctionsToExport = @('Invoke-SimulatorCmdlet', 'ConvertTo-SimulatedDate')
  CmdletsToExport   = @()
  VariablesToExport = @()
  AliasesToExport   = @()
}
