/** @module remoting/powershell: PowerShell over a CommandRunner: quoting, invocation, encoded command, CLIXML. */
export * from './errors.js';
export { quotePowerShellLiteral, renderArgument, QUOTING_LIMITS, type ArgumentScalar, type ArgumentValue } from './quote.js';
export { buildScriptInvocation, parseScriptInvocation, INVOCATION_PRELUDE, type ParsedInvocation } from './invocation.js';
export {
  planPowerShellCommand,
  decodeEncodedCommand,
  decodePowerShellCommand,
  maxInlineScriptLength,
  STDIN_BOOTSTRAP,
  POWERSHELL_OPTIONS,
  encodeScript,
  CMD_EXE_MAX_COMMAND_LINE,
  type PowerShellCommand,
  type DecodedPowerShellCommand,
} from './encoded-command.js';
export {
  decodeStderr,
  decodeStderrAsync,
  encodeClixml,
  encodeClixmlError,
  type ClixmlStreams,
  type DecodedStderr,
  type ProgressRecord,
} from './clixml.js';
export {
  createPowerShellRunner,
  type PowerShellRunner,
  type PowerShellRunnerOptions,
  type RunScriptOptions,
  type RunScriptLogger,
  type ScriptResult,
} from './run-script.js';
