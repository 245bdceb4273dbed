<#
  A fake of Windows' Hyper-V module for the cluster simulator: the cmdlets the bot's scripts call,
  with Windows' names, parameter sets and pipeline binding, answering from the simulator's model.
  Shapes and enum values from Microsoft Learn's Hyper-V module reference (learn.microsoft.com/
  powershell/module/hyper-v) and Microsoft.HyperV.PowerShell.VirtualMachine / VMSnapshot / VMHost.
  Each node is a Hyper-V host: -ComputerName names it; without it the cmdlet reads this node
  ($env:COMPUTERNAME, which the simulator sets to the node WinRM reached).
#>

# Microsoft.HyperV.PowerShell.VMState
enum VMState {
  Other = 1; Running = 2; Off = 3; Stopping = 4; Saved = 6; Paused = 9; Starting = 10; Reset = 11; Saving = 32773
  Pausing = 32776; Resuming = 32777; FastSaved = 32779; FastSaving = 32780
}
# Microsoft.HyperV.PowerShell.VMMigrationPerformance
enum VMMigrationPerformance { TCPIP = 0; Compression = 1; SMB = 2 }
# Microsoft.HyperV.PowerShell.SnapshotType
enum SnapshotType { Standard = 0; Recovery = 1; Planned = 2; Missing = 3; Replica = 4; AppConsistentReplica = 5; SyncedReplica = 6 }

function Get-TargetHost {
  param([string[]]$ComputerName)
  $names = @($ComputerName | Where-Object { $_ })
  if ($names.Count -eq 0) { return @($env:COMPUTERNAME) }
  $names
}

function ConvertTo-VirtualMachine {
  param([Parameter(ValueFromPipeline = $true)]$Data)
  process {
    [pscustomobject]@{
      PSTypeName = 'Microsoft.HyperV.PowerShell.VirtualMachine'
      Name           = [string]$Data.Name
      VMName         = [string]$Data.Name
      VMId           = [guid]$Data.VMId
      Id             = [guid]$Data.VMId
      State          = [VMState]$Data.State
      MemoryAssigned = [long]$Data.MemoryAssigned
      MemoryStartup  = [long]$Data.MemoryStartup
      IsClustered    = [bool]$Data.IsClustered
      ComputerName   = [string]$Data.ComputerName
      Uptime         = [timespan]::Zero
    }
  }
}

function ConvertTo-VMSnapshot {
  param([Parameter(ValueFromPipeline = $true)]$Data)
  process {
    [pscustomobject]@{
      PSTypeName = 'Microsoft.HyperV.PowerShell.VMSnapshot'
      Name               = [string]$Data.Name
      Id                 = [guid]$Data.Id
      VMName             = [string]$Data.VMName
      VMId               = [guid]$Data.VMId
      CreationTime       = ConvertTo-SimulatedDate $Data.CreationTime
      ParentSnapshotName = $Data.ParentSnapshotName
      SnapshotType       = [SnapshotType]'Standard'
      ComputerName       = [string]$Data.ComputerName
    }
  }
}

function Get-VM {
  [CmdletBinding(DefaultParameterSetName = 'Name')]
  param(
    [Parameter(Position = 0, ParameterSetName = 'Name')][string[]]$Name,
    [Parameter(ParameterSetName = 'Id')][guid]$Id,
    [string[]]$ComputerName
  )
  foreach ($computer in Get-TargetHost $ComputerName) {
    $parameters = @{ ComputerName = $computer; Name = @($Name | Where-Object { $_ }) }
    if ($PSCmdlet.ParameterSetName -eq 'Id') { $parameters.Id = "$Id" }
    Invoke-SimulatorCmdlet 'Get-VM' $parameters -ErrorSink $PSCmdlet | ConvertTo-VirtualMachine
  }
}

function Get-VMHost {
  [CmdletBinding()]
  param([string[]]$ComputerName)
  foreach ($computer in Get-TargetHost $ComputerName) {
    foreach ($h in Invoke-SimulatorCmdlet 'Get-VMHost' @{ ComputerName = $computer } -ErrorSink $PSCmdlet) {
      [pscustomobject]@{
        PSTypeName = 'Microsoft.HyperV.PowerShell.VMHost'
        ComputerName                              = [string]$h.ComputerName
        Name                                      = [string]$h.ComputerName
        MaximumVirtualMachineMigrations           = [uint32]$h.MaximumVirtualMachineMigrations
        MaximumStorageMigrations                  = [uint32]2
        VirtualMachineMigrationEnabled            = $true
        VirtualMachineMigrationPerformanceOption  = [VMMigrationPerformance]$h.VirtualMachineMigrationPerformanceOption
        MemoryCapacity                            = [long]$h.MemoryCapacity
      }
    }
  }
}

