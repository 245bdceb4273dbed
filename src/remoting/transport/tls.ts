/**
 * @module transport/tls: HTTPS agents. Verification is on by default; a CA (file or PEM) can be
 * added; a SHA-256 certificate fingerprint can be pinned (checked before any request byte is
 * sent); turning verification off takes an explicit `insecure: true` and logs a warning.
 */
import { readFileSync } from 'node:fs';
import https from 'node:https';
import tls from 'node:tls';
import type { Duplex } from 'node:stream';
import { RemotingConfigError, TlsError, type TlsFailure } from '../errors.js';
import type { RemotingLogger } from './logger.js';

export interface TlsOptions {
  /** PEM file of the CA (or the self-signed certificate) that issued the server's certificate. */
  readonly caFile?: string;
  /** The same as PEM text. */
  readonly ca?: string;
  /** SHA-256 fingerprint of the server's certificate (hex, colons optional); replaces CA checks. */
  readonly fingerprint256?: string;
  /** Accept any certificate. Only for a lab; logs a warning. */
  readonly insecure?: boolean;
}

/** `AB:CD:…` upper case, the form Node reports in `fingerprint256`. */
export function normalizeFingerprint(value: string): string {
  const hex = value.replace(/[^0-9a-fA-F]/g, '').toUpperCase();
  return hex.match(/.{2}/g)?.join(':') ?? '';
}

const tlsFailures: Readonly<Record<string, TlsFailure>> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'self-signed',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'untrusted',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'untrusted',
  UNABLE_TO_GET_ISSUER_CERT: 'untrusted',
  CERT_UNTRUSTED: 'untrusted',
  CERT_SIGNATURE_FAILURE: 'untrusted',
  ERR_TLS_CERT_ALTNAME_INVALID: 'hostname-mismatch',
  CERT_HAS_EXPIRED: 'expired',
  CERT_NOT_YET_VALID: 'expired',
};

/** A TlsError for a Node/OpenSSL TLS failure, or undefined when `error` is not about TLS. */
export function classifyTlsError(error: unknown, host: string): TlsError | undefined {
  if (error instanceof TlsError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return undefined;
  const failure = tlsFailures[code];
  if (failure) return new TlsError(failure, host, code);
  if (code.startsWith('ERR_SSL_') || code === 'EPROTO' || code.startsWith('ERR_TLS_')) {
    return new TlsError('other', host, code);
  }
  return undefined;
}

function readCa(options: TlsOptions): string | undefined {
  if (options.ca) return options.ca;
  if (!options.caFile) return undefined;
  try {
    return readFileSync(options.caFile, 'utf8');
  } catch {
    throw new RemotingConfigError('tls.caFile', `cannot read ${options.caFile}`);
  }
}

/** An agent that hands a socket to a request only after the certificate matched the pin. */
class PinnedAgent extends https.Agent {
  constructor(
    options: https.AgentOptions,
    private readonly pin: string,
  ) {
    super(options);
  }

  override createConnection(options: tls.ConnectionOptions, callback?: (err: Error | null, stream: Duplex) => void): Duplex {
    const socket = tls.connect({ ...options, rejectUnauthorized: false });
    const done = callback ?? (() => undefined);
    socket.once('secureConnect', () => {
      const presented = socket.getPeerCertificate().fingerprint256 ?? '';
      if (normalizeFingerprint(presented) === this.pin) return done(null, socket);
      socket.destroy();
      done(new TlsError('fingerprint-mismatch', options.host ?? '', 'CERT_FINGERPRINT_MISMATCH', presented), socket);
    });
    socket.once('error', (error) => done(error, socket));
    // Returning nothing makes the agent wait for the callback (node's Agent#createSocket).
    return undefined as unknown as Duplex;
  }
}

export function createHttpsAgent(host: string, options: TlsOptions, logger: RemotingLogger): https.Agent {
  const base: https.AgentOptions = { keepAlive: true, maxSockets: 1, maxFreeSockets: 1, noDelay: true };
  if (options.fingerprint256) {
    const pin = normalizeFingerprint(options.fingerprint256);
    if (pin.length !== 95) throw new RemotingConfigError('tls.fingerprint256', 'expected 32 bytes of SHA-256 in hex');
    return new PinnedAgent(base, pin);
  }
  if (options.insecure) {
    logger.warn({ host }, 'TLS certificate verification is OFF for this WinRM endpoint (insecure: true)');
    return new https.Agent({ ...base, rejectUnauthorized: false });
  }
  const ca = readCa(options);
  return new https.Agent({ ...base, rejectUnauthorized: true, ...(ca ? { ca } : {}) });
}
