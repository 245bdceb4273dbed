<#
.SYNOPSIS
  Lists the Cluster Shared Volumes: owner (coordinator) node, state, path and space.
.OUTPUTS
  One JSON array (always an array):
  [{"name":"Cluster Disk 3","ownerNode":"node2","state":"Online","path":"C:\\ClusterStorage\\Volume1","sizeGB":1024,"freeGB":812.4}]
#>
[CmdletBinding()]
param()
$ErrorActionPreference = 'Stop'

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
  [pscustomobject]@{
    name      = $csv.Name
    ownerNode = $csv.OwnerNode.Name
    state     = "$($csv.State)"
    path      = $path
    sizeGB    = $sizeGB
    freeGB    = $freeGB
  }
}

ConvertTo-Json -InputObject @($rows) -Depth 4 -Compress
