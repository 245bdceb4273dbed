@{
  RootModule        = 'Hyper-V.psm1'
  ModuleVersion     = '2.0.0.0'
  GUID              = 'af4bddd0-8583-4ff2-84b2-a33f5c8de8a7'
  Author            = 'hyperv-chatops (a fake of Microsoft Hyper-V for the simulator)'
  Description       = 'Fake Hyper-V cmdlets answering from the hyperv-chatops cluster simulator.'
  PowerShellVersion = '5.1'
  RequiredModules   = @('HyperVChatOpsSimulator')
  FunctionsToExport = @('Get-VM', 'Get-VMHost', 'Start-VM', 'Stop-VM', 'Save-VM', 'Restart-VM', 'Checkpoint-VM', 'Get-VMSnapshot')
  CmdletsToExport   = @()
  VariablesToExport = @()
  AliasesToExport   = @()
}
