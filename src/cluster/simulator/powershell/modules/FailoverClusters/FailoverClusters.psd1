@{
  RootModule        = 'FailoverClusters.psm1'
  ModuleVersion     = '2.0.0.0'
  GUID              = '5a2d8c4e-6f1b-4c1d-9f0e-3b7a2e1c4d58'
  Author            = 'hyperv-chatops (a fake of Microsoft FailoverClusters for the simulator)'
  Description       = 'Fake FailoverClusters cmdlets answering from the hyperv-chatops cluster simulator.'
  PowerShellVersion = '5.1'
  RequiredModules   = @('HyperVChatOpsSimulator')
  FunctionsToExport = @('Get-Cluster', 'Get-ClusterNode', 'Get-ClusterGroup', 'Get-ClusterResource', 'Get-ClusterParameter',
    'Get-ClusterOwnerNode', 'Move-ClusterVirtualMachineRole', 'Suspend-ClusterNode', 'Resume-ClusterNode',
    'Get-ClusterSharedVolume', 'Move-ClusterSharedVolume', 'Get-ClusterSharedVolumeState', 'Test-Cluster')
  CmdletsToExport   = @()
  VariablesToExport = @()
  AliasesToExport   = @()
}
