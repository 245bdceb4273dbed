<#
  A fake of Windows Server's FailoverClusters module for the cluster simulator: the cmdlets the
  bot's scripts call, with Windows' names, parameter sets, mandatory parameters and pipeline
  binding, answering from the simulator's model (Invoke-SimulatorCmdlet). Shapes and enum values
  from Microsoft Learn's FailoverClusters reference (learn.microsoft.com/powershell/module/
  failoverclusters) and the Microsoft.FailoverClusters.PowerShell class pages; errors as
  recorded in test/fixtures/winrm and research/cluster-cmdlets.md.
#>

# Microsoft.FailoverClusters.PowerShell.ClusterNodeState
enum ClusterNodeState { Unknown = -1; Up = 0; Down = 1; Paused = 2; Joining = 3 }
# Microsoft.FailoverClusters.PowerShell.ClusterNodeDrainStatus
enum ClusterNodeDrainStatus { NotInitiated = 0; InProgress = 1; Completed = 2; Failed = 3 }
# Microsoft.FailoverClusters.PowerShell.ClusterGroupState
enum ClusterGroupState { Unknown = -1; Online = 0; Offline = 1; Failed = 2; PartialOnline = 3; Pending = 4 }
# Microsoft.FailoverClusters.PowerShell.GroupType (VirtualMachine = 111)
enum GroupType { Unknown = 9999; Cluster = 1; AvailableStorage = 2; Temporary = 3; SharedVolume = 4; StoragePool = 5; VirtualMachine = 111 }
# Microsoft.FailoverClusters.PowerShell.ClusterResourceState
enum ClusterResourceState { Unknown = -1; Inherited = 0; Initializing = 1; Online = 2; Offline = 3; Failed = 4; Pending = 128; OnlinePending = 129; OfflinePending = 130 }
# Microsoft.FailoverClusters.PowerShell.ClusterSharedVolumeState (Get-ClusterSharedVolumeState's StateInfo)
enum ClusterSharedVolumeState { Unavailable = 0; Paused = 1; Direct = 2; FileSystemRedirected = 3; BlockRedirected = 4 }
# Microsoft.FailoverClusters.PowerShell.FileSystemRedirectedIOReason
enum FileSystemRedirectedIOReason { NotFileSystemRedirected = 0; UserRequest = 1; IncompatibleFileSystemFilter = 2; IncompatibleVolumeFilter = 4; FileSystemReFs = 8; FileSystemTiering = 16; BitLockerInitializing = 32 }
# Microsoft.FailoverClusters.PowerShell.BlockRedirectedIOReason
enum BlockRedirectedIOReason { NotBlockRedirected = 0; NoDiskConnectivity = 1; StorageSpaceNotAttached = 2; VolumeReplicationEnabled = 4 }
# Resume-ClusterNode -Failback: Microsoft.FailoverClusters.PowerShell.ResumeClusterNodeFailbackType
enum ResumeClusterNodeFailbackType { NoFailback = 0; Immediate = 1; Policy = 2 }
# Move-ClusterVirtualMachineRole -MigrationType: Microsoft.FailoverClusters.PowerShell.VmMigrationType
enum VmMigrationType { TurnOff = 0; Quick = 1; Live = 2; Shutdown = 3; ShutdownForce = 4 }

function ConvertTo-ClusterNode {
  param([Parameter(ValueFromPipeline = $true)]$Data)
  process {
    if ($null -eq $Data) { return }
    [pscustomobject]@{
      PSTypeName = 'Microsoft.FailoverClusters.PowerShell.ClusterNode'
      Name        = [string]$Data.Name
      Id          = [string]$Data.Id
      State       = [ClusterNodeState]$Data.State
      DrainStatus = [ClusterNodeDrainStatus]$Data.DrainStatus
      NodeWeight  = 1
      Cluster     = [string]$Data.Cluster
    }
  }
}

function ConvertTo-ClusterGroup {
  param([Parameter(ValueFromPipeline = $true)]$Data)
  process {
    [pscustomobject]@{
      PSTypeName = 'Microsoft.FailoverClusters.PowerShell.ClusterGroup'
      Name        = [string]$Data.Name
      OwnerNode   = ConvertTo-ClusterNode $Data.OwnerNode
      State       = [ClusterGroupState]$Data.State
      GroupType   = [GroupType]$Data.GroupType
      IsCoreGroup = $false
      Priority    = 2000
      Cluster     = [string]$Data.Cluster
    }
  }
}

