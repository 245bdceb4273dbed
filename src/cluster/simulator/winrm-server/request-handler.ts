/**
 * @module winrm-server/request-handler: one HTTP exchange of the listener: POST /wsman only, the
 * body read within a limit, authentication, the body unsealed when it came encrypted on the
 * connection's NTLM or Kerberos session (and the answer sealed the same way, faults included),
 * plaintext refused on such a session over HTTP unless AllowUnencrypted, and the injected latency.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { KerberosError } from '../../../remoting/kerberos/index.js';
import { decryptWinrmBody, encryptWinrmBody, NtlmError, type WinrmSealer } from '../../../remoting/ntlm/index.js';
import type { RemotingLogger } from '../../../remoting/transport/logger.js';
import { SoapContentType } from '../../../remoting/transport/types.js';
import { ServerDefaults } from './constants.js';
import type { AuthGate } from './http-auth.js';
import type { SoapEndpoint } from './soap-endpoint.js';
import type { ServerStats } from './stats.js';

export interface RequestHandlerOptions {
  readonly gate: AuthGate;
  readonly endpoint: SoapEndpoint;
  readonly stats: ServerStats;
  readonly secure: boolean;
  readonly allowUnencrypted: boolean;
  readonly latencyMs: number;
  /** The listener's URL once it listens. */
  readonly address: () => string;
  readonly logger: RemotingLogger;
}

type Headers = Readonly<Record<string, string | string[]>>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => resolve(size <= limit ? Buffer.concat(chunks) : undefined));
    req.on('error', reject);
  });
}

/** UTF-8, or UTF-16LE when the body starts with its byte order mark ([MS-WSMV] 2.2.2: both are allowed). */
function decodeSoap(body: Buffer): string {
  if (body[0] === 0xff && body[1] === 0xfe) return body.subarray(2).toString('utf16le');
  return body.toString('utf8').replace(/^\uFEFF/, '');
}

export function createRequestHandler(options: RequestHandlerOptions): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const { gate, stats, logger } = options;
  const answered = new WeakSet<Socket>();

  async function send(res: ServerResponse, status: number, headers: Headers, body?: Buffer): Promise<void> {
    const latency = options.latencyMs;
    if (latency > 0) await sleep(answered.has(res.req.socket) ? latency : 2 * latency);
    answered.add(res.req.socket);
    if (status === 401) stats.challenge();
    if (!res.destroyed) res.writeHead(status, { ...headers, 'Content-Length': String(body?.length ?? 0) }).end(body);
  }

  /** The SOAP text of an authenticated request, or the status that refuses it. */
  function unseal(body: Buffer, contentType: string, session: WinrmSealer | undefined, encrypted: boolean): Buffer | number {
    if (encrypted && !session) return 400;
    if (!encrypted && session && !options.secure && !options.allowUnencrypted) return 401;
    if (!encrypted || !session) return body;
    try {
      const plaintext = decryptWinrmBody(session, body, contentType);
      stats.sealed();
      return plaintext;
    } catch (error) {
      if (!(error instanceof NtlmError) && !(error instanceof KerberosError)) throw error;
      logger.info({ code: error.code }, 'an encrypted request did not verify');
      return 400;
    }
  }

  return async (req, res) => {
    stats.request();
    if (new URL(req.url ?? '/', 'http://localhost').pathname.toLowerCase() !== '/wsman') return send(res, 404, {});
    if (req.method !== 'POST') return send(res, 405, { Allow: 'POST' });
    const body = await readBody(req, ServerDefaults.maxRequestBytes);
    if (!body) return send(res, 413, { Connection: 'close' });
    const outcome = gate.authenticate(req);
    if (outcome.kind === 'challenge') return send(res, 401, outcome.headers);
    // pywinrm sets up encryption with an empty authenticated request; it gets an empty 200.
    if (body.length === 0) return send(res, 200, outcome.headers ?? {});
    const contentType = req.headers['content-type'] ?? '';
    const encrypted = /^multipart\/(x-multi-)?encrypted/i.test(contentType);
    const plaintext = unseal(body, contentType, outcome.session, encrypted);
    if (typeof plaintext === 'number') return send(res, plaintext, plaintext === 401 ? gate.challenge().headers : {});
    const aborted = new AbortController();
    res.on('close', () => aborted.abort());
    const context = { user: outcome.user, clientIp: req.socket.remoteAddress ?? '', address: options.address(), signal: aborted.signal };
    const [status, soap] = await options.endpoint(decodeSoap(plaintext), context);
    const session = encrypted ? outcome.session : undefined;
    const reply = session ? encryptWinrmBody(session, Buffer.from(soap, 'utf8')) : { body: Buffer.from(soap, 'utf8'), contentType: SoapContentType };
    return send(res, status, { ...outcome.headers, 'Content-Type': reply.contentType }, reply.body);
  };
}
