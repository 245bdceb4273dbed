<#
  A fake of Get-CimInstance (CimCmdlets) for the cluster simulator: the classes the bot's scripts
  read, Win32_OperatingSystem (root\cimv2) and Msvm_MigrationJob (root\virtualization\v2), with
  their properties' CIM types (Learn: win32-operatingsystem, msvm-migrationjob, msvm-concretejob).
  Any other class answers as Windows does for an invalid class.
#>

function ConvertTo-CimDate {
  param($Iso)
  if ($null -eq $Iso) { return $null }
  ConvertTo-SimulatedDate $Iso
}

function Get-CimInstance {
  [CmdletBinding(DefaultParameterSetName = 'ClassNameComputerSet')]
  param(
    [Parameter(Position = 0, Mandatory = $true)][string]$ClassName,
    [string]$Namespace = 'root\cimv2',
    [string]$Filter,
    [string[]]$ComputerName,
    [uint32]$OperationTimeoutSec
  )
  $computers = @($ComputerName | Where-Object { $_ })
  if ($computers.Count -eq 0) { $computers = @($env:COMPUTERNAME) }
  foreach ($computer in $computers) {
    $parameters = @{ ClassName = $ClassName; Namespace = $Namespace; ComputerName = $computer; Filter = $Filter }
    foreach ($i in Invoke-SimulatorCmdlet 'Get-CimInstance' $parameters -ErrorSink $PSCmdlet) {
      $object = switch ($ClassName) {
        'Win32_OperatingSystem' {
          [pscustomobject]@{
            CSName = [string]$i.CSName; Caption = [string]$i.Caption
            TotalVisibleMemorySize = [uint64]$i.TotalVisibleMemorySize; FreePhysicalMemory = [uint64]$i.FreePhysicalMemory
            PSComputerName = [string]$i.CSName
          }
        }
        'Msvm_MigrationJob' {
          [pscustomobject]@{
            InstanceID = [string]$i.InstanceID; JobState = [uint16]$i.JobState; PercentComplete = [uint16]$i.PercentComplete
            StartTime = ConvertTo-CimDate $i.StartTime
            ElapsedTime = if ($null -ne $i.ElapsedMs) { [timespan]::FromMilliseconds([double]$i.ElapsedMs) } else { $null }
            ErrorCode = [uint16]$i.ErrorCode; ErrorDescription = $i.ErrorDescription
            VirtualSystemName = [string]$i.VirtualSystemName; DestinationHost = [string]$i.DestinationHost
            MigrationType = [uint16]$i.MigrationType; TimeBeforeRemoval = [timespan]::FromMinutes(5)
            PSComputerName = [string]$computer
          }
        }
      }
      $object.PSObject.TypeNames.Insert(0, "Microsoft.Management.Infrastructure.CimInstance#$Namespace/$ClassName")
      $object
    }
  }
}

Export-ModuleMember -Function Get-CimInstance
