<#
.SYNOPSIS
  Lists the Cluster Shared Volumes: owner (coordinator) node, state, path, space, and how each node
  reaches the volume (direct, or redirected and why).
.OUTPUTS
  One JSON array (always an array):
  [{"name":"Cluster Disk 3","ownerNode":"node2","state":"Online","path":"C:\\ClusterStorage\\Volume1","sizeGB":1024,"freeGB":812.4,
    "access":[{"node":"node1","stateInfo":"Direct","fileSystemReason":"NotFileSystemRedirected","blockReason":"NotBlockRedirected"}]}]
.NOTES
  Get-ClusterSharedVolumeState gives one row per volume per node. FileSystemRedirected with the
  reason FileSystemReFs is normal on ReFS volumes; UserRequest, NoDiskConnectivity or
  IncompatibleFileSystemFilter are worth a look. When the state cannot be read, access is empty.
#>
[CmdletBinding()]
param()
$ErrorActionPreference = 'Stop'

$states = @()
try {
  $states = @(Get-ClusterSharedVolumeState)
} catch {
  Write-Warning "Could not read the volumes' redirected access: $($_.Exception.Message)"
}

$rows = foreach ($csv in Get-ClusterSharedVolume) {
  $info = @($csv.SharedVolumeInfo)[0]
  $path = $null
  $sizeGB = $null
  $freeGB = $null
  if ($null -ne $info) {
    $path = $info.FriendlyVolumeName
    $sizeGB = [math]::Round($info.Partition.Size / 1GB, 1)
    $freeGB = [math]::Round($info.Partition.FreeSpace / 1GB, 1)
  }
  $access = foreach ($state in $states) {
    if ($state.Name -ne $csv.Name) { continue }
    [pscustomobject]@{
      node             = "$($state.Node)"
      stateInfo        = "$($state.StateInfo)"
      fileSystemReason = "$($state.FileSystemRedirectedIOReason)"
      blockReason      = "$($state.BlockRedirectedIOReason)"
    }
  }
  [pscustomobject]@{
    name      = $csv.Name
    ownerNode = $csv.OwnerNode.Name
    state     = "$($csv.State)"
    path      = $path
    sizeGB    = $sizeGB
    freeGB    = $freeGB
    access    = @($access)
  }
}

ConvertTo-Json -InputObject @($rows) -Depth 4 -Compress
