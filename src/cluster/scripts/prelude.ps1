# The helpers the cluster scripts share, one copy. The bot sends this text before every script, in
# the same invocation (prelude, then `& { <script> } -Name 'value'`), so each run stays one
# self-contained text on the wire that an auditor can read whole. It only defines functions: it
# runs nothing and reads no parameters. The JEA module (src/cluster/jea) holds them once, as
# private functions.

function New-ChatOpsError {
  # A refusal as an ErrorRecord with the stable FullyQualifiedErrorId HyperVChatOps.<Id>; the
  # script throws it with $PSCmdlet.ThrowTerminatingError, so the id reaches the client unchanged.
  param([string]$Id, [string]$Message, [object]$Target, [System.Management.Automation.ErrorCategory]$Category)
  $exception = [System.InvalidOperationException]::new($Message)
  [System.Management.Automation.ErrorRecord]::new($exception, "HyperVChatOps.$Id", $Category, $Target)
}

function Get-HResult {
  # The innermost HRESULT of an exception chain as 0xXXXXXXXX; a Win32Exception gives 0x8007 + its code.
  param([System.Exception]$Exception)
  $code = $Exception.HResult
  for ($e = $Exception; $null -ne $e; $e = $e.InnerException) {
    if ($e -is [System.ComponentModel.Win32Exception]) { return '0x{0:X8}' -f (0x80070000 -bor $e.NativeErrorCode) }
    $code = $e.HResult
  }
  '0x{0:X8}' -f $code
}

function Get-PossibleOwners {
  # The nodes that may own the VM's resource (Get-ClusterOwnerNode); none for an unclustered VM.
  param($VmId)
  try {
    $resource = Get-ClusterGroup -VMId $VmId | Get-ClusterResource | Where-Object { "$($_.ResourceType)" -eq 'Virtual Machine' }
    @((Get-ClusterOwnerNode -InputObject @($resource)[0]).OwnerNodes | ForEach-Object { "$($_.Name)" })
  } catch { @() }
}

function ConvertTo-VmRow {
  # A VM of this node as the bot reads it (memory: assigned, or the startup memory when off).
  param($Vm)
  $memory = $Vm.MemoryAssigned
  if ($memory -le 0) { $memory = $Vm.MemoryStartup }
  [pscustomobject]@{
    name           = $Vm.Name
    id             = "$($Vm.VMId)"
    ownerNode      = $env:COMPUTERNAME
    state          = "$($Vm.State)"
    memoryMB       = [long]($memory / 1MB)
    clustered      = [bool]$Vm.IsClustered
    possibleOwners = @(if ($Vm.IsClustered) { Get-PossibleOwners $Vm.VMId })
  }
}

function ConvertTo-JobRow {
  # An Msvm_MigrationJob of this node as the watch reports it.
  param($Job, [string]$HostName)
  $startTime = $null
  if ($null -ne $Job.StartTime) { $startTime = $Job.StartTime.ToUniversalTime().ToString('o') }
  $elapsedMs = $null
  if ($null -ne $Job.ElapsedTime) { $elapsedMs = [long]$Job.ElapsedTime.TotalMilliseconds }
  [pscustomobject]@{
    host             = $HostName
    destinationHost  = $Job.DestinationHost
    jobState         = [int]$Job.JobState
    percentComplete  = [int]$Job.PercentComplete
    startTime        = $startTime
    elapsedMs        = $elapsedMs
    errorCode        = [int]$Job.ErrorCode
    errorDescription = $Job.ErrorDescription
    blackoutMs       = $null
    failureEventId   = $null
  }
}

function Get-MigrationFailureEventId {
  # Hyper-V-High-Availability-Admin 21502 in this node's log: a live migration of the VM failed (its text says why).
  param([string]$VmName, [datetime]$Since)
  $filter = @{ LogName = 'Microsoft-Windows-Hyper-V-High-Availability-Admin'; Id = 21502; StartTime = $Since }
  $found = @(Get-WinEvent -FilterHashtable $filter -MaxEvents 20 |
      Where-Object { "$($_.Message)".IndexOf($VmName, [System.StringComparison]::OrdinalIgnoreCase) -ge 0 })[0]
  if ($null -eq $found) { return $null }
  [int]$found.Id
}

function Get-MigrationBlackoutMs {
  # Hyper-V-VMMS-Admin events 20415/20417 in this node's log: Parameter0 VM name, 1 VM id, 2 blackout seconds.
  param([string]$VmId, [datetime]$Since)
  $filter = @{ LogName = 'Microsoft-Windows-Hyper-V-VMMS-Admin'; Id = 20415, 20417; StartTime = $Since }
  $found = @(Get-WinEvent -FilterHashtable $filter -MaxEvents 50 | Where-Object { "$($_.Properties[1].Value)" -eq $VmId })[0]
  if ($null -eq $found) { return $null }
  [long]([double]"$($found.Properties[2].Value)" * 1000)
}

function Get-LocalMigrationJob {
  # This node's migration jobs of a VM (a job lives on its source host): the running ones, and the
  # newest finished one with its blackout time or failure event from this node's logs.
  param([string]$VmId, [string]$VmName)
  $hostName = $env:COMPUTERNAME
  $found = @(Get-CimInstance -Namespace 'root\virtualization\v2' -ClassName Msvm_MigrationJob | Where-Object { $_.VirtualSystemName -eq $VmId })
  $running = @($found | Where-Object { [int]$_.JobState -eq 4 } | ForEach-Object { ConvertTo-JobRow $_ $hostName })
  $lastJob = $null
  $newest = @($found | Where-Object { [int]$_.JobState -ne 4 } | Sort-Object { $_.StartTime } -Descending)[0]
  if ($null -ne $newest) {
    $lastJob = ConvertTo-JobRow $newest $hostName
    if ([int]$newest.JobState -eq 7) {
      try { $lastJob.blackoutMs = Get-MigrationBlackoutMs $VmId $newest.StartTime } catch { }
    } elseif ([int]$newest.JobState -ge 9) {
      try { $lastJob.failureEventId = Get-MigrationFailureEventId $VmName $newest.StartTime } catch { }
    }
  }
  [pscustomobject]@{ jobs = $running; lastJob = $lastJob }
}
