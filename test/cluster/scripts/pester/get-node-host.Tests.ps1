# get-node-host.ps1: this node's memory and Hyper-V migration settings, read here and nowhere else.
BeforeAll {
  . (Join-Path $PSScriptRoot 'ScriptHarness.ps1')
}

Describe 'get-node-host.ps1' {
  BeforeAll {
    Mock Get-CimInstance { [pscustomobject]@{ TotalVisibleMemorySize = 67108864; FreePhysicalMemory = 34603008 } }
    Mock Get-VMHost {
      [pscustomobject]@{ MaximumVirtualMachineMigrations = [uint32]2; VirtualMachineMigrationPerformanceOption = [Microsoft.HyperV.PowerShell.VMMigrationPerformance]::Compression }
    }
  }

  It 'gives memory in MB, the host limit and the performance option by name' {
    Invoke-ClusterScript get-node-host | Should -BeExactly '{"memoryTotalMB":65536,"memoryFreeMB":33792,"hostMigrationLimit":2,"migrationPerformance":"Compression"}'
  }

  It 'reads this node only: no -ComputerName' {
    Invoke-ClusterScript get-node-host | Out-Null
    Should -Invoke Get-CimInstance -Times 1 -Exactly -ParameterFilter { $ClassName -eq 'Win32_OperatingSystem' -and $null -eq $ComputerName }
    Should -Invoke Get-VMHost -Times 1 -Exactly -ParameterFilter { $null -eq $ComputerName }
  }

  It 'stops when the node cannot be read, for the bot to leave it out with a warning' {
    Mock Get-CimInstance { throw [System.UnauthorizedAccessException]::new('Access is denied.') }
    { Invoke-ClusterScript get-node-host } | Should -Throw 'Access is denied.'
  }
}
