<#
.SYNOPSIS
  Parses PowerShell sources with the real parser and lists what Windows PowerShell 5.1 cannot run.
.DESCRIPTION
  Reads one JSON document on stdin:
    { "sources": [{ "name": "...", "text": "..." }],
      "parameters": [{ "command": "ConvertTo-Json", "parameter": "AsArray", "since": "6.2" }],
      "commands": [{ "command": "Get-Error", "since": "7.0" }],
      "variables": [{ "variable": "IsWindows", "since": "6.0" }],
      "encodings": [{ "value": "utf8NoBOM", "since": "6.0" }],
      "aliases": { "%": "ForEach-Object" } }
  and prints one JSON array of findings: { name, line, column, rule, since, text }.
  Syntax rules (the AST node types PowerShell 6/7 added), from Microsoft's "What's New in
  PowerShell" pages (learn.microsoft.com/powershell/scripting/whats-new/what-s-new-in-powershell-70,
  -71, -73) and about_Operators / about_Pipeline_Chain_Operators / about_Special_Characters /
  about_Functions (clean block):
    ternary a ? b : c ............ 7.0   TernaryExpressionAst
    ?? ........................... 7.0   BinaryExpressionAst, TokenKind QuestionQuestion
    ??= .......................... 7.0   AssignmentStatementAst, TokenKind QuestionQuestionEquals
    && and || .................... 7.0   PipelineChainAst
    ?. and ?[] ................... 7.1   MemberExpressionAst / IndexExpressionAst .NullConditional
    clean { } .................... 7.3   ScriptBlockAst.CleanBlock
    trailing & (background job) .. 6.0   PipelineBaseAst.Background
    `e and `u{...} escapes ........ 6.0   (5.1 reads them as the letters e and u)
  And two .NET Core overloads that .NET Framework 4.x (under 5.1) lacks or binds differently:
    'a, b'.Split(', ') ........... 5.1 binds Split(params char[]) and splits at each character
    .Contains(s, comparison), .Replace(a, b, comparison) ... no such overloads in .NET Framework
  A parse error is a finding too: 5.1 cannot run what 7 cannot parse.
#>
[CmdletBinding()]
param()
$ErrorActionPreference = 'Stop'
$spec = [Console]::In.ReadToEnd() | ConvertFrom-Json
$language = [System.Management.Automation.Language.TokenKind]

function New-Finding($Name, $Extent, $Rule, $Since) {
  [pscustomobject]@{
    name = $Name; line = $Extent.StartLineNumber; column = $Extent.StartColumnNumber
    rule = $Rule; since = $Since; text = $Extent.Text.Split("`n")[0].Trim()
  }
}

function Find-CoreOverload($Name, $Call) {
  $member = "$($Call.Member.Value)"
  $arguments = @($Call.Arguments)
  if ($member -eq 'Split' -and $arguments.Count -ge 1 -and $arguments[0] -is [System.Management.Automation.Language.StringConstantExpressionAst] -and $arguments[0].Value.Length -gt 1) {
    New-Finding $Name $Call.Extent 'String.Split with a string separator (.NET Core overload)' '6.0'
  }
  if (($member -eq 'Contains' -and $arguments.Count -eq 2) -or ($member -eq 'Replace' -and $arguments.Count -eq 3)) {
    New-Finding $Name $Call.Extent "String.$member with a StringComparison (.NET Core overload)" '6.0'
  }
}

