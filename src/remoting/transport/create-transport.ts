/**
 * @module transport/create-transport: a WsmanTransport for one endpoint and credential: one
 * keep-alive connection, the chosen auth strategy, exchanges one at a time (NTLM and Kerberos
 * sequence numbers follow the wire order), and one retry when a kept-alive socket turns out closed.
 */
import { RemotingConfigError, assertNever } from '../errors.js';
import type { TicketSource } from '../kerberos/index.js';
import { createBasicAuth } from './basic-auth.js';
import { createKerberosAuth } from './kerberos-auth.js';
import { createNegotiateAuth } from './negotiate-auth.js';
import { createHttpConnection, isStaleSocketError } from './http-connection.js';
import { silentLogger, type RemotingLogger } from './logger.js';
import { createNtlmAuth } from './ntlm-auth.js';
import type { TlsOptions } from './tls.js';
import type { AuthStrategy, SendOptions, SoapReply, WsmanTransport } from './types.js';

export type AuthOptions =
  | {
      readonly scheme: 'basic';
      readonly username: string;
      readonly password: string;
      /** Basic over plain HTTP sends the password in clear text; allowed only when set. */
      readonly allowUnencryptedHttp?: boolean;
    }
  | {
      readonly scheme: 'ntlm';
      /** `user`, `DOMAIN\user` or `user@domain`. */
      readonly username: string;
      readonly password: string;
      readonly domain?: string;
      readonly workstation?: string;
    }
  | {
      /** Kerberos only; `negotiate`: Kerberos, and NTLM only when `ntlmFallback` is given. */
      readonly scheme: 'kerberos' | 'negotiate';
      /** The bot's tickets (one source per principal, shared by every node's transports). */
      readonly tickets: TicketSource;
      /** The node's service principal; `HTTP/<endpoint host>` by default. */
      readonly spn?: string;
      readonly ntlmFallback?: { readonly username: string; readonly password: string; readonly domain?: string };
    };

export interface TransportOptions {
  /** `http://host:5985/wsman` or `https://host:5986/wsman`. */
  readonly endpoint: string;
  readonly auth: AuthOptions;
  readonly tls?: TlsOptions;
  /** Largest HTTP response accepted (ResponseLimitError beyond); 32 MiB. */
  readonly maxResponseBytes?: number;
  readonly logger?: RemotingLogger;
  /** Told which scheme authenticated each exchange (for negotiate: Kerberos or, after a fallback, NTLM with the reason). */
  readonly onAuthenticated?: (scheme: AuthStrategy['scheme'], reason?: string) => void;
}

export function parseEndpoint(endpoint: string): URL {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new RemotingConfigError('endpoint', `"${endpoint}" is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new RemotingConfigError('endpoint', 'the URL must start with http:// or https://');
  }
  if (url.username || url.password) throw new RemotingConfigError('endpoint', 'credentials do not belong in the URL');
  return url;
}

/** Refuses endpoint and auth combinations that cannot work or would leak the password. */
export function checkTransportOptions(options: TransportOptions): URL {
  const url = parseEndpoint(options.endpoint);
  const { auth } = options;
  if ('username' in auth && !auth.username) throw new RemotingConfigError('auth.username', 'is empty');
  if (auth.scheme === 'basic' && url.protocol === 'http:' && !auth.allowUnencryptedHttp) {
    throw new RemotingConfigError(
      'auth.allowUnencryptedHttp',
      'Basic over plain HTTP would send the password in clear text; use HTTPS, NTLM, or set allowUnencryptedHttp',
    );
  }
  if (options.tls?.insecure && options.tls.fingerprint256) {
    throw new RemotingConfigError('tls.insecure', 'cannot be combined with a pinned fingerprint');
  }
  return url;
}

/** `HTTP/<host>`: the SPN Windows registers for WinRM on a node (setspn lists it as HTTP/fqdn). */
export const defaultSpn = (url: URL) => `HTTP/${url.hostname.replace(/^\[|\]$/g, '').toLowerCase()}`;

function createAuth(options: TransportOptions, url: URL, logger: RemotingLogger): AuthStrategy {
  const auth = options.auth;
  const encrypt = url.protocol === 'http:';
  switch (auth.scheme) {
    case 'basic':
      return createBasicAuth(auth);
    case 'ntlm':
      return createNtlmAuth({ credentials: auth, encrypt, logger });
    case 'kerberos':
    case 'negotiate': {
      const kerberos = createKerberosAuth({ tickets: auth.tickets, spn: auth.spn ?? defaultSpn(url), encrypt, logger });
      const ntlm = auth.scheme === 'negotiate' && auth.ntlmFallback ? createNtlmAuth({ credentials: auth.ntlmFallback, encrypt, logger }) : undefined;
      return createNegotiateAuth({ kerberos, ...(ntlm ? { ntlm } : {}), logger, ...(options.onAuthenticated ? { onFallback: options.onAuthenticated } : {}) });
    }
    default:
      return assertNever(auth);
  }
}

export function createTransport(options: TransportOptions): WsmanTransport {
  const logger = options.logger ?? silentLogger;
  const url = checkTransportOptions(options);
  const auth = createAuth(options, url, logger);
  const connection = createHttpConnection({ url, tls: options.tls, logger, ...(options.maxResponseBytes ? { maxResponseBytes: options.maxResponseBytes } : {}) });
  let queue: Promise<unknown> = Promise.resolve();

  async function exchangeOnce(soap: Buffer, sendOptions: SendOptions): Promise<SoapReply> {
    const started = Date.now();
    let response;
    try {
      response = await auth.exchange(connection, soap, sendOptions);
    } catch (error) {
      if (!isStaleSocketError(error)) throw error;
      logger.debug({ url: url.href }, 'kept-alive socket was closed by the server; sending again');
      response = await auth.exchange(connection, soap, sendOptions);
    }
    if (response.status !== 401) options.onAuthenticated?.(auth.scheme);
    const contentType = response.headers['content-type']?.[0] ?? '';
    logger.debug({ url: url.href, status: response.status, bytes: response.body.length, ms: Date.now() - started }, 'wsman exchange');
    return { status: response.status, contentType, body: response.body };
  }

  return {
    url: url.href,
    send(soap, sendOptions) {
      const result = queue.then(() => exchangeOnce(soap, sendOptions));
      queue = result.catch(() => undefined);
      return result;
    },
    close: () => connection.close(),
  };
}
