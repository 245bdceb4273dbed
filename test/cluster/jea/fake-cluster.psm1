# Stub failover-cluster and Hyper-V cmdlets for the JEA session test: a two-node cluster with one VM.
# Imported into the restricted session but not visible to the client: only module code calls them.
$script:Nodes = @(
  [pscustomobject]@{ Name = 'node1'; Id = 1; State = 'Up'; DrainStatus = 'NotInitiated' },
  [pscustomobject]@{ Name = 'node2'; Id = 2; State = 'Up'; DrainStatus = 'NotInitiated' }
)
function Get-Cluster { [pscustomobject]@{ Name = 'hv-cluster' } }
function Get-ClusterNode { param([string]$Name) if ($Name) { $script:Nodes | Where-Object Name -eq $Name } else { $script:Nodes } }
function Get-CimInstance { param($ClassName, $Namespace, $ComputerName) [pscustomobject]@{ TotalVisibleMemorySize = 67108864; FreePhysicalMemory = 33554432 } }
function Get-VMHost { param($ComputerName) [pscustomobject]@{ MaximumVirtualMachineMigrations = 2; VirtualMachineMigrationPerformanceOption = 'Compression' } }
function Get-VM {
  param($ComputerName, $Name)
  if ($ComputerName) { throw [System.UnauthorizedAccessException]::new('Access is denied.') }
  [pscustomobject]@{ Name = 'vm42'; VMId = [guid]'6f1d2c3b-0000-4000-8000-000000000042'; State = 'Running'; MemoryAssigned = 8GB; MemoryStartup = 8GB; IsClustered = $true }
}
function Get-ClusterGroup { param($VMId) [pscustomobject]@{ Name = 'vm42'; GroupType = 'VirtualMachine'; OwnerNode = 'node1' } }
function Get-ClusterResource { param([Parameter(ValueFromPipeline = $true)]$InputObject) process { [pscustomobject]@{ ResourceType = 'Virtual Machine'; Name = 'Virtual Machine vm42' } } }
function Get-ClusterOwnerNode { param($InputObject) [pscustomobject]@{ OwnerNodes = @([pscustomobject]@{ Name = 'node1' }, [pscustomobject]@{ Name = 'node2' }) } }
