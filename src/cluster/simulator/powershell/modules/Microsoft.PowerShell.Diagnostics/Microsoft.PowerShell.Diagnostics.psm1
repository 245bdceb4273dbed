<#
  A fake of Get-WinEvent -FilterHashtable for the cluster simulator: each node's event logs as the
  model keeps them, read as EventLogRecord objects (Learn: Get-WinEvent, EventLogRecord). No match
  is the NoMatchingEventsFound error that Windows writes.
#>

function Get-WinEvent {
  [CmdletBinding(DefaultParameterSetName = 'HashQuerySet')]
  param(
    [Parameter(Position = 0, Mandatory = $true, ParameterSetName = 'HashQuerySet')][hashtable[]]$FilterHashtable,
    [long]$MaxEvents = -1,
    [string]$ComputerName,
    [switch]$Oldest
  )
  $computer = $ComputerName
  if ([string]::IsNullOrEmpty($computer)) { $computer = $env:COMPUTERNAME }
  foreach ($filter in $FilterHashtable) {
    $query = @{}
    foreach ($key in $filter.Keys) {
      $value = $filter[$key]
      if ($value -is [datetime]) { $value = $value.ToUniversalTime().ToString('o') }
      $query[$key] = $value
    }
    $parameters = @{ Filter = $query; MaxEvents = $MaxEvents; ComputerName = $computer }
    foreach ($e in Invoke-SimulatorCmdlet 'Get-WinEvent' $parameters -ErrorSink $PSCmdlet) {
      [pscustomobject]@{
        PSTypeName = 'System.Diagnostics.Eventing.Reader.EventLogRecord'
        Id               = [int]$e.Id
        Level            = [byte]$e.Level
        LevelDisplayName = [string]$e.LevelDisplayName
        LogName          = [string]$e.LogName
        ProviderName     = [string]$e.ProviderName
        MachineName      = [string]$e.MachineName
        TimeCreated      = ConvertTo-SimulatedDate $e.TimeCreated
        Message          = [string]$e.Message
        Properties       = @($e.Properties | ForEach-Object { [pscustomobject]@{ Value = $_ } })
      }
    }
  }
}

Export-ModuleMember -Function Get-WinEvent
