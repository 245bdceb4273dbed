/**
 * @module remoting/errors: what goes wrong between this process and a WinRM endpoint, as small
 * coded classes with named readonly fields. Branch on `kind` and the fields, never on `message`;
 * every message is written for an operator and never contains a credential or a script.
 */
import type { KerberosErrorCode } from './kerberos/errors.js';
import { FaultCode, FaultExplanation } from './wsman/constants.js';

export type RemotingErrorKind =
  | 'wsman-fault'
  | 'wmi-error'
  | 'http-status'
  | 'authentication'
  | 'tls'
  | 'connection'
  | 'timeout'
  | 'relates-to-mismatch'
  | 'protocol'
  | 'aborted'
  | 'closed'
  | 'invalid-value'
  | 'configuration';

export abstract class RemotingError extends Error {
  abstract readonly kind: RemotingErrorKind;
}

/** `f:ProviderFault`: the plugin (e.g. "Shell cmd plugin") that raised a fault, and its text. */
export interface ProviderFault {
  readonly provider: string;
  readonly path: string;
  readonly message: string;
}

function explain(code: number | undefined): string {
  const known = code === undefined ? undefined : FaultExplanation[code];
  return known ? ` (${known})` : '';
}

/** A SOAP fault with a `f:WSManFault` detail, or with none (OMI servers send only Code and Reason). */
export class WSManFaultError extends RemotingError {
  readonly kind = 'wsman-fault' as const;
  override readonly name = 'WSManFaultError';
  constructor(
    /** `f:WSManFault/@Code` (a uint32), if the fault carried one. */
    readonly code: number | undefined,
    /** Local name of `s:Subcode/s:Value`, e.g. `TimedOut`, `InvalidSelectors`. */
    readonly subcode: string | undefined,
    readonly machine: string | undefined,
    /** `s:Reason/s:Text`, trimmed. */
    readonly reason: string,
    readonly providerFault: ProviderFault | undefined,
  ) {
    const where = machine ? ` on ${machine}` : '';
    const what = code !== undefined ? `fault ${code}` : `fault ${subcode ?? 'without a code'}`;
    const detail = providerFault ? providerFault.message : reason;
    super(`WinRM${where} answered with ${what}${explain(code)}: ${detail}`);
  }
}

/** Which WinRM quota an `MSFT_WmiError` reports, when it is one. */
export type WmiQuotaKind = 'shells' | 'operations' | 'other';

/** A fault whose detail is `MSFT_WmiError` instead of `WSManFault`: how quota faults arrive. */
export class WmiQuotaError extends RemotingError {
  readonly kind = 'wmi-error' as const;
  override readonly name = 'WmiQuotaError';
  readonly quota: WmiQuotaKind;
  constructor(
    /** `p:error_Code` (a uint32). */
    readonly code: number | undefined,
    readonly subcode: string | undefined,
    /** `p:Message` (falls back to `s:Reason/s:Text`), trimmed. */
    readonly reason: string,
    /** `p:MessageID`, e.g. `HRESULT 0x803381a5`. */
    readonly wmiMessageId: string | undefined,
    readonly cimStatusCode: number | undefined,
  ) {
    const quota: WmiQuotaKind =
      code === FaultCode.shellQuota ? 'shells' : code === FaultCode.operationsQuota ? 'operations' : 'other';
    super(`WinRM refused the request (WMI error ${code ?? 'without a code'}${explain(code)}): ${reason}`);
    this.quota = quota;
  }
}

/** The WSMan fault code of an error, whichever detail carried it. */
export function faultCodeOf(error: unknown): number | undefined {
  if (error instanceof WSManFaultError || error instanceof WmiQuotaError) return error.code;
  return undefined;
}

/** An HTTP status that is neither success nor a SOAP fault nor an authentication challenge. */
export class HttpStatusError extends RemotingError {
  readonly kind = 'http-status' as const;
  override readonly name = 'HttpStatusError';
  constructor(
    readonly status: number,
    readonly url: string,
    /** What this status usually means for WinRM, in plain words (may be empty). */
    readonly hint: string,
  ) {
    super(`The WinRM endpoint ${url} answered HTTP ${status}${hint ? `: ${hint}` : ''}.`);
  }
}