function ConvertTo-ClusterResource {
  param([Parameter(ValueFromPipeline = $true)]$Data)
  process {
    [pscustomobject]@{
      PSTypeName = 'Microsoft.FailoverClusters.PowerShell.ClusterResource'
      Name         = [string]$Data.Name
      State        = [ClusterResourceState]$Data.State
      OwnerGroup   = [string]$Data.OwnerGroup
      OwnerNode    = [string]$Data.OwnerNode
      ResourceType = [string]$Data.ResourceType
      Cluster      = [string]$Data.Cluster
    }
  }
}

function ConvertTo-ClusterSharedVolume {
  param([Parameter(ValueFromPipeline = $true)]$Data)
  process {
    $info = foreach ($i in @($Data.SharedVolumeInfo)) {
      [pscustomobject]@{
        PSTypeName         = 'Microsoft.FailoverClusters.PowerShell.ClusterSharedVolumeInfo'
        FriendlyVolumeName = [string]$i.FriendlyVolumeName
        Partition          = [pscustomobject]@{
          PSTypeName = 'Microsoft.FailoverClusters.PowerShell.ClusterDiskPartitionInfo'
          Size = [long]$i.Partition.Size; FreeSpace = [long]$i.Partition.FreeSpace
          UsedSpace = [long]$i.Partition.UsedSpace; PercentFree = [single]$i.Partition.PercentFree
        }
        MaintenanceMode    = $false
      }
    }
    [pscustomobject]@{
      PSTypeName = 'Microsoft.FailoverClusters.PowerShell.ClusterSharedVolume'
      Name             = [string]$Data.Name
      State            = [ClusterResourceState]$Data.State
      OwnerNode        = ConvertTo-ClusterNode $Data.OwnerNode
      SharedVolumeInfo = @($info)
      Cluster          = [string]$Data.Cluster
    }
  }
}

function Get-NameOf {
  # What a cluster object parameter names: a string, or an object's Name.
  param($Value)
  if ($null -eq $Value) { return $null }
  if ($Value -is [string]) { return $Value }
  [string]$Value.Name
}

function Get-Cluster {
  [CmdletBinding()]
  param([Parameter(Position = 0)][string]$Name, [Parameter(ValueFromPipeline = $true)][psobject]$InputObject, [string]$Domain)
  process {
    foreach ($c in Invoke-SimulatorCmdlet 'Get-Cluster' @{ Name = $Name } -ErrorSink $PSCmdlet) {
      $cluster = [pscustomobject]@{ Name = [string]$c.Name; Domain = [string]$c.Domain; Id = [string]$c.Id }
      # MaximumParallelMigrations exists from the 2022-09 cumulative update on; older clusters lack the property.
      if ($null -ne $c.MaximumParallelMigrations) {
        $cluster | Add-Member -NotePropertyName MaximumParallelMigrations -NotePropertyValue ([uint32]$c.MaximumParallelMigrations)
      }
      $cluster.PSObject.TypeNames.Insert(0, 'Microsoft.FailoverClusters.PowerShell.Cluster')
      $cluster
    }
  }
}

function Get-ClusterNode {
  [CmdletBinding()]
  param(
    [Parameter(Position = 0)][string[]]$Name,
    [Parameter(ValueFromPipeline = $true)][psobject]$InputObject,
    [string]$Cluster
  )
  process {
    Invoke-SimulatorCmdlet 'Get-ClusterNode' @{ Name = @($Name | Where-Object { $_ }) } -ErrorSink $PSCmdlet | ConvertTo-ClusterNode
  }
}

function Get-ClusterGroup {
  [CmdletBinding(DefaultParameterSetName = 'InputObject')]
  param(
    [Parameter(Position = 0, ParameterSetName = 'InputObject')][string[]]$Name,
    [Parameter(ParameterSetName = 'VMId')][guid]$VMId,
    [Parameter(ValueFromPipeline = $true, ParameterSetName = 'InputObject')][psobject]$InputObject,
    [string]$Cluster
  )
  process {
    $parameters = @{ Name = @($Name | Where-Object { $_ }) }
    if ($PSCmdlet.ParameterSetName -eq 'VMId') { $parameters = @{ VMId = "$VMId" } }
    elseif ($null -ne $InputObject) { $parameters = @{ Node = Get-NameOf $InputObject } }
    Invoke-SimulatorCmdlet 'Get-ClusterGroup' $parameters -ErrorSink $PSCmdlet | ConvertTo-ClusterGroup
  }
}

function Get-ClusterResource {
  [CmdletBinding()]
  param(
    [Parameter(Position = 0)][string[]]$Name,
    [Parameter(ValueFromPipeline = $true)][psobject]$InputObject,
    [string]$Cluster
  )
  process {
    $parameters = @{ Name = @($Name | Where-Object { $_ }) }
    if ($null -ne $InputObject) { $parameters.Group = Get-NameOf $InputObject }
    Invoke-SimulatorCmdlet 'Get-ClusterResource' $parameters -ErrorSink $PSCmdlet | ConvertTo-ClusterResource
  }
}

