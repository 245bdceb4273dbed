/**
 * @module test/ps51-compat/newer-than-51: what Windows PowerShell 5.1 lacks that PowerShell 6/7
 * has, beyond syntax (the syntax rules live in find-newer-syntax.ps1, with their sources).
 * Each row names the version that added it and the Microsoft reference page that says so
 * ("This parameter was introduced in PowerShell 6.2." and the like); "since" is for the message,
 * the check itself only needs "5.1 does not have it".
 */

const docs = 'https://learn.microsoft.com/powershell/module';

export interface NewerParameter {
  readonly command: string;
  readonly parameter: string;
  readonly since: string;
  readonly source: string;
}

function params(command: string, source: string, rows: Readonly<Record<string, string>>): NewerParameter[] {
  return Object.entries(rows).map(([parameter, since]) => ({ command, parameter, since, source }));
}

const web = { SkipCertificateCheck: '6.0', Authentication: '6.0', Token: '6.0', SslProtocol: '6.0', Form: '6.1', Resume: '6.1', SkipHeaderValidation: '6.0', SkipHttpErrorCheck: '7.0', NoProxy: '6.0', MaximumRetryCount: '6.1', RetryIntervalSec: '6.1', StatusCodeVariable: '7.0', ResponseHeadersVariable: '6.0', CustomMethod: '6.0', AllowUnencryptedAuthentication: '6.0', HttpVersion: '7.3' };
const ssh = { HostName: '6.0', SSHTransport: '6.0', KeyFilePath: '6.0', UserName: '6.0', Subsystem: '6.0', SSHConnection: '6.0' };
const csv = { UseQuotes: '7.0', QuoteFields: '7.0', IncludeTypeInformation: '6.0', NoHeader: '7.4' };

/** Parameters a 5.1 cmdlet does not have (calling them there fails: "A parameter cannot be found"). */
export const newerParameters: readonly NewerParameter[] = [
  ...params('ConvertTo-Json', `${docs}/microsoft.powershell.utility/convertto-json`, { AsArray: '6.2', EnumsAsStrings: '6.2', EscapeHandling: '6.2' }),
  ...params('ConvertFrom-Json', `${docs}/microsoft.powershell.utility/convertfrom-json`, { AsHashtable: '6.0', Depth: '6.2', NoEnumerate: '7.0', DateKind: '7.5' }),
  ...params('Get-Content', `${docs}/microsoft.powershell.management/get-content`, { AsByteStream: '6.0' }),
  ...params('Set-Content', `${docs}/microsoft.powershell.management/set-content`, { AsByteStream: '6.0' }),
  ...params('Add-Content', `${docs}/microsoft.powershell.management/add-content`, { AsByteStream: '6.0' }),
  ...params('ForEach-Object', `${docs}/microsoft.powershell.core/foreach-object`, { Parallel: '7.0', ThrottleLimit: '7.0', TimeoutSeconds: '7.0', AsJob: '7.0', UseNewRunspace: '7.1' }),
  ...params('Where-Object', `${docs}/microsoft.powershell.core/where-object`, { Not: '6.1' }),
  ...params('Sort-Object', `${docs}/microsoft.powershell.utility/sort-object`, { Top: '6.1', Bottom: '6.1', Stable: '6.1' }),
  ...params('Select-Object', `${docs}/microsoft.powershell.utility/select-object`, { SkipIndex: '6.0' }),
  ...params('Select-String', `${docs}/microsoft.powershell.utility/select-string`, { Raw: '7.0', NoEmphasis: '7.0', Culture: '7.0' }),
  ...params('Join-Path', `${docs}/microsoft.powershell.management/join-path`, { AdditionalChildPath: '6.0' }),
  ...params('Split-Path', `${docs}/microsoft.powershell.management/split-path`, { LeafBase: '6.0', Extension: '6.0' }),
  ...params('Get-Date', `${docs}/microsoft.powershell.utility/get-date`, { AsUTC: '7.1', UnixTimeSeconds: '7.1' }),
  ...params('Out-String', `${docs}/microsoft.powershell.utility/out-string`, { NoNewline: '6.0' }),
  ...params('Measure-Object', `${docs}/microsoft.powershell.utility/measure-object`, { AllStats: '6.0', StandardDeviation: '6.0' }),
  ...params('Test-Connection', `${docs}/microsoft.powershell.management/test-connection`, { TargetName: '6.0', Ping: '7.0', Repeat: '7.0', MtuSize: '7.0', Traceroute: '7.0', TcpPort: '7.0', Detailed: '7.0' }),
  ...params('Invoke-WebRequest', `${docs}/microsoft.powershell.utility/invoke-webrequest`, web),
  ...params('Invoke-RestMethod', `${docs}/microsoft.powershell.utility/invoke-restmethod`, { ...web, FollowRelLink: '6.0' }),
  ...params('Invoke-Command', `${docs}/microsoft.powershell.core/invoke-command`, ssh),
  ...params('New-PSSession', `${docs}/microsoft.powershell.core/new-pssession`, ssh),
  ...params('Enter-PSSession', `${docs}/microsoft.powershell.core/enter-pssession`, ssh),
  ...params('ConvertTo-Csv', `${docs}/microsoft.powershell.utility/convertto-csv`, csv),
  ...params('Export-Csv', `${docs}/microsoft.powershell.utility/export-csv`, csv),
  ...params('Get-Random', `${docs}/microsoft.powershell.utility/get-random`, { Shuffle: '7.4' }),
  ...params('Start-Sleep', `${docs}/microsoft.powershell.utility/start-sleep`, { Duration: '7.3' }),
  ...params('Tee-Object', `${docs}/microsoft.powershell.utility/tee-object`, { Encoding: '7.2' }),
  ...params('Get-ChildItem', `${docs}/microsoft.powershell.management/get-childitem`, { FollowSymlink: '6.0' }),
];

