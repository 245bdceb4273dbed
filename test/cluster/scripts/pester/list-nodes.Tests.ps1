# list-nodes.ps1: each node's state, memory and migration settings; the shapes Windows PowerShell
# 5.1 would print (enums as numbers, one item) and a node whose memory cannot be read.
BeforeAll {
  . (Join-Path $PSScriptRoot 'ScriptHarness.ps1')
}

Describe 'list-nodes.ps1' {
  BeforeAll {
    Mock Get-Cluster { New-TestCluster }
    Mock Get-ClusterNode { New-TestNode node1; New-TestNode node2 -Id 2 -State Paused -DrainStatus Completed }
    Mock Get-CimInstance { [pscustomobject]@{ TotalVisibleMemorySize = 67108864; FreePhysicalMemory = 34603008 } }
    Mock Get-VMHost {
      [pscustomobject]@{ MaximumVirtualMachineMigrations = [uint32]2; VirtualMachineMigrationPerformanceOption = [Microsoft.HyperV.PowerShell.VMMigrationPerformance]::Compression }
    }
  }

  It 'prints the enums as their names, never as the numbers ConvertTo-Json would write' {
    $rows = Invoke-ClusterScript list-nodes | ConvertFrom-Json
    $rows | ForEach-Object { "$($_.name) $($_.state) $($_.drainStatus) $($_.migrationPerformance)" } |
      Should -Be @('node1 Up NotInitiated Compression', 'node2 Paused Completed Compression')
    $rows[0].id | Should -BeExactly '1'
  }

  It 'gives memory in MB and the host limit in force when the cluster sets none' {
    $row = @(Invoke-ClusterScript list-nodes | ConvertFrom-Json)[0]
    $row.memoryTotalMB | Should -Be 65536
    $row.memoryFreeMB | Should -Be 33792
    $row.hostMigrationLimit | Should -Be 2
    $row.liveMigrationLimit | Should -Be 2
    $row.clusterMigrationLimit | Should -BeNullOrEmpty
  }

  It "uses the cluster's MaximumParallelMigrations over each host's" {
    Mock Get-Cluster { [pscustomobject]@{ Name = 'hv-cluster'; MaximumParallelMigrations = [uint32]1 } }
    $row = @(Invoke-ClusterScript list-nodes | ConvertFrom-Json)[0]
    $row.clusterMigrationLimit | Should -Be 1
    $row.liveMigrationLimit | Should -Be 1
    $row.hostMigrationLimit | Should -Be 2
  }

  It 'reads this node locally and the others with -ComputerName' {
    Invoke-ClusterScript list-nodes | Out-Null
    Should -Invoke Get-CimInstance -Times 1 -Exactly -ParameterFilter { $ClassName -eq 'Win32_OperatingSystem' -and $null -eq $ComputerName }
    Should -Invoke Get-CimInstance -Times 1 -Exactly -ParameterFilter { $ComputerName -eq 'node2' }
    Should -Invoke Get-VMHost -Times 1 -Exactly -ParameterFilter { $ComputerName -eq 'node2' }
  }

  It 'prints one node as an array of one, as 5.1 would not by itself' {
    Mock Get-ClusterNode { New-TestNode node1 }
    $json = Invoke-ClusterScript list-nodes
    $json | Should -BeLike '`[{"name":"node1",*}`]'
  }

  It 'gives a node that is down null memory and settings, without trying to read it' {
    Mock Get-ClusterNode { New-TestNode node1; New-TestNode node2 -Id 2 -State Down }
    $json = Invoke-ClusterScript list-nodes
    $json | Should -BeLike '*"name":"node2","id":"2","state":"Down","drainStatus":"NotInitiated","memoryTotalMB":null,"memoryFreeMB":null,"liveMigrationLimit":null,"hostMigrationLimit":null,"clusterMigrationLimit":null,"migrationPerformance":null}*'
    Should -Invoke Get-CimInstance -Times 0 -Exactly -ParameterFilter { $ComputerName -eq 'node2' }
  }

  It 'warns that it could not read the memory of a node, and lists it with nulls' {
    Mock Get-CimInstance { throw [System.UnauthorizedAccessException]::new('Access is denied.') } -ParameterFilter { $ComputerName -eq 'node2' }
    $rows = Invoke-ClusterScript list-nodes -WarningVariable warnings -WarningAction SilentlyContinue | ConvertFrom-Json
    "$warnings" | Should -BeExactly 'Could not read the memory or Hyper-V settings of node2: Access is denied.'
    $rows[1].memoryTotalMB | Should -BeNullOrEmpty
    $rows[1].liveMigrationLimit | Should -BeNullOrEmpty
    $rows[1].state | Should -Be 'Paused'
    $rows[0].memoryTotalMB | Should -Be 65536
  }

  It 'prints an empty array for a cluster that lists no node' {
    Mock Get-ClusterNode { }
    Invoke-ClusterScript list-nodes | Should -BeExactly '[]'
  }
}