function Get-ClusterParameter {
  [CmdletBinding()]
  param(
    [Parameter(Position = 0)][string[]]$Name,
    [Parameter(ValueFromPipeline = $true)][psobject]$InputObject,
    [string]$Cluster
  )
  process {
    $parameters = @{ Name = @($Name | Where-Object { $_ }); Resource = Get-NameOf $InputObject }
    foreach ($p in Invoke-SimulatorCmdlet 'Get-ClusterParameter' $parameters -ErrorSink $PSCmdlet) {
      $value = $p.Value
      switch ($p.Type) { 'UInt32' { $value = [uint32]$value } 'String' { $value = [string]$value } }
      [pscustomobject]@{
        PSTypeName = 'Microsoft.FailoverClusters.PowerShell.ClusterParameter'
        ClusterObject = [string]$p.ClusterObject; Name = [string]$p.Name; IsReadOnly = [bool]$p.IsReadOnly
        ParameterType = [string]$p.Type; Value = $value
      }
    }
  }
}

function Get-ClusterOwnerNode {
  [CmdletBinding()]
  param(
    [string]$Resource,
    [string]$Group,
    [Parameter(ValueFromPipeline = $true)][psobject]$InputObject,
    [string]$Cluster
  )
  process {
    $parameters = @{ Resource = $Resource; Group = $Group }
    if ($null -ne $InputObject) { $parameters.Resource = Get-NameOf $InputObject }
    foreach ($o in Invoke-SimulatorCmdlet 'Get-ClusterOwnerNode' $parameters -ErrorSink $PSCmdlet) {
      [pscustomobject]@{
        PSTypeName = 'Microsoft.FailoverClusters.PowerShell.ClusterOwnerNode'
        ClusterObject = [string]$o.ClusterObject
        OwnerNodes    = @($o.OwnerNodes | ConvertTo-ClusterNode)
      }
    }
  }
}

function Move-ClusterVirtualMachineRole {
  [CmdletBinding(DefaultParameterSetName = 'Name')]
  param(
    [Parameter(Position = 0, ParameterSetName = 'Name')][string]$Name,
    [Parameter(Position = 1)][string]$Node,
    [VmMigrationType]$MigrationType = 'Live',
    [int]$Wait = -1,
    [switch]$Cancel,
    [Parameter(ParameterSetName = 'VMId')][guid]$VMId,
    [Parameter(ValueFromPipeline = $true, ParameterSetName = 'InputObject')][psobject]$InputObject,
    [string]$Cluster
  )
  process {
    $group = $Name
    if ($null -ne $InputObject) { $group = Get-NameOf $InputObject }
    $parameters = @{ Name = $group; Node = $Node; MigrationType = "$MigrationType"; Wait = $Wait; Cancel = [bool]$Cancel }
    if ($PSCmdlet.ParameterSetName -eq 'VMId') { $parameters.VMId = "$VMId" }
    Invoke-SimulatorCmdlet 'Move-ClusterVirtualMachineRole' $parameters -ErrorSink $PSCmdlet | ConvertTo-ClusterGroup
  }
}

function Suspend-ClusterNode {
  [CmdletBinding()]
  param(
    [Parameter(Position = 0)][string[]]$Name,
    [Parameter(ValueFromPipeline = $true)][psobject]$InputObject,
    [switch]$Drain,
    [switch]$Wait,
    [switch]$ForceDrain,
    [string]$Cluster
  )
  process {
    $names = @($Name | Where-Object { $_ })
    if ($null -ne $InputObject) { $names = @(Get-NameOf $InputObject) }
    foreach ($n in $names) {
      Invoke-SimulatorCmdlet 'Suspend-ClusterNode' @{ Name = $n; Drain = [bool]$Drain } -ErrorSink $PSCmdlet | ConvertTo-ClusterNode
    }
  }
}

function Resume-ClusterNode {
  [CmdletBinding()]
  param(
    [Parameter(Position = 0)][string[]]$Name,
    [Parameter(ValueFromPipeline = $true)][psobject]$InputObject,
    [ResumeClusterNodeFailbackType]$Failback = 'NoFailback',
    [string]$Cluster
  )
  process {
    $names = @($Name | Where-Object { $_ })
    if ($null -ne $InputObject) { $names = @(Get-NameOf $InputObject) }
    foreach ($n in $names) {
      Invoke-SimulatorCmdlet 'Resume-ClusterNode' @{ Name = $n; Failback = "$Failback" } -ErrorSink $PSCmdlet | ConvertTo-ClusterNode
    }
  }
}