function Invoke-VMChange {
  # One change to a VM the caller passed (-VM) or named (-Name), on the host that holds it.
  param([string]$Cmdlet, $VM, [string[]]$Name, [string[]]$ComputerName, [hashtable]$Extra, $Sink)
  $targets = @()
  if ($null -ne $VM) { $targets = @($VM | ForEach-Object { @{ Id = "$($_.VMId)"; ComputerName = [string]$_.ComputerName } }) }
  else { foreach ($c in Get-TargetHost $ComputerName) { foreach ($n in $Name) { $targets += @{ Name = $n; ComputerName = $c } } } }
  foreach ($t in $targets) {
    foreach ($key in $Extra.Keys) { $t[$key] = $Extra[$key] }
    Invoke-SimulatorCmdlet $Cmdlet $t -ErrorSink $Sink
  }
}

function Start-VM {
  [CmdletBinding(DefaultParameterSetName = 'Name')]
  param(
    [Parameter(Position = 0, Mandatory = $true, ParameterSetName = 'Name')][string[]]$Name,
    [Parameter(Position = 0, Mandatory = $true, ValueFromPipeline = $true, ParameterSetName = 'VMObject')][psobject[]]$VM,
    [string[]]$ComputerName,
    [switch]$Passthru
  )
  process {
    $after = Invoke-VMChange 'Start-VM' $VM $Name $ComputerName @{} $PSCmdlet | ConvertTo-VirtualMachine
    if ($Passthru) { $after }
  }
}

function Stop-VM {
  [CmdletBinding(DefaultParameterSetName = 'Name')]
  param(
    [Parameter(Position = 0, Mandatory = $true, ParameterSetName = 'Name')][string[]]$Name,
    [Parameter(Position = 0, Mandatory = $true, ValueFromPipeline = $true, ParameterSetName = 'VMObject')][psobject[]]$VM,
    [string[]]$ComputerName,
    [switch]$Force,
    [switch]$TurnOff,
    [switch]$Save,
    [switch]$Passthru
  )
  process {
    $after = Invoke-VMChange 'Stop-VM' $VM $Name $ComputerName @{ TurnOff = [bool]$TurnOff; Force = [bool]$Force; Save = [bool]$Save } $PSCmdlet |
      ConvertTo-VirtualMachine
    if ($Passthru) { $after }
  }
}

function Save-VM {
  [CmdletBinding(DefaultParameterSetName = 'Name')]
  param(
    [Parameter(Position = 0, Mandatory = $true, ParameterSetName = 'Name')][string[]]$Name,
    [Parameter(Position = 0, Mandatory = $true, ValueFromPipeline = $true, ParameterSetName = 'VMObject')][psobject[]]$VM,
    [string[]]$ComputerName,
    [switch]$Passthru
  )
  process {
    $after = Invoke-VMChange 'Save-VM' $VM $Name $ComputerName @{} $PSCmdlet | ConvertTo-VirtualMachine
    if ($Passthru) { $after }
  }
}

function Restart-VM {
  [CmdletBinding(DefaultParameterSetName = 'Name')]
  param(
    [Parameter(Position = 0, Mandatory = $true, ParameterSetName = 'Name')][string[]]$Name,
    [Parameter(Position = 0, Mandatory = $true, ValueFromPipeline = $true, ParameterSetName = 'VMObject')][psobject[]]$VM,
    [string[]]$ComputerName,
    [switch]$Force,
    [switch]$Passthru
  )
  process {
    $after = Invoke-VMChange 'Restart-VM' $VM $Name $ComputerName @{ Force = [bool]$Force } $PSCmdlet | ConvertTo-VirtualMachine
    if ($Passthru) { $after }
  }
}

function Checkpoint-VM {
  [CmdletBinding(DefaultParameterSetName = 'Name')]
  param(
    [Parameter(Position = 0, Mandatory = $true, ParameterSetName = 'Name')][string[]]$Name,
    [Parameter(Position = 0, Mandatory = $true, ValueFromPipeline = $true, ParameterSetName = 'VMObject')][psobject[]]$VM,
    [Parameter(Position = 1)][string]$SnapshotName,
    [string[]]$ComputerName,
    [switch]$Passthru
  )
  process {
    $taken = Invoke-VMChange 'Checkpoint-VM' $VM $Name $ComputerName @{ SnapshotName = $SnapshotName } $PSCmdlet | ConvertTo-VMSnapshot
    if ($Passthru) { $taken }
  }
}

function Get-VMSnapshot {
  [CmdletBinding(DefaultParameterSetName = 'Name')]
  param(
    [Parameter(Position = 0, Mandatory = $true, ParameterSetName = 'Name')][string[]]$VMName,
    [Parameter(Position = 0, Mandatory = $true, ValueFromPipeline = $true, ParameterSetName = 'VMObject')][psobject[]]$VM,
    [Parameter(Position = 1)][string]$Name,
    [string[]]$ComputerName
  )
  process {
    Invoke-VMChange 'Get-VMSnapshot' $VM $VMName $ComputerName @{ Snapshot = $Name } $PSCmdlet | ConvertTo-VMSnapshot
  }
}

Export-ModuleMember -Function Get-VM, Get-VMHost, Start-VM, Stop-VM, Save-VM, Restart-VM, Checkpoint-VM, Get-VMSnapshot
