# get-migration-jobs.ps1: this node's jobs of one VM (a job lives on its source), read here only.
BeforeAll {
  . (Join-Path $PSScriptRoot 'ScriptHarness.ps1')
  $script:vmId = '6f1d2c3b-0000-4000-8000-000000000042'
  $script:start = [datetime]::new(2026, 11, 25, 9, 0, 0, [System.DateTimeKind]::Utc).ToLocalTime()
  function New-TestJob {
    param([int]$State, [string]$VmId = $script:vmId)
    [pscustomobject]@{
      VirtualSystemName = $VmId; DestinationHost = 'node2'; JobState = [uint16]$State; PercentComplete = [uint16]100
      StartTime = $script:start; ElapsedTime = [timespan]::FromSeconds(20); ErrorCode = [uint16]0; ErrorDescription = $null
    }
  }
  Mock Get-CimInstance { (New-TestJob 7), (New-TestJob 4 -VmId 'another') } -ParameterFilter { $null -eq $ComputerName }
  Mock Get-WinEvent {
    [pscustomobject]@{ Id = 20415; Properties = @([pscustomobject]@{ Value = 'vm42' }, [pscustomobject]@{ Value = $script:vmId }, [pscustomobject]@{ Value = '0.314' }) }
  } -ParameterFilter { $FilterHashtable[0].LogName -eq 'Microsoft-Windows-Hyper-V-VMMS-Admin' -and -not $ComputerName }
}

Describe 'get-migration-jobs.ps1' {
  It "gives this node's finished job of the VM with its blackout, and no other VM's job" {
    Invoke-ClusterScript get-migration-jobs @{ VmId = $script:vmId; Vm = 'vm42' } | Should -BeExactly (
      '{"jobs":[],"lastJob":{"host":"node1","destinationHost":"node2","jobState":7,"percentComplete":100,"startTime":"2026-11-25T09:00:00.0000000Z",' +
      '"elapsedMs":20000,"errorCode":0,"errorDescription":null,"blackoutMs":314,"failureEventId":null}}')
    Should -Invoke Get-CimInstance -Times 0 -Exactly -ParameterFilter { $ComputerName }
  }

  It 'gives none when this node has no job of the VM' {
    Invoke-ClusterScript get-migration-jobs @{ VmId = [guid]::NewGuid().ToString(); Vm = 'other' } | Should -BeExactly '{"jobs":[],"lastJob":null}'
  }
}
