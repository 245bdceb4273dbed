/** @module wsman/constants: WS-Management and WinRS protocol constants, named after [MS-WSMV]. */

// [MS-WSMV] 2.2.1 Namespaces (prefixes are free; only the URIs matter)
export const Namespace = {
  soap: 'http://www.w3.org/2003/05/soap-envelope',
  addressing: 'http://schemas.xmlsoap.org/ws/2004/08/addressing',
  wsman: 'http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd',
  wsmv: 'http://schemas.microsoft.com/wbem/wsman/1/wsman.xsd',
  transfer: 'http://schemas.xmlsoap.org/ws/2004/09/transfer',
  shell: 'http://schemas.microsoft.com/wbem/wsman/1/windows/shell',
  wsmanFault: 'http://schemas.microsoft.com/wbem/wsman/1/wsmanfault',
  config: 'http://schemas.microsoft.com/wbem/wsman/1/config',
  wmiError: 'http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/MSFT_WmiError',
  xml: 'http://www.w3.org/XML/1998/namespace',
} as const;

/** Prefixes used in the envelopes this client writes (pypsrp's choice). */
export const Prefix = {
  s: Namespace.soap,
  wsa: Namespace.addressing,
  wsman: Namespace.wsman,
  wsmv: Namespace.wsmv,
  rsp: Namespace.shell,
} as const;

// [MS-WSMV] 3.1.4.5 (WS-Transfer) and 3.1.4.11-3.1.4.14 (Remote Shell) Action URIs
export const Action = {
  get: 'http://schemas.xmlsoap.org/ws/2004/09/transfer/Get',
  create: 'http://schemas.xmlsoap.org/ws/2004/09/transfer/Create',
  delete: 'http://schemas.xmlsoap.org/ws/2004/09/transfer/Delete',
  command: 'http://schemas.microsoft.com/wbem/wsman/1/windows/shell/Command',
  send: 'http://schemas.microsoft.com/wbem/wsman/1/windows/shell/Send',
  receive: 'http://schemas.microsoft.com/wbem/wsman/1/windows/shell/Receive',
  signal: 'http://schemas.microsoft.com/wbem/wsman/1/windows/shell/Signal',
  fault: 'http://schemas.dmtf.org/wbem/wsman/1/wsman/fault',
} as const;
export type ActionName = keyof typeof Action;

// WS-Addressing anonymous reply address ([MS-WSMV] 3.1.4.1: wsa:ReplyTo)
export const AnonymousAddress = 'http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous';

// [MS-WSMV] 3.1.4.5.2 Remote Shell resource URIs
export const ResourceUri = {
  cmd: 'http://schemas.microsoft.com/wbem/wsman/1/windows/shell/cmd',
  config: 'http://schemas.microsoft.com/wbem/wsman/1/config',
} as const;

// [MS-WSMV] 3.1.4.5.2 (Create) and 3.1.4.11 (Command) WinRS options
export const WinrsOption = {
  codepage: 'WINRS_CODEPAGE',
  noProfile: 'WINRS_NOPROFILE',
  consoleModeStdin: 'WINRS_CONSOLEMODE_STDIN',
  skipCmdShell: 'WINRS_SKIP_CMD_SHELL',
  keepAlive: 'WSMAN_CMDSHELL_OPTION_KEEPALIVE',
} as const;

// [MS-WSMV] 2.2.5.4 CommandStateEnumeration: the State attribute of rsp:CommandState (2.2.4.9)
export const CommandState = {
  done: 'http://schemas.microsoft.com/wbem/wsman/1/windows/shell/CommandState/Done',
  running: 'http://schemas.microsoft.com/wbem/wsman/1/windows/shell/CommandState/Running',
  pending: 'http://schemas.microsoft.com/wbem/wsman/1/windows/shell/CommandState/Pending',
} as const;

// [MS-WSMV] 2.2.5.6 SignalCodeEnumeration
export const SignalCode = {
  terminate: 'http://schemas.microsoft.com/wbem/wsman/1/windows/shell/signal/terminate',
  ctrlC: 'http://schemas.microsoft.com/wbem/wsman/1/windows/shell/signal/ctrl_c',
  ctrlBreak: 'http://schemas.microsoft.com/wbem/wsman/1/windows/shell/signal/ctrl_break',
} as const;
export type SignalName = keyof typeof SignalCode;

// [MS-WSMV] 2.2.4.40 StreamType: the stream names of the cmd shell
export const StreamName = { stdin: 'stdin', stdout: 'stdout', stderr: 'stderr' } as const;

