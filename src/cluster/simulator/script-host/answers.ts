/**
 * @module simulator/script-host/answers: what the host sends back, shaped as powershell.exe would:
 * JSON on stdout as ConvertTo-Json -Compress writes it in Windows PowerShell 5.1, or error
 * records as CLIXML on stderr with exit code 1 (the scripts' HyperVChatOps.* ids, parser errors,
 * parameter binding errors), or plain text for a command that is not PowerShell at all.
 */
import type { CommandResult } from '../../../remoting/command-runner.js';
import {
  encodeClixmlError, type EncodedCommandError, type InvocationParseError, type PowerShellErrorRecord,
} from '../../../remoting/powershell/index.js';
import type { ClusterError, ClusterErrorCode } from '../../errors.js';
import { scriptErrorIdFor } from '../../scripts/index.js';

const EMPTY = Buffer.alloc(0);

/** JavaScriptSerializer (5.1's ConvertTo-Json) writes <, >, & and ' as \u escapes. */
export function toPowerShellJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&']/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function jsonAnswer(value: unknown): CommandResult {
  return { stdout: Buffer.from(`${toPowerShellJson(value)}\r\n`, 'utf8'), stderr: EMPTY, exitCode: 0 };
}

export function errorAnswer(record: PowerShellErrorRecord): CommandResult {
  return { stdout: EMPTY, stderr: Buffer.from(encodeClixmlError(record), 'utf8'), exitCode: 1 };
}

/** The ErrorCategory each refusal is raised with in the scripts. */
const categoryFor: Readonly<Record<ClusterErrorCode, string>> = {
  'vm-not-found': 'ObjectNotFound',
  'node-not-found': 'ObjectNotFound',
  'volume-not-found': 'ObjectNotFound',
  'node-not-up': 'ResourceUnavailable',
  'not-enough-memory': 'ResourceUnavailable',
  'already-there': 'InvalidOperation',
  'not-clustered': 'InvalidOperation',
  'not-possible-owner': 'InvalidOperation',
  'wrong-state': 'InvalidOperation',
  busy: 'ResourceBusy',
  'migration-failed': 'OperationStopped',
  'migration-cancelled': 'OperationStopped',
  'no-migration-running': 'InvalidOperation',
  unreachable: 'ConnectionError',
  'operation-failed': 'NotSpecified',
};

/**
 * A refusal as the script raises it: `$PSCmdlet.ThrowTerminatingError` with a HyperVChatOps.* id.
 * A failure that carries a Windows code is the cmdlet's own: CmdletFailed, with the HRESULT as target.
 */
export function clusterErrorRecord(error: ClusterError): PowerShellErrorRecord {
  const { hresult } = error.details;
  if (typeof hresult === 'string') {
    return {
      message: error.message, category: 'NotSpecified', fullyQualifiedErrorId: scriptErrorIdFor('operation-failed'),
      targetName: hresult, targetType: 'String', activity: '', reason: 'InvalidOperationException',
    };
  }
  const target = error.details.vm ?? error.details.volume ?? error.details.node ?? '';
  return {
    message: error.message, category: categoryFor[error.code], fullyQualifiedErrorId: scriptErrorIdFor(error.code),
    targetName: String(target), targetType: 'String', activity: '', reason: 'InvalidOperationException',
  };
}

const parserErrorIds: Readonly<Record<InvocationParseError['code'], string>> = {
  'not-an-invocation': 'UnexpectedToken',
  'unexpected-character': 'UnexpectedToken',
  'unterminated-string': 'TerminatorExpectedAtEndOfString',
  'invalid-number': 'BadNumericConstant',
  'invalid-parameter': 'UnexpectedToken',
  'missing-value': 'MissingArgument',
  'not-a-literal': 'UnexpectedToken',
  'duplicate-parameter': 'ParameterAlreadyBound',
  'nested-array': 'UnexpectedToken',
};

/** `At line:L char:C` for an index in the script text. */
function positionOf(text: string, index: number): string {
  const before = text.slice(0, Math.max(0, Math.min(index, text.length)));
  const line = before.split('\n').length;
  const char = before.length - before.lastIndexOf('\n');
  return `At line:${line} char:${char}`;
}

/**
 * The arguments are not plain literals: the simulator evaluates nothing, so it answers as
 * PowerShell answers a parse error (ParseException, category ParserError, exit code 1).
 */
export function parseErrorRecord(script: string, error: InvocationParseError): PowerShellErrorRecord {
  return {
    message: `${error.reason}. The simulator accepts only literal arguments.`, position: positionOf(script, error.position),
    category: 'ParserError', fullyQualifiedErrorId: parserErrorIds[error.code], targetName: '', targetType: '',
    activity: '', reason: 'ParentContainsErrorRecordException',
  };
}

export function unknownScriptRecord(): PowerShellErrorRecord {
  return {
    message: "The simulator runs only the project's cluster scripts (src/cluster/scripts/*.ps1), invoked with literal arguments; this script is not one of them.",
    category: 'NotImplemented', fullyQualifiedErrorId: 'HyperVChatOps.Simulator.UnknownScript', targetName: '', targetType: '',
    activity: '', reason: 'NotSupportedException',
  };
}

/** A bug in the simulator, reported as the script's failure rather than a broken connection. */
export function internalErrorRecord(error: unknown): PowerShellErrorRecord {
  const what = error instanceof Error ? error.name : typeof error;
  return {
    message: `The simulator failed while running the script (${what}).`, category: 'NotSpecified',
    fullyQualifiedErrorId: 'HyperVChatOps.Simulator.InternalError', targetName: '', targetType: '', activity: '',
    reason: 'RuntimeException',
  };
}

/** A command line that is not a PowerShell encoded command: cmd.exe's or powershell.exe's own plain-text complaint. */
export function commandLineAnswer(executable: string, error: EncodedCommandError): CommandResult {
  if (error.code === 'not-powershell') {
    const text = `'${executable}' is not recognized as an internal or external command,\r\noperable program or batch file.\r\n`;
    return { stdout: EMPTY, stderr: Buffer.from(text, 'utf8'), exitCode: 9009 };
  }
  return { stdout: EMPTY, stderr: Buffer.from(`${error.message}\r\n`, 'utf8'), exitCode: 1 };
}
