/** @module psrp/constants: PowerShell Remoting Protocol constants, named after [MS-PSRP]. */

// [MS-PSRP] 2.2.1 PowerShell Remoting Protocol Message: MessageType
export const MessageType = {
  SESSION_CAPABILITY: 0x00010002,
  INIT_RUNSPACEPOOL: 0x00010004,
  PUBLIC_KEY: 0x00010005,
  ENCRYPTED_SESSION_KEY: 0x00010006,
  PUBLIC_KEY_REQUEST: 0x00010007,
  CONNECT_RUNSPACEPOOL: 0x00010008,
  RUNSPACEPOOL_INIT_DATA: 0x0002100b,
  RESET_RUNSPACE_STATE: 0x0002100c,
  SET_MAX_RUNSPACES: 0x00021002,
  SET_MIN_RUNSPACES: 0x00021003,
  RUNSPACE_AVAILABILITY: 0x00021004,
  RUNSPACEPOOL_STATE: 0x00021005,
  CREATE_PIPELINE: 0x00021006,
  GET_AVAILABLE_RUNSPACES: 0x00021007,
  USER_EVENT: 0x00021008,
  APPLICATION_PRIVATE_DATA: 0x00021009,
  GET_COMMAND_METADATA: 0x0002100a,
  RUNSPACEPOOL_HOST_CALL: 0x00021100,
  RUNSPACEPOOL_HOST_RESPONSE: 0x00021101,
  PIPELINE_INPUT: 0x00041002,
  END_OF_PIPELINE_INPUT: 0x00041003,
  PIPELINE_OUTPUT: 0x00041004,
  ERROR_RECORD: 0x00041005,
  PIPELINE_STATE: 0x00041006,
  DEBUG_RECORD: 0x00041007,
  VERBOSE_RECORD: 0x00041008,
  WARNING_RECORD: 0x00041009,
  PROGRESS_RECORD: 0x00041010,
  INFORMATION_RECORD: 0x00041011,
  PIPELINE_HOST_CALL: 0x00041100,
  PIPELINE_HOST_RESPONSE: 0x00041101,
} as const;
export type MessageTypeName = keyof typeof MessageType;

const typeNames = new Map<number, MessageTypeName>(
  (Object.entries(MessageType) as [MessageTypeName, number][]).map(([name, value]) => [value, name]),
);

/** The name of a message type, or undefined for one this client does not know. */
export function messageTypeName(value: number): MessageTypeName | undefined {
  return typeNames.get(value);
}

// [MS-PSRP] 2.2.1 Destination
export const Destination = { client: 0x00000001, server: 0x00000002 } as const;

// [MS-PSRP] 2.2.4 Packet Fragment: header layout and flags
export const Fragment = {
  headerLength: 21,
  start: 0x1,
  end: 0x2,
} as const;

// [MS-PSRP] 2.2.1: Destination (4) + MessageType (4) + RPID (16) + PID (16) before the data
export const MessageHeaderLength = 40;

// [MS-PSRP] 2.2.3.4 RunspacePoolState
export const RunspacePoolState = {
  BeforeOpen: 0,
  Opening: 1,
  Opened: 2,
  Closed: 3,
  Closing: 4,
  Broken: 5,
  NegotiationSent: 6,
  NegotiationSucceeded: 7,
  Connecting: 8,
  Disconnected: 9,
} as const;

// [MS-PSRP] 2.2.3.5 PSInvocationState
export const PSInvocationState = {
  NotStarted: 0,
  Running: 1,
  Stopping: 2,
  Stopped: 3,
  Completed: 4,
  Failed: 5,
  Disconnected: 6,
} as const;
export type InvocationStateName = keyof typeof PSInvocationState;

// [MS-PSRP] 2.3 Versioning: what Windows Server 2016-2025 (PowerShell 5.1) and PowerShell 7 speak
export const ProtocolVersion = { current: '2.3', windows2008R2: '2.2', psVersion: '2.0', serialization: '1.1.0.1' } as const;

// [MS-WSMV] 3.1.4.1.7 with [MS-PSRP] 2.3: servers that speak protocol 2.2 or later (Windows Server 2012
// and later) accept 500 KiB envelopes by default; pypsrp raises its MaxEnvelopeSize to this then.
export const NegotiatedMaxEnvelopeSize = 512000;

// [MS-PSRP] 3.1.5.4.1 and [MS-WSMV] 3.1.4.5.2: the shell resource URI of a session configuration
export const PowerShellResourceUriPrefix = 'http://schemas.microsoft.com/powershell/';
export const DefaultConfigurationName = 'Microsoft.PowerShell';

// [MS-PSRP] 3.1.5.3.1 (creationXml) and 3.1.5.4.5 (Signal): WS-Man names used by PSRP
export const WsmanPsrp = {
  creationXmlNamespace: 'http://schemas.microsoft.com/powershell',
  inputStreams: 'stdin pr',
  outputStreams: 'stdout',
  stopSignal: 'http://schemas.microsoft.com/powershell/signal/crtl_c',
  terminateSignal: 'http://schemas.microsoft.com/wbem/wsman/1/windows/shell/signal/terminate',
  protocolVersionOption: 'protocolversion',
} as const;

/** The empty GUID: the PSGuid of runspace-pool packets in the out-of-process transport. */
export const EmptyGuid = '00000000-0000-0000-0000-000000000000';