function Get-ClusterSharedVolume {
  [CmdletBinding()]
  param([Parameter(Position = 0)][string[]]$Name, [Parameter(ValueFromPipeline = $true)][psobject]$InputObject, [string]$Cluster)
  process {
    Invoke-SimulatorCmdlet 'Get-ClusterSharedVolume' @{ Name = @($Name | Where-Object { $_ }) } -ErrorSink $PSCmdlet | ConvertTo-ClusterSharedVolume
  }
}

function Move-ClusterSharedVolume {
  [CmdletBinding()]
  param(
    [Parameter(Position = 0)][string]$Name,
    [Parameter(Position = 1)][string]$Node,
    [Parameter(ValueFromPipeline = $true)][psobject]$InputObject,
    [string]$Cluster
  )
  process {
    $volume = $Name
    if ($null -ne $InputObject) { $volume = Get-NameOf $InputObject }
    Invoke-SimulatorCmdlet 'Move-ClusterSharedVolume' @{ Name = $volume; Node = $Node } -ErrorSink $PSCmdlet | ConvertTo-ClusterSharedVolume
  }
}

function Get-ClusterSharedVolumeState {
  [CmdletBinding()]
  param([Parameter(Position = 0)][string[]]$Name, [string[]]$Node, [Parameter(ValueFromPipeline = $true)][psobject]$InputObject, [string]$Cluster)
  process {
    foreach ($s in Invoke-SimulatorCmdlet 'Get-ClusterSharedVolumeState' @{ Name = @($Name | Where-Object { $_ }) } -ErrorSink $PSCmdlet) {
      [pscustomobject]@{
        PSTypeName = 'Microsoft.FailoverClusters.PowerShell.ClusterSharedVolumeStateInfo'
        Name                         = [string]$s.Name
        VolumeName                   = [string]$s.VolumeName
        Node                         = [string]$s.Node
        StateInfo                    = [ClusterSharedVolumeState]$s.StateInfo
        VolumeFriendlyName           = [string]$s.VolumeFriendlyName
        FileSystemRedirectedIOReason = [FileSystemRedirectedIOReason]$s.FileSystemRedirectedIOReason
        BlockRedirectedIOReason      = [BlockRedirectedIOReason]$s.BlockRedirectedIOReason
      }
    }
  }
}

function Test-Cluster {
  <#
    -List: the tests of the categories named by -Include. Otherwise runs them on the model: each
    problem a warning ("Category - Test: message", as Test-Cluster writes them), the result line as
    information, the report written to -ReportName plus .htm, and the report file returned.
  #>
  [CmdletBinding()]
  param(
    [Parameter(Position = 0)][string[]]$Node,
    [string[]]$Include,
    [string[]]$Ignore,
    [object[]]$Disk,
    [string]$ReportName,
    [switch]$List,
    [switch]$Force,
    [string]$Cluster
  )
  $disks = @($Disk | Where-Object { $null -ne $_ } | ForEach-Object { Get-NameOf $_ })
  $parameters = @{ Include = @($Include); Disk = $disks; List = [bool]$List }
  $answer = @(Invoke-SimulatorCmdlet 'Test-Cluster' $parameters -ErrorSink $PSCmdlet)
  if ($List) {
    foreach ($t in $answer) {
      [pscustomobject]@{ Category = [string]$t.Category; DisplayName = [string]$t.DisplayName; Description = [string]$t.Description }
    }
    return
  }
  $run = $answer[0]
  foreach ($line in @($run.Warnings)) { Write-Warning $line }
  foreach ($line in @($run.Information)) { Write-Information $line }
  if ([string]::IsNullOrEmpty($ReportName)) { $ReportName = Join-Path ([System.IO.Path]::GetTempPath()) 'Validation Report' }
  $path = "$ReportName.htm"
  $folder = [System.IO.Path]::GetDirectoryName($path)
  if ($folder) { [void][System.IO.Directory]::CreateDirectory($folder) }
  [System.IO.File]::WriteAllText($path, [string]$run.Report)
  Get-Item -LiteralPath $path
}

Export-ModuleMember -Function Get-Cluster, Get-ClusterNode, Get-ClusterGroup, Get-ClusterResource, Get-ClusterParameter,
  Get-ClusterOwnerNode, Move-ClusterVirtualMachineRole, Suspend-ClusterNode, Resume-ClusterNode, Get-ClusterSharedVolume,
  Move-ClusterSharedVolume, Get-ClusterSharedVolumeState, Test-Cluster