function Find-SyntaxRules($Name, $Ast) {
  $all = $Ast.FindAll({ $true }, $true)
  foreach ($node in $all) {
    switch ($node.GetType().Name) {
      'TernaryExpressionAst' { New-Finding $Name $node.Extent 'ternary operator ? :' '7.0' }
      'PipelineChainAst' { New-Finding $Name $node.Extent 'pipeline chain operator && or ||' '7.0' }
      'BinaryExpressionAst' { if ($node.Operator -eq $language::QuestionQuestion) { New-Finding $Name $node.Extent 'null-coalescing operator ??' '7.0' } }
      'AssignmentStatementAst' { if ($node.Operator -eq $language::QuestionQuestionEquals) { New-Finding $Name $node.Extent 'null-coalescing assignment ??=' '7.0' } }
      'ScriptBlockAst' { if ($node.CleanBlock) { New-Finding $Name $node.CleanBlock.Extent 'clean block' '7.3' } }
    }
    if ($node -is [System.Management.Automation.Language.MemberExpressionAst] -and $node.NullConditional) { New-Finding $Name $node.Extent 'null-conditional member access ?.' '7.1' }
    if ($node -is [System.Management.Automation.Language.IndexExpressionAst] -and $node.NullConditional) { New-Finding $Name $node.Extent 'null-conditional index ?[]' '7.1' }
    if ($node -is [System.Management.Automation.Language.InvokeMemberExpressionAst]) { Find-CoreOverload $Name $node }
    if ($node -is [System.Management.Automation.Language.PipelineBaseAst] -and $node.Background) { New-Finding $Name $node.Extent 'background operator & at the end of a pipeline' '6.0' }
  }
}

function Find-Escapes($Name, $Tokens) {
  foreach ($token in $Tokens) {
    $kind = $token.GetType().Name
    if ($kind -ne 'StringExpandableToken' -and $token.Kind -ne $language::Generic) { continue }
    # Every backtick escapes the next character; only `e and `u{ are new.
    if ($token.Text -cmatch '(?<!`)(?:``)*`(e|u\{)') { New-Finding $Name $token.Extent 'escape `e or `u{...} in a string' '6.0' }
  }
}

function Find-Commands($Name, $Ast) {
  $aliases = @{}
  foreach ($p in $spec.aliases.PSObject.Properties) { $aliases[$p.Name] = $p.Value }
  foreach ($command in $Ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.CommandAst] }, $true)) {
    $written = $command.GetCommandName()
    if (-not $written) { continue }
    $resolved = if ($aliases.ContainsKey($written)) { $aliases[$written] } else { $written }
    foreach ($entry in $spec.commands) {
      if ($entry.command -eq $resolved) { New-Finding $Name $command.Extent "command $resolved" $entry.since }
    }
    foreach ($element in $command.CommandElements) {
      if ($element -is [System.Management.Automation.Language.CommandParameterAst]) {
        foreach ($entry in $spec.parameters) {
          # PowerShell takes any unambiguous prefix of a parameter name.
          if ($entry.command -eq $resolved -and $entry.parameter.StartsWith($element.ParameterName, [StringComparison]::OrdinalIgnoreCase)) {
            New-Finding $Name $element.Extent "$resolved -$($entry.parameter)" $entry.since
          }
        }
        if ('Encoding'.StartsWith($element.ParameterName, [StringComparison]::OrdinalIgnoreCase) -and $element.ParameterName.Length -ge 3) {
          $index = [array]::IndexOf($command.CommandElements, $element)
          $value = if ($element.Argument) { $element.Argument } elseif ($index + 1 -lt $command.CommandElements.Count) { $command.CommandElements[$index + 1] }
          foreach ($entry in $spec.encodings) {
            if ($value -and $value.Extent.Text.Trim("'", '"') -eq $entry.value) { New-Finding $Name $value.Extent "-Encoding $($entry.value)" $entry.since }
          }
        }
      }
    }
  }
}

function Find-Variables($Name, $Ast) {
  foreach ($variable in $Ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.VariableExpressionAst] }, $true)) {
    foreach ($entry in $spec.variables) {
      if ($variable.VariablePath.UserPath -eq $entry.variable) { New-Finding $Name $variable.Extent "automatic variable `$$($entry.variable)" $entry.since }
    }
  }
}

$findings = foreach ($source in $spec.sources) {
  $tokens = $null
  $errors = $null
  $ast = [System.Management.Automation.Language.Parser]::ParseInput($source.text, $source.name, [ref]$tokens, [ref]$errors)
  foreach ($e in $errors) { New-Finding $source.name $e.Extent "parse error: $($e.Message)" '-' }
  Find-SyntaxRules $source.name $ast
  Find-Escapes $source.name $tokens
  Find-Commands $source.name $ast
  Find-Variables $source.name $ast
}
ConvertTo-Json -InputObject @($findings) -Depth 3 -Compress
