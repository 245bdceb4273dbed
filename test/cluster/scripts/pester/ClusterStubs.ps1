# Stand-ins for the FailoverClusters, Hyper-V, CIM and event-log cmdlets the cluster scripts call,
# so that Pester can Mock them where those modules do not exist (Linux, CI). Each stub does nothing
# by itself and declares the parameters the scripts pass, with the pipeline binding Windows has, so
# that a Mock's -ParameterFilter sees them. The enums are real .NET enums with Windows' names and
# values (the same tables as src/cluster/remote/enum-tables.ts, with its sources), so that a
# script that forgot to turn one into its name would print a number, as Windows PowerShell 5.1's
# ConvertTo-Json does; a node and a resource type are objects that print as their name, so that
# a script comparing one with a string without "$(...)" would find nothing, as on Windows.

if (-not ('Microsoft.FailoverClusters.PowerShell.ClusterNodeState' -as [type])) {
  Add-Type -TypeDefinition @'
namespace Microsoft.FailoverClusters.PowerShell {
  // CLUSTER_NODE_STATE (clusapi.h; Learn: cluster_node_state)
  public enum ClusterNodeState { Unknown = -1, Up = 0, Down = 1, Paused = 2, Joining = 3 }
  // ClusterNode.DrainStatus (Learn: mscs/nodes-nodedrainstatus)
  public enum NodeDrainStatus { NotInitiated = 0, InProgress = 1, Completed = 2, Failed = 3 }
  // ClusterGroup.State (Learn: mscs/clusresgroup-state)
  public enum ClusterGroupState { Unknown = -1, Online = 0, Offline = 1, Failed = 2, PartialOnline = 3, Pending = 4 }
  // ClusterGroup.GroupType (Learn: mscs/clusresgroup-grouptype): a VM role is 111
  public enum GroupType { Cluster = 1, AvailableStorage = 2, VirtualMachine = 111 }
  // CLUSTER_RESOURCE_STATE (clusapi.h), also a Cluster Shared Volume's State
  public enum ClusterResourceState { Unknown = -1, Inherited = 0, Initializing = 1, Online = 2, Offline = 3, Failed = 4, Pending = 128, OnlinePending = 129, OfflinePending = 130 }
  // Get-ClusterNode's objects print as their name, as Windows' ClusterNode does
  public class ClusterNode {
    public string Name; public string Id; public ClusterNodeState State; public NodeDrainStatus DrainStatus;
    public override string ToString() { return Name; }
  }
  // A resource's ResourceType is an object, not a string: it prints as its name
  public class ClusterResourceType {
    public string Name;
    public override string ToString() { return Name; }
  }
}
namespace Microsoft.HyperV.PowerShell {
  // VMState (decompiled VMState.cs; research section 4.2)
  public enum VMState { Other = 1, Running = 2, Off = 3, Stopping = 4, Saved = 6, Paused = 9, Starting = 10, Reset = 11, Saving = 32773, Pausing = 32776, Resuming = 32777 }
  // VMMigrationPerformance (decompiled; research section 4.2)
  public enum VMMigrationPerformance { TCPIP = 0, Compression = 1, SMB = 2 }
}
'@
}

function Get-Cluster { [CmdletBinding()] param([Parameter(Position = 0)][string]$Name) }
function Get-ClusterNode { [CmdletBinding()] param([Parameter(Position = 0)][string[]]$Name) }
function Get-ClusterGroup { [CmdletBinding()] param([Parameter(Position = 0)][string[]]$Name, [guid]$VMId) }
function Get-ClusterResource {
  [CmdletBinding()] param([Parameter(Position = 0)][string[]]$Name, [Parameter(ValueFromPipeline = $true)][psobject]$InputObject)
}
function Get-ClusterParameter {
  [CmdletBinding()] param([Parameter(Position = 0)][string[]]$Name, [Parameter(ValueFromPipeline = $true)][psobject]$InputObject)
}
function Get-ClusterOwnerNode { [CmdletBinding()] param([Parameter(ValueFromPipeline = $true)][psobject]$InputObject) }
function Move-ClusterVirtualMachineRole {
  [CmdletBinding()] param([Parameter(Position = 0)][string]$Name, [string]$Node, [string]$MigrationType, [int]$Wait, [switch]$Cancel)
}
function Suspend-ClusterNode { [CmdletBinding()] param([Parameter(Position = 0)][string[]]$Name, [switch]$Drain) }
function Resume-ClusterNode { [CmdletBinding()] param([Parameter(Position = 0)][string[]]$Name, [string]$Failback) }
function Get-ClusterSharedVolume { [CmdletBinding()] param([Parameter(Position = 0)][string[]]$Name) }
function Get-ClusterSharedVolumeState { [CmdletBinding()] param([string[]]$Name, [string[]]$Node) }
function Move-ClusterSharedVolume { [CmdletBinding()] param([Parameter(Position = 0)][string]$Name, [string]$Node) }
function Test-Cluster {
  [CmdletBinding()] param([switch]$List, [string[]]$Include, [string]$ReportName, [string[]]$Disk, [switch]$Force)
}

function Get-VM { [CmdletBinding()] param([Parameter(Position = 0)][string[]]$Name, [guid]$Id, [string[]]$ComputerName) }
function Get-VMHost { [CmdletBinding()] param([string[]]$ComputerName) }
function Start-VM { [CmdletBinding()] param([Parameter(Position = 0)][psobject]$VM) }
function Stop-VM { [CmdletBinding()] param([Parameter(Position = 0)][psobject]$VM, [switch]$TurnOff, [switch]$Force) }
function Save-VM { [CmdletBinding()] param([Parameter(Position = 0)][psobject]$VM) }
function Restart-VM { [CmdletBinding()] param([Parameter(Position = 0)][psobject]$VM, [switch]$Force) }
function Checkpoint-VM { [CmdletBinding()] param([Parameter(Position = 0)][psobject]$VM, [string]$SnapshotName, [switch]$Passthru) }
function Get-VMSnapshot { [CmdletBinding()] param([psobject]$VM) }

function Get-CimInstance { [CmdletBinding()] param([string]$ClassName, [string]$Namespace, [string[]]$ComputerName) }
function Get-WinEvent { [CmdletBinding()] param([hashtable[]]$FilterHashtable, [int64]$MaxEvents, [string]$ComputerName) }
