# list-volumes.ps1: the Cluster Shared Volumes, their space and how each node reaches them.
BeforeAll {
  . (Join-Path $PSScriptRoot 'ScriptHarness.ps1')
}

Describe 'list-volumes.ps1' {
  BeforeAll {
    Mock Get-ClusterSharedVolume {
      [pscustomobject]@{
        Name             = 'Cluster Disk 3'
        OwnerNode        = New-TestNode node2 -Id 2
        State            = [Microsoft.FailoverClusters.PowerShell.ClusterResourceState]::Online
        SharedVolumeInfo = @([pscustomobject]@{
            FriendlyVolumeName = 'C:\ClusterStorage\Volume1'
            Partition          = [pscustomobject]@{ Size = [uint64]1099511627776; FreeSpace = [uint64]872304705126 }
          })
      }
    }
    Mock Get-ClusterSharedVolumeState {
      [pscustomobject]@{ Name = 'Cluster Disk 3'; Node = (New-TestNode node1); StateInfo = 'Direct'; FileSystemRedirectedIOReason = 'NotFileSystemRedirected'; BlockRedirectedIOReason = 'NotBlockRedirected' }
      [pscustomobject]@{ Name = 'Cluster Disk 3'; Node = (New-TestNode node2 -Id 2); StateInfo = 'FileSystemRedirected'; FileSystemRedirectedIOReason = 'UserRequest'; BlockRedirectedIOReason = 'NotBlockRedirected' }
      [pscustomobject]@{ Name = 'Cluster Disk 4'; Node = 'node1'; StateInfo = 'Direct'; FileSystemRedirectedIOReason = 'NotFileSystemRedirected'; BlockRedirectedIOReason = 'NotBlockRedirected' }
    }
  }

  It 'prints one volume as an array of one, its state as a name and its space in GB' {
    $json = Invoke-ClusterScript list-volumes
    $json | Should -BeExactly ('[{"name":"Cluster Disk 3","ownerNode":"node2","state":"Online","path":"C:\\ClusterStorage\\Volume1","sizeGB":1024.0,"freeGB":812.4,' +
      '"access":[{"node":"node1","stateInfo":"Direct","fileSystemReason":"NotFileSystemRedirected","blockReason":"NotBlockRedirected"},' +
      '{"node":"node2","stateInfo":"FileSystemRedirected","fileSystemReason":"UserRequest","blockReason":"NotBlockRedirected"}]}]')
  }

  It 'warns when the redirected access cannot be read, and lists the volumes with none' {
    Mock Get-ClusterSharedVolumeState { throw [System.InvalidOperationException]::new('The RPC server is unavailable.') }
    $json = Invoke-ClusterScript list-volumes -WarningVariable warnings -WarningAction SilentlyContinue
    "$warnings" | Should -BeExactly "Could not read the volumes' redirected access: The RPC server is unavailable."
    $json | Should -BeLike '*"sizeGB":1024.0,"freeGB":812.4,"access":`[`]}`]' 
  }

  It 'gives null path and space for a volume without volume information' {
    Mock Get-ClusterSharedVolume {
      [pscustomobject]@{ Name = 'Cluster Disk 5'; OwnerNode = New-TestNode node1; State = [Microsoft.FailoverClusters.PowerShell.ClusterResourceState]::Failed; SharedVolumeInfo = $null }
    }
    $json = Invoke-ClusterScript list-volumes
    $json | Should -BeExactly '[{"name":"Cluster Disk 5","ownerNode":"node1","state":"Failed","path":null,"sizeGB":null,"freeGB":null,"access":[]}]'
  }

  It 'prints an empty array for a cluster without volumes' {
    Mock Get-ClusterSharedVolume { }
    Invoke-ClusterScript list-volumes | Should -BeExactly '[]'
  }
}
