/**
 * @module winrm-server/constants: what the simulator's WinRM server answers with, as Windows
 * does: its defaults, the prefixes of its envelopes, and the faults it raises (codes from
 * winerror.h as decimal uint32, texts as a Windows Server writes them).
 */
import { FaultCode, Namespace } from '../../../remoting/wsman/constants.js';

// [MS-WSMV] 2.2.4.41 (Winrs) and 2.2.4.10 (Config): the service's defaults on Windows Server
export const ServerDefaults = {
  /** MaxTimeoutms: OperationTimeout is clamped to it ([MS-WSMV] 3.1.4.1.6). */
  operationTimeoutMaxMs: 60000,
  /** Winrs/MaxShellsPerUser. */
  maxShellsPerUser: 30,
  /** Service/MaxConcurrentOperationsPerUser. */
  maxConcurrentOperationsPerUser: 1500,
  /** Winrs/IdleTimeout as servers report it (PT7200.000S). */
  shellIdleTimeoutMs: 7_200_000,
  /** How long HTTP.sys keeps an idle connection (and so its NTLM session). */
  keepAliveMs: 120_000,
  /** Largest request body read (Service/MaxEnvelopeSizekb is 500 KiB; encryption adds framing). */
  maxRequestBytes: 1024 * 1024,
} as const;

/** Prefixes of the envelopes Windows writes (pypsrp's recordings): only the URIs matter to clients. */
export const ResponsePrefix = {
  s: Namespace.soap,
  a: Namespace.addressing,
  x: Namespace.transfer,
  w: Namespace.wsman,
  rsp: Namespace.shell,
  p: Namespace.wsmv,
} as const;

/** The fault detail Windows puts under s:Detail: a WSManFault, or an MSFT_WmiError for quotas. */
export type FaultDetailKind = 'wsman-fault' | 'wmi-error';

export interface FaultSpec {
  /** SOAP 1.2 s:Code/s:Value. */
  readonly code: 's:Sender' | 's:Receiver';
  /** s:Subcode/s:Value, as a QName with Windows' prefixes. */
  readonly subcode: string;
  /** f:WSManFault/@Code or p:error_Code. */
  readonly wsmanCode: number;
  readonly detail: FaultDetailKind;
  /** s:Reason/s:Text; `{n}` is replaced by the quota in quota faults. */
  readonly reason: string;
  /** w:FaultDetail URI, when Windows sends one. */
  readonly faultDetail?: string;
  /** f:ProviderFault provider, for faults raised by the shell plugin. */
  readonly provider?: string;
}

const faultDetail = (name: string) => `http://schemas.dmtf.org/wbem/wsman/1/wsman/faultDetail/${name}`;

// [MS-WSMV] 2.2.4.43 WSManFaultType; codes are the ERROR_WSMAN_* values of winerror.h
export const ServerFault = {
  /** 0x80338029 ERROR_WSMAN_OPERATION_TIMEDOUT: Receive had nothing within OperationTimeout. */
  timedOut: {
    code: 's:Receiver',
    subcode: 'w:TimedOut',
    wsmanCode: FaultCode.operationTimedOut,
    detail: 'wsman-fault',
    reason: 'The WS-Management service cannot complete the operation within the time specified in OperationTimeout.',
  },
  /** 0x8033805B: the shell of the SelectorSet does not exist (deleted, or idle too long). */
  shellNotFound: {
    code: 's:Sender',
    subcode: 'w:InvalidSelectors',
    wsmanCode: FaultCode.shellNotFound,
    detail: 'wsman-fault',
    reason: 'The WS-Management service cannot process the request because the request contained invalid selectors for the resource.',
    faultDetail: faultDetail('UnexpectedSelectors'),
  },
  /** The same code for a CommandId the shell does not know (pypsrp's test_winrs_bad_cmd_id). */
  commandNotFound: {
    code: 's:Sender',
    subcode: 'w:InvalidSelectors',
    wsmanCode: FaultCode.shellNotFound,
    detail: 'wsman-fault',
    reason:
      'The Windows Remote Shell received a request to perform an operation on a command identifier that does not exist. ' +
      'Either the command has completed execution or the client specified an invalid command identifier.',
    faultDetail: faultDetail('UnexpectedSelectors'),
  },
  /** 0x803381A5, as MSFT_WmiError (WinRb's wmi_error_v2.xml). */
  shellsQuota: {
    code: 's:Sender',
    subcode: 'w:QuotaLimit',
    wsmanCode: FaultCode.shellQuota,
    detail: 'wmi-error',
    reason:
      'The WS-Management service cannot process the request. This user is allowed a maximum number of {n} concurrent shells, ' +
      'which has been exceeded. Close existing shells or raise the quota for this user.',
  },
  /** 0x803381A6, as MSFT_WmiError. */
  operationsQuota: {
    code: 's:Sender',
    subcode: 'w:QuotaLimit',
    wsmanCode: FaultCode.operationsQuota,
    detail: 'wmi-error',
    reason:
      'The WS-Management service cannot process the request. This user is allowed a maximum number of {n} concurrent operations, ' +
      'which has been exceeded. Close existing operations for this user, or raise the quota for this user.',
  },
  /** 0x80338013 ERROR_WSMAN_ACTION_NOT_SUPPORTED. */
  actionNotSupported: {
    code: 's:Sender',
    subcode: 'a:ActionNotSupported',
    wsmanCode: 2150858771,
    detail: 'wsman-fault',
    reason: 'The WS-Management service does not support the specified action.',
  },
  /** 0x80338012 ERROR_WSMAN_DESTINATION_UNREACHABLE: Windows' answer to an unknown ResourceURI. */
  invalidResourceUri: {
    code: 's:Sender',
    subcode: 'w:DestinationUnreachable',
    wsmanCode: 2150858770,
    detail: 'wsman-fault',
    reason: 'The WS-Management service cannot process the request. The resource URI is not supported by this service.',
    faultDetail: faultDetail('InvalidResourceURI'),
  },
  /** 0x8033800F: a required header is missing or unreadable. */
  invalidHeader: {
    code: 's:Sender',
    subcode: 'a:InvalidMessageInformationHeader',
    wsmanCode: FaultCode.invalidHeader,
    detail: 'wsman-fault',
    reason: 'The WS-Management service cannot process the request. The request contains one or more invalid SOAP headers.',
  },
  /** 0x80338041: the envelope or its body is not what the action needs. */
  schemaValidation: {
    code: 's:Sender',
    subcode: 'w:SchemaValidationError',
    wsmanCode: FaultCode.schemaValidation,
    detail: 'wsman-fault',
    reason: 'The SOAP XML in the message does not match the corresponding XML schema definition.',
  },
  /** ERROR_INVALID_PARAMETER from the shell plugin (pypsrp's test_winrs_fail_poll_process). */
  invalidParameter: {
    code: 's:Sender',
    subcode: 'w:InvalidParameter',
    wsmanCode: FaultCode.invalidParameter,
    detail: 'wsman-fault',
    reason: 'The parameter is incorrect.',
    faultDetail: faultDetail('InvalidValue'),
    provider: 'Shell cmd plugin',
  },
  /** 0x80338003 ERROR_WSMAN_PROVIDER_FAILURE: the command host failed (a simulator bug, never a script error). */
  providerFailure: {
    code: 's:Receiver',
    subcode: 'w:InternalError',
    wsmanCode: 2150858755,
    detail: 'wsman-fault',
    reason: 'An error was encountered inside the plugin.',
    provider: 'Shell cmd plugin',
  },
} as const satisfies Record<string, FaultSpec>;

export type ServerFaultName = keyof typeof ServerFault;
