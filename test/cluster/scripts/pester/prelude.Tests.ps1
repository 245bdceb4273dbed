# prelude.ps1: the helpers every script gets, on their own.
BeforeAll {
  . (Join-Path $PSScriptRoot 'ScriptHarness.ps1')
}

Describe 'prelude.ps1' {
  It 'defines its functions and nothing else: no variable, no output' {
    $path = Join-Path $script:ScriptsFolder 'prelude.ps1'
    $fresh = & { @(Get-Variable -Scope 0).Name }
    $afterPrelude = & { . $path | Out-Null; @(Get-Variable -Scope 0).Name }
    @($afterPrelude | Where-Object { $fresh -notcontains $_ }) | Should -Be @()
    & { . $path } | Should -BeNullOrEmpty
    $functions = [System.Management.Automation.Language.Parser]::ParseFile($path, [ref]$null, [ref]$null).EndBlock.Statements
    $functions | ForEach-Object { $_.GetType().Name } | Sort-Object -Unique | Should -Be 'FunctionDefinitionAst'
    $functions.Name | Should -Be @('New-ChatOpsError', 'Get-HResult', 'Get-PossibleOwners', 'ConvertTo-VmRow', 'ConvertTo-JobRow', 'Get-MigrationFailureEventId', 'Get-MigrationBlackoutMs', 'Get-LocalMigrationJob')
  }
}

Describe 'New-ChatOpsError' {
  It 'makes an ErrorRecord with the id HyperVChatOps.<Id>, the category, the target and the message' {
    $record = New-ChatOpsError 'NodeNotUp' 'node2 is down' 'node2' 'ResourceUnavailable'
    $record | Should -BeOfType [System.Management.Automation.ErrorRecord]
    $record.FullyQualifiedErrorId | Should -BeExactly 'HyperVChatOps.NodeNotUp'
    $record.CategoryInfo.Category | Should -Be 'ResourceUnavailable'
    $record.TargetObject | Should -BeExactly 'node2'
    $record.Exception | Should -BeOfType [System.InvalidOperationException]
    $record.Exception.Message | Should -BeExactly 'node2 is down'
  }
}

Describe 'Get-HResult' {
  It 'gives <expected> for <label>' -ForEach @(
    @{ label = 'an exception alone'; expected = '0x8007000E'; make = { [System.OutOfMemoryException]::new() } }
    @{ label = 'the innermost of a chain'; expected = '0x80070057'; make = { [System.InvalidOperationException]::new('outer', [System.ArgumentException]::new('inner')) } }
    @{ label = 'a Win32Exception inside (0x8007 and its code, not its E_FAIL)'; expected = '0x80071398'; make = { [System.InvalidOperationException]::new('outer', [System.ComponentModel.Win32Exception]::new(5016)) } }
    @{ label = 'a Win32Exception two levels down'; expected = '0x80070005'; make = { [System.InvalidOperationException]::new('a', [System.InvalidOperationException]::new('b', [System.ComponentModel.Win32Exception]::new(5))) } }
    @{ label = 'a COM error'; expected = '0x80041010'; make = { [System.Runtime.InteropServices.COMException]::new('Invalid class', -2147217392) } }
  ) {
    Get-HResult (& $make) | Should -BeExactly $expected
  }
}

Describe 'Get-PossibleOwners' {
  BeforeAll {
    Mock Get-ClusterGroup { New-TestGroup vm42 (New-TestNode node1) }
    Mock Get-ClusterResource { New-TestResource 'Virtual Machine Configuration vm42' vm42 -ResourceType 'Virtual Machine Configuration'; New-TestResource 'Virtual Machine vm42' vm42 }
  }

  It "names the owners of the VM's Virtual Machine resource" {
    Mock Get-ClusterOwnerNode { [pscustomobject]@{ OwnerNodes = @((New-TestNode node1), (New-TestNode node3 -Id 3)) } } -ParameterFilter { "$($InputObject.ResourceType)" -eq 'Virtual Machine' }
    $owners = Get-PossibleOwners ([guid]'6f1d2c3b-0000-4000-8000-000000000042')
    $owners | Should -Be @('node1', 'node3')
    Should -Invoke Get-ClusterGroup -Times 1 -Exactly -ParameterFilter { $VMId -eq '6f1d2c3b-0000-4000-8000-000000000042' }
  }

  It 'gives none when the cluster cannot say' {
    Mock Get-ClusterGroup { throw [System.InvalidOperationException]::new('not clustered') }
    @(Get-PossibleOwners ([guid]::NewGuid())) | Should -HaveCount 0
  }
}
