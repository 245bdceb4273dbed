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

function Get-LocalSplat {
  # The -ComputerName to splat for a node: none for this node, so that its reads stay local (no
  # second hop from a WinRM session).
  param([string]$NodeName)
  if ($NodeName -eq $env:COMPUTERNAME) { return @{} }
  @{ ComputerName = $NodeName }
}

function Get-PossibleOwners {
  # The nodes that may own the VM's resource (Get-ClusterOwnerNode); none for an unclustered VM.
  param($VmId)
  try {
    $resource = Get-ClusterGroup -VMId $VmId | Get-ClusterResource | Where-Object { "$($_.ResourceType)" -eq 'Virtual Machine' }
    @((Get-ClusterOwnerNode -InputObject @($resource)[0]).OwnerNodes | ForEach-Object { "$($_.Name)" })
  } catch { @() }
}
