<#
  The fakes' one channel to the simulator: every fake cmdlet sends its bound parameters to the
  TypeScript model (the one truth for the cluster's state and time) and gets back objects or a
  Windows error. The address and a per-process secret come from the environment the simulator
  gave this pwsh; nothing else on the machine knows the secret, so nothing else can use it.
  Also Windows' errors as ErrorRecords, and the dates and type names the fakes give their objects.
#>

$script:Client = $null

function Get-SimulatorClient {
  if ($null -eq $script:Client) {
    $script:Client = [System.Net.Http.HttpClient]::new()
    $script:Client.DefaultRequestHeaders.Authorization =
      [System.Net.Http.Headers.AuthenticationHeaderValue]::new('Bearer', $env:HYPERV_CHATOPS_SIMULATOR_SECRET)
  }
  $script:Client
}

function New-SimulatedErrorRecord {
  # A Windows failure as the cmdlet raises it: its FullyQualifiedErrorId, category, target, and an
  # exception whose inner exception carries the Win32 code or HRESULT that Windows reports. The
  # category's reason and activity name Windows' exception type and cmdlet (ClusterCmdletException,
  # [Move-ClusterVirtualMachineRole]); the exception itself is a System.Exception, since defining
  # classes would cost each pwsh a compilation.
  param($Failure, [string]$Cmdlet)
  $inner = $null
  if ($null -ne $Failure.win32) { $inner = [System.ComponentModel.Win32Exception]::new([int]$Failure.win32) }
  elseif ($null -ne $Failure.hresult) { $inner = [System.Runtime.InteropServices.COMException]::new($Failure.message, [int]$Failure.hresult) }
  $exception = if ($Failure.exception -eq 'ArgumentException') { [System.ArgumentException]::new($Failure.message, $inner) }
  else { [System.Exception]::new($Failure.message, $inner) }
  $record = [System.Management.Automation.ErrorRecord]::new($exception, $Failure.errorId, $Failure.category, $Failure.target)
  $record.CategoryInfo.Reason = $Failure.exception
  $record.CategoryInfo.Activity = $Cmdlet
  $record
}

function Get-CallerErrorAction {
  # A compiled cmdlet's non-terminating error obeys its caller's $ErrorActionPreference (or
  # -ErrorAction); a script module's function would see only the module's own, so look it up
  # where the caller is (the cmdlet's SessionState is the caller's).
  param([System.Management.Automation.PSCmdlet]$Cmdlet)
  if ($Cmdlet.MyInvocation.BoundParameters.ContainsKey('ErrorAction')) { return "$($Cmdlet.MyInvocation.BoundParameters['ErrorAction'])" }
  "$($Cmdlet.SessionState.PSVariable.GetValue('ErrorActionPreference'))"
}

function Invoke-SimulatorCmdlet {
  <#
    Runs one fake cmdlet on the model. Returns its output objects (JSON read with dates kept as
    strings, so a name that looks like a date stays a name). A terminating Windows error is thrown
    as Windows throws it (FullyQualifiedErrorId unchanged); a non-terminating one is given to
    -Cmdlet's caller to write, with -ErrorSink.
  #>
  param(
    [Parameter(Mandatory = $true)][string]$Cmdlet,
    [hashtable]$Parameters = @{},
    [System.Management.Automation.PSCmdlet]$ErrorSink
  )
  $body = ConvertTo-Json -InputObject @{ cmdlet = $Cmdlet; parameters = $Parameters } -Depth 6 -Compress
  $request = [System.Net.Http.HttpRequestMessage]::new([System.Net.Http.HttpMethod]::Post, $env:HYPERV_CHATOPS_SIMULATOR_URL)
  $request.Content = [System.Net.Http.StringContent]::new($body, [System.Text.UTF8Encoding]::new($false), 'application/json')
  # Read as it comes: progress records the cmdlet writes while it runs, one JSON line each, then its result.
  $response = (Get-SimulatorClient).SendAsync($request, [System.Net.Http.HttpCompletionOption]::ResponseHeadersRead).GetAwaiter().GetResult()
  $reader = [System.IO.StreamReader]::new($response.Content.ReadAsStreamAsync().GetAwaiter().GetResult(), [System.Text.UTF8Encoding]::new($false))
  if (-not $response.IsSuccessStatusCode) {
    throw "The cluster simulator refused $Cmdlet ($([int]$response.StatusCode)): $($reader.ReadToEnd())"
  }
  $answer = $null
  while ($null -ne ($text = $reader.ReadLine())) {
    $line = ConvertFrom-Json -InputObject $text -DateKind String
    if ($null -ne $line.progress) {
      Write-Progress -Activity $line.progress.activity -Status $line.progress.status -PercentComplete $line.progress.percent
    } elseif ($null -ne $line.error) {
      throw "The cluster simulator failed in ${Cmdlet}: $($line.error)"
    } else {
      $answer = $line
    }
  }
  $reader.Dispose()
  if ($null -eq $answer) { throw "The cluster simulator gave no answer for $Cmdlet" }
  foreach ($failure in @($answer.errors)) {
    if ($null -eq $failure) { continue }
    $record = New-SimulatedErrorRecord $failure $Cmdlet
    if ($failure.terminating -or $null -eq $ErrorSink -or (Get-CallerErrorAction $ErrorSink) -eq 'Stop') { throw $record }
    $ErrorSink.WriteError($record)
  }
  foreach ($item in @($answer.output)) { if ($null -ne $item) { $item } }
}

function ConvertTo-SimulatedDate {
  # An ISO 8601 UTC instant from the model as a local DateTime, as Windows gives dates.
  param([string]$Iso)
  if ([string]::IsNullOrEmpty($Iso)) { return $null }
  [datetime]::Parse($Iso, [System.Globalization.CultureInfo]::InvariantCulture, [System.Globalization.DateTimeStyles]::RoundtripKind).ToLocalTime()
}

Export-ModuleMember -Function Invoke-SimulatorCmdlet, ConvertTo-SimulatedDate
