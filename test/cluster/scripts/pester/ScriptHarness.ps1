# Dot-sourced by each *.Tests.ps1 in BeforeAll: the prelude's helpers and the cmdlet stand-ins in
# the test's scope (as the invocation defines the helpers before the script block), a way to run a
# script as production does (its file text as a script block, `& { <script> } -Name 'value'`), and
# small builders for the objects the cmdlets return on Windows.

$script:ScriptsFolder = [System.IO.Path]::GetFullPath((Join-Path $PSScriptRoot '../../../../src/cluster/scripts'))
. (Join-Path $script:ScriptsFolder 'prelude.ps1')
. (Join-Path $PSScriptRoot 'ClusterStubs.ps1')

# The node the scripts run on: they read it alone (the bot runs a script on the node it concerns).
$env:COMPUTERNAME = 'node1'

function Invoke-ClusterScript {
  # Runs src/cluster/scripts/<Name>.ps1 with these parameters; returns what it printed (its JSON).
  # Its warnings go to this function's warning stream (-WarningVariable works on it).
  [CmdletBinding()]
  param([Parameter(Mandatory = $true, Position = 0)][string]$Name, [Parameter(Position = 1)][hashtable]$Parameters = @{})
  $block = [scriptblock]::Create([System.IO.File]::ReadAllText((Join-Path $script:ScriptsFolder "$Name.ps1")))
  & $block @Parameters
}

function Get-ClusterScriptRefusal {
  # The ErrorRecord a script stopped with; throws when it did not stop.
  [CmdletBinding()]
  param([Parameter(Mandatory = $true, Position = 0)][string]$Name, [Parameter(Position = 1)][hashtable]$Parameters = @{})
  try { $output = Invoke-ClusterScript $Name $Parameters } catch { return $_ }
  throw "$Name.ps1 did not stop; it printed: $output"
}

function New-TestCluster {
  param([string]$Name = 'hv-cluster')
  [pscustomobject]@{ Name = $Name }
}

function New-TestNode {
  param([string]$Name, [string]$State = 'Up', [string]$DrainStatus = 'NotInitiated', [int]$Id = 1)
  $node = [Microsoft.FailoverClusters.PowerShell.ClusterNode]::new()
  $node.Name = $Name
  $node.Id = "$Id"
  $node.State = [Microsoft.FailoverClusters.PowerShell.ClusterNodeState]$State
  $node.DrainStatus = [Microsoft.FailoverClusters.PowerShell.NodeDrainStatus]$DrainStatus
  $node
}

function New-TestGroup {
  # A VM role: its OwnerNode is a node object, as Get-ClusterGroup gives it.
  param([string]$Name, [psobject]$OwnerNode, [string]$State = 'Online', [string]$GroupType = 'VirtualMachine')
  [pscustomobject]@{
    Name      = $Name
    OwnerNode = $OwnerNode
    State     = [Microsoft.FailoverClusters.PowerShell.ClusterGroupState]$State
    GroupType = [Microsoft.FailoverClusters.PowerShell.GroupType]$GroupType
  }
}

function New-TestResource {
  param([string]$Name, [string]$OwnerGroup, [string]$State = 'Online', [string]$ResourceType = 'Virtual Machine')
  [pscustomobject]@{
    Name         = $Name
    OwnerGroup   = $OwnerGroup
    State        = [Microsoft.FailoverClusters.PowerShell.ClusterResourceState]$State
    ResourceType = [Microsoft.FailoverClusters.PowerShell.ClusterResourceType]@{ Name = $ResourceType }
  }
}

function New-TestParameter {
  param([string]$Name, $Value)
  [pscustomobject]@{ Name = $Name; Value = $Value }
}

function New-TestVm {
  param([string]$Name, [guid]$Id = [guid]::NewGuid(), [string]$State = 'Running', [long]$MemoryAssigned = 8GB,
    [long]$MemoryStartup = 8GB, [bool]$IsClustered = $true)
  [pscustomobject]@{
    Name           = $Name
    VMId           = $Id
    Id             = $Id
    State          = [Microsoft.HyperV.PowerShell.VMState]$State
    MemoryAssigned = $MemoryAssigned
    MemoryStartup  = $MemoryStartup
    IsClustered    = $IsClustered
  }
}

function New-TestWin32Failure {
  # What a cluster cmdlet throws when the cluster API fails: an exception around a Win32Exception
  # with the Windows error code (e.g. 5016 ERROR_NODE_CANT_HOST_RESOURCE).
  param([int]$Code, [string]$Message = 'The operation failed.')
  $inner = [System.ComponentModel.Win32Exception]::new($Code)
  [System.InvalidOperationException]::new($Message, $inner)
}