export type AuthenticationFailure =
  | 'basic-disabled'
  | 'unencrypted-refused'
  | 'wrong-credentials'
  | 'scheme-not-offered'
  | 'handshake-failed';

const authAdvice: Readonly<Record<AuthenticationFailure, string>> = {
  'basic-disabled':
    'the server does not offer Basic authentication (it is off by default on Windows; enable it with ' +
    '`winrm set winrm/config/service/auth @{Basic="true"}` or use NTLM)',
  'unencrypted-refused':
    'the server does not accept Basic over plain HTTP (AllowUnencrypted is false by default, or Basic is ' +
    'disabled); use HTTPS, or NTLM, which encrypts messages over HTTP',
  'wrong-credentials':
    'the server rejected the user name or password (Basic accepts only local accounts; a local admin over ' +
    'NTLM may also need LocalAccountTokenFilterPolicy=1)',
  'scheme-not-offered': 'the server does not offer this authentication scheme',
  'handshake-failed': 'the authentication handshake did not complete as the protocol requires',
};

/** The server refused to authenticate us; `failure` names the likely cause. */
export class AuthenticationError extends RemotingError {
  readonly kind = 'authentication' as const;
  override readonly name = 'AuthenticationError';
  constructor(
    readonly failure: AuthenticationFailure,
    readonly scheme: 'basic' | 'ntlm',
    readonly username: string,
    readonly url: string,
    /** The schemes the server's `WWW-Authenticate` headers offered, e.g. `['Negotiate', 'Kerberos']`. */
    readonly offered: readonly string[],
  ) {
    const offers = offered.length ? ` The server offers: ${offered.join(', ')}.` : '';
    // The account is in `username` for logs and the CLI; the message (shown in chat) does not name it.
    super(`Authentication at ${url} failed: ${authAdvice[failure]}.${offers}`);
  }
}

/**
 * Kerberos could not authenticate us to the node: `failure` is the Kerberos layer's code
 * (wrong-password, spn-missing, clock-skew, kdc-unreachable, mutual-auth-failed, …) and the
 * message says what to do; `spn` is the service principal the bot asked a ticket for.
 */
export class KerberosAuthenticationError extends RemotingError {
  readonly kind = 'authentication' as const;
  override readonly name = 'KerberosAuthenticationError';
  constructor(
    readonly failure: KerberosErrorCode,
    readonly spn: string,
    readonly url: string,
    detail: string,
  ) {
    super(`Kerberos authentication at ${url} failed: ${detail}.`);
  }
}

export type TlsFailure = 'self-signed' | 'untrusted' | 'hostname-mismatch' | 'fingerprint-mismatch' | 'expired' | 'other';

const tlsAdvice: Readonly<Record<TlsFailure, string>> = {
  'self-signed': 'its certificate is self-signed; give its CA file or pin its SHA-256 fingerprint',
  untrusted: 'its certificate was not issued by a trusted CA; give the CA file',
  'hostname-mismatch': 'its certificate is for another host name; connect with a name the certificate lists',
  'fingerprint-mismatch': 'its certificate does not have the pinned SHA-256 fingerprint',
  expired: 'its certificate has expired or is not valid yet',
  other: 'the TLS handshake failed',
};

export class TlsError extends RemotingError {
  readonly kind = 'tls' as const;
  override readonly name = 'TlsError';
  constructor(
    readonly failure: TlsFailure,
    readonly host: string,
    /** The OpenSSL / Node error code, e.g. `DEPTH_ZERO_SELF_SIGNED_CERT`. */
    readonly detail: string,
    /** For `fingerprint-mismatch`: the fingerprint the server presented. */
    readonly presentedFingerprint?: string,
  ) {
    super(`Refused the TLS connection to ${host}: ${tlsAdvice[failure]} (${detail}).`);
  }
}

export type ConnectionFailure = 'refused' | 'reset' | 'dns' | 'unreachable' | 'other';

const connectionAdvice: Readonly<Record<ConnectionFailure, string>> = {
  refused: 'nothing listens on that port (is WinRM running, and is it 5985 for HTTP or 5986 for HTTPS?)',
  reset: 'the connection was closed by the server or the network',
  dns: 'the host name does not resolve',
  unreachable: 'the host cannot be reached from here',
  other: 'the connection failed',
};

