# list-events.ps1: the events that matter in this node's logs, newest first, filtered by -About.
BeforeAll {
  . (Join-Path $PSScriptRoot 'ScriptHarness.ps1')
  function New-TestEvent {
    param([int]$Id, [int]$Level, [string]$Log, [int]$Minute, [string]$Message)
    [pscustomobject]@{
      Id          = $Id
      Level       = [byte]$Level
      LogName     = $Log
      TimeCreated = [datetime]::new(2026, 11, 25, 9, $Minute, 0, [System.DateTimeKind]::Utc).ToLocalTime()
      Message     = $Message
    }
  }
  function Write-NoMatchingEvents {
    # What Get-WinEvent does when nothing matches: a non-terminating error with this id, which the
    # script's $ErrorActionPreference = 'Stop' turns into a terminating one.
    Write-Error -Message 'No events were found that match the specified selection criteria.' -ErrorId 'NoMatchingEventsFound,Microsoft.PowerShell.Commands.GetWinEventCommand' -Category ObjectNotFound
  }
  Mock Get-WinEvent { Write-NoMatchingEvents }
  Mock Get-WinEvent {
    New-TestEvent 1135 1 System 5 "Cluster node 'node2' was removed from the active failover cluster membership."
    New-TestEvent 5120 2 System 7 'Cluster Shared Volume Volume1 is no longer available on this node.'
  } -ParameterFilter { $FilterHashtable[0].LogName -eq 'System' -and -not $ComputerName }
  Mock Get-WinEvent {
    New-TestEvent 21502 0 'Microsoft-Windows-Hyper-V-High-Availability-Admin' 9 "Live migration of 'app01' failed."
  } -ParameterFilter { $FilterHashtable[0].LogName -eq 'Microsoft-Windows-Hyper-V-High-Availability-Admin' -and -not $ComputerName }
}

Describe 'list-events.ps1' {
  It "merges this node's logs, newest first, with levels as names and ids as numbers, reading no other node" {
    $json = Invoke-ClusterScript list-events @{ SinceMinutes = 30 } -WarningVariable warnings
    $json | Should -BeExactly ('[{"at":"2026-11-25T09:09:00.0000000Z","id":21502,"level":"Information","node":"node1","log":"Microsoft-Windows-Hyper-V-High-Availability-Admin","message":"Live migration of ''app01'' failed."},' +
      '{"at":"2026-11-25T09:07:00.0000000Z","id":5120,"level":"Error","node":"node1","log":"System","message":"Cluster Shared Volume Volume1 is no longer available on this node."},' +
      '{"at":"2026-11-25T09:05:00.0000000Z","id":1135,"level":"Critical","node":"node1","log":"System","message":"Cluster node ''node2'' was removed from the active failover cluster membership."}]')
    $warnings | Should -HaveCount 0 -Because 'no matching events is no events, not a failure'
    Should -Invoke Get-WinEvent -Times 0 -Exactly -ParameterFilter { $ComputerName }
  }

  It 'asks each log for its ids since the given minutes' {
    $before = Get-Date
    Invoke-ClusterScript list-events @{ SinceMinutes = 30 } | Out-Null
    Should -Invoke Get-WinEvent -Times 1 -Exactly -ParameterFilter {
      $f = $FilterHashtable[0]
      -not $ComputerName -and $f.LogName -eq 'System' -and $f.ProviderName -eq 'Microsoft-Windows-FailoverClustering' -and
      ($f.Id -join ',') -eq '1069,1135,1137,1205,5120,5142' -and $f.StartTime -le $before.AddMinutes(-29) -and $f.StartTime -ge $before.AddMinutes(-31)
    }
    Should -Invoke Get-WinEvent -Times 1 -Exactly -ParameterFilter { $FilterHashtable[0].LogName -eq 'Microsoft-Windows-Hyper-V-VMMS-Admin' -and ($FilterHashtable[0].Id -join ',') -eq '20417' -and -not $ComputerName }
  }

  It 'keeps only the events whose node or text names -About, without regard to case' {
    @(Invoke-ClusterScript list-events @{ SinceMinutes = 30; About = 'NODE2' } | ConvertFrom-Json).id | Should -Be @(1135)
    @(Invoke-ClusterScript list-events @{ SinceMinutes = 30; About = 'NODE1' } | ConvertFrom-Json).id | Should -Be @(21502, 5120, 1135)
  }

  It 'prints one event as an array of one, and none as an empty array' {
    Invoke-ClusterScript list-events @{ SinceMinutes = 30; About = 'app01' } | Should -BeLike '`[{"at":*,"id":21502,*}`]'
    Invoke-ClusterScript list-events @{ SinceMinutes = 30; About = 'vm-nobody' } | Should -BeExactly '[]'
  }

  It 'warns about a log it cannot read and lists the rest' {
    Mock Get-WinEvent { throw [System.UnauthorizedAccessException]::new('Attempted to perform an unauthorized operation.') } -ParameterFilter { $FilterHashtable[0].LogName -eq 'System' }
    $rows = @(Invoke-ClusterScript list-events @{ SinceMinutes = 30 } -WarningVariable warnings -WarningAction SilentlyContinue | ConvertFrom-Json)
    "$warnings" | Should -BeExactly 'Could not read System on node1: Attempted to perform an unauthorized operation.'
    $rows | Should -HaveCount 1
  }
}