// [MS-WSMV] 3.1.4.1.7 MaxEnvelopeSize: what pywinrm, pypsrp and masterzen send (150 KiB)
export const DefaultMaxEnvelopeSize = 153600;
// [MS-WSMV] 3.2.4.1.2 OperationTimeout: clients MUST set one; 20 s like pywinrm and pypsrp
export const DefaultOperationTimeoutMs = 20000;

/**
 * Bounds on what a server may send back: client policy, since [MS-WSMV] bounds only a
 * well-behaved server (3.1.4.1.7 MaxEnvelopeSize per response). Each keeps one parse well under
 * 20 ms of the event loop (`npm run bench -- hostile`); a command beyond them is terminated.
 */
export const ResponseLimits = {
  /** stdout plus stderr of one command, across all its Receives. */
  maxOutputBytes: 8 * 1024 * 1024,
  /** One HTTP response: many times MaxEnvelopeSize (150 KiB); its text is cheap to parse, its elements are bounded below. */
  maxResponseBytes: 2 * 1024 * 1024,
  /** A WS-Management envelope is about 8 levels deep and holds a few dozen elements. */
  maxXmlDepth: 32,
  maxXmlElements: 512,
  /** PowerShell's error stream: an ErrorRecord nests about 15 levels, a progress record holds 12 elements. */
  maxClixmlDepth: 64,
  maxClixmlElementsPerRecord: 1000,
  maxClixmlElements: 200_000,
} as const;

/**
 * WSManFault codes this client acts on or explains ([MS-WSMV] 2.2.4.43 WSManFaultType; the
 * values are winerror.h codes as decimal uint32, the way `f:WSManFault/@Code` carries them).
 */
export const FaultCode = {
  /** 0x80338029 w:TimedOut: nothing to return within OperationTimeout; poll again. [MS-WSMV] 3.1.4.14 */
  operationTimedOut: 2150858793,
  /** 0x8033805B w:InvalidSelectors: the shell (or command) does not exist any more. */
  shellNotFound: 2150858843,
  /** 0x803381A5 w:QuotaLimit: MaxShellsPerUser exceeded. */
  shellQuota: 2150859173,
  /** 0x803381A6 w:QuotaLimit: MaxConcurrentOperationsPerUser exceeded. */
  operationsQuota: 2150859174,
  /** 0x8033800F: a SOAP header was invalid. */
  invalidHeader: 2150858767,
  /** 0x80338041 w:SchemaValidationError. */
  schemaValidation: 2150858817,
  /** 0x800703FA: error reading a registry key (WinRb resets the shell on it). */
  registryKeyRead: 2147943418,
  /** 0x80070002: the executable was not found. */
  fileNotFound: 2147942402,
  /** 0x800700CE: the command line is longer than CreateProcess accepts. */
  filenameTooLong: 2147942606,
  /** ERROR_INVALID_PARAMETER from the shell plugin. */
  invalidParameter: 87,
  /** ERROR_BUSY: a previous Send is still being processed. */
  busy: 170,
  /** ERROR_OPERATION_ABORTED. */
  operationAborted: 995,
} as const;
export type FaultCodeName = keyof typeof FaultCode;

/** Plain-words explanations for operators, keyed by fault code. */
export const FaultExplanation: Readonly<Record<number, string>> = {
  [FaultCode.operationTimedOut]: 'the server had no output to return within OperationTimeout',
  [FaultCode.shellNotFound]:
    'the remote shell or command no longer exists (it was deleted or reached its idle timeout)',
  [FaultCode.shellQuota]:
    'this user has as many shells open as MaxShellsPerUser allows; close shells or raise the quota',
  [FaultCode.operationsQuota]:
    'this user has as many operations running as MaxConcurrentOperationsPerUser allows',
  [FaultCode.invalidHeader]: 'the server rejected a SOAP header of the request',
  [FaultCode.schemaValidation]: 'the server rejected the request as malformed',
  [FaultCode.fileNotFound]: 'the executable was not found on the server',
  [FaultCode.filenameTooLong]: 'the command line is longer than Windows accepts; send the script on stdin',
  [FaultCode.busy]: 'the server is still processing an earlier request for this command',
};

/** Faults after which the shell is thrown away and a fresh one is tried once (WinRb's FAULTS_FOR_RESET). */
export const ShellResetFaults: ReadonlySet<number> = new Set([FaultCode.shellNotFound, FaultCode.operationsQuota]);

/** Faults that are harmless when cleaning up (Signal, Delete): the thing is already gone. */
export const CleanupIgnorableFaults: ReadonlySet<number> = new Set([
  FaultCode.shellNotFound,
  FaultCode.operationAborted,
]);