/** Cmdlets that do not exist in 5.1 at all. Source: each cmdlet's reference page, and "Differences between Windows PowerShell 5.1 and PowerShell 7.x". */
export const newerCommands = [
  { command: 'Get-Error', since: '7.0' },
  { command: 'Join-String', since: '6.2' },
  { command: 'Test-Json', since: '6.1' },
  { command: 'Get-Uptime', since: '6.0' },
  { command: 'Remove-Alias', since: '6.0' },
  { command: 'Remove-Service', since: '6.0' },
  { command: 'ConvertFrom-Markdown', since: '6.1' },
  { command: 'Show-Markdown', since: '6.1' },
  { command: 'Get-SecureRandom', since: '7.4' },
  { command: 'ConvertTo-CliXml', since: '7.5' },
  { command: 'ConvertFrom-CliXml', since: '7.5' },
  { command: 'Get-PSSubsystem', since: '7.3' },
] as const;

/** Automatic and preference variables 5.1 does not set (there they are silently $null). Source: about_Automatic_Variables, about_Preference_Variables. */
export const newerVariables = [
  { variable: 'IsWindows', since: '6.0' },
  { variable: 'IsLinux', since: '6.0' },
  { variable: 'IsMacOS', since: '6.0' },
  { variable: 'IsCoreCLR', since: '6.0' },
  { variable: 'EnabledExperimentalFeatures', since: '6.2' },
  { variable: 'PSStyle', since: '7.2' },
  { variable: 'PSNativeCommandArgumentPassing', since: '7.3' },
  { variable: 'PSNativeCommandUseErrorActionPreference', since: '7.4' },
] as const;

/** -Encoding names 5.1 refuses (about_Character_Encoding: utf8BOM/utf8NoBOM in 6.0, ansi in 7.4). */
export const newerEncodings = [
  { value: 'utf8NoBOM', since: '6.0' },
  { value: 'utf8BOM', since: '6.0' },
  { value: 'ansi', since: '7.4' },
] as const;

/** The 5.1 aliases of the cmdlets above (Get-Alias on Windows PowerShell 5.1), so `% -Parallel` is caught like ForEach-Object. */
export const aliases: Readonly<Record<string, string>> = {
  '%': 'ForEach-Object', foreach: 'ForEach-Object', '?': 'Where-Object', where: 'Where-Object',
  gc: 'Get-Content', cat: 'Get-Content', type: 'Get-Content', sc: 'Set-Content', ac: 'Add-Content',
  sort: 'Sort-Object', select: 'Select-Object', sls: 'Select-String', measure: 'Measure-Object',
  iwr: 'Invoke-WebRequest', curl: 'Invoke-WebRequest', wget: 'Invoke-WebRequest', irm: 'Invoke-RestMethod',
  icm: 'Invoke-Command', nsn: 'New-PSSession', etsn: 'Enter-PSSession', tee: 'Tee-Object', sleep: 'Start-Sleep',
  gci: 'Get-ChildItem', ls: 'Get-ChildItem', dir: 'Get-ChildItem', epcsv: 'Export-Csv',
};