export class ConnectionError extends RemotingError {
  readonly kind = 'connection' as const;
  override readonly name = 'ConnectionError';
  constructor(
    readonly failure: ConnectionFailure,
    readonly host: string,
    readonly port: number,
    /** The system error code, e.g. `ECONNREFUSED`. */
    readonly systemCode: string,
  ) {
    super(`Cannot reach WinRM at ${host}:${port}: ${connectionAdvice[failure]} (${systemCode}).`);
  }
}

/** `operation`: the caller's deadline for a whole command; `http-read`: one HTTP exchange. */
export type TimeoutPhase = 'operation' | 'http-read';

export class TimeoutError extends RemotingError {
  readonly kind = 'timeout' as const;
  override readonly name = 'TimeoutError';
  constructor(
    readonly phase: TimeoutPhase,
    readonly timeoutMs: number,
    readonly url: string,
  ) {
    super(
      phase === 'operation'
        ? `The remote command at ${url} did not finish within ${timeoutMs} ms; it was terminated.`
        : `WinRM at ${url} did not answer within ${timeoutMs} ms.`,
    );
  }
}

export class RelatesToMismatchError extends RemotingError {
  readonly kind = 'relates-to-mismatch' as const;
  override readonly name = 'RelatesToMismatchError';
  constructor(
    readonly expected: string,
    readonly actual: string | undefined,
  ) {
    super(`WinRM answered a different request (RelatesTo ${actual ?? 'missing'}, expected ${expected}).`);
  }
}

/**
 * Why a response was refused: `unreadable` (not XML, a missing element, …), `unsealed` (plain
 * text on a sealed NTLM session: not from the authenticated server, so its text is not shown),
 * `limit` (beyond a bound on size, depth or count; see ResponseLimitError).
 */
export type ProtocolFailure = 'unreadable' | 'unsealed' | 'limit';

/** A response that does not follow WS-Management (not XML, a missing element, …). */
export class WsmanProtocolError extends RemotingError {
  readonly kind = 'protocol' as const;
  override readonly name: string = 'WsmanProtocolError';
  constructor(
    readonly detail: string,
    readonly failure: ProtocolFailure = 'unreadable',
  ) {
    super(`WinRM sent a response this client cannot read: ${detail}.`);
  }
}

/** The bounds on what one command may send back ([MS-WSMV] leaves them to the client). */
export type ResponseLimit = 'output-bytes' | 'response-bytes' | 'xml-depth' | 'xml-elements' | 'clixml-depth' | 'clixml-elements';

/** A response (or a command's output) beyond one of the client's bounds; the command is terminated. */
export class ResponseLimitError extends WsmanProtocolError {
  override readonly name = 'ResponseLimitError';
  constructor(
    readonly limit: ResponseLimit,
    /** The bound, in the limit's unit (bytes, levels, elements). */
    readonly max: number,
  ) {
    super(`${limitWords[limit]} exceeds ${max}`, 'limit');
  }
}

const limitWords: Readonly<Record<ResponseLimit, string>> = {
  'output-bytes': "the command's output (stdout and stderr together, in bytes)",
  'response-bytes': 'one response (in bytes)',
  'xml-depth': "the response's XML nesting depth",
  'xml-elements': "the response's XML element count",
  'clixml-depth': "the PowerShell error stream's CLIXML nesting depth",
  'clixml-elements': "the PowerShell error stream's CLIXML element count",
};

export class AbortedError extends RemotingError {
  readonly kind = 'aborted' as const;
  override readonly name = 'AbortedError';
  constructor() {
    super('The remote command was cancelled; it was terminated on the server.');
  }
}

export class RunnerClosedError extends RemotingError {
  readonly kind = 'closed' as const;
  override readonly name = 'RunnerClosedError';
  constructor() {
    super('This WinRM connection was closed; no more commands can run on it.');
  }
}

/** A value (argument, variable, path) that a WS-Management message cannot carry. */
export class InvalidValueError extends RemotingError {
  readonly kind = 'invalid-value' as const;
  override readonly name = 'InvalidValueError';
  constructor(readonly problem: string) {
    super(`Cannot send this to WinRM: ${problem}.`);
  }
}

/** Options that cannot work, found before anything is sent. */
export class RemotingConfigError extends RemotingError {
  readonly kind = 'configuration' as const;
  override readonly name = 'RemotingConfigError';
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`WinRM setting ${field}: ${problem}.`);
  }
}

export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}
