/**
 * @module winrm-server/server: the simulator's WinRM listener on node:http(s): POST /wsman only,
 * authentication (http-auth), WinRM message encryption of request and response bodies on NTLM
 * sessions over plain HTTP ([MS-WSMV] 2.2.9.1), the WinRS service, and faults as HTTP 500 with
 * an s:Fault. Listens on 127.0.0.1 by default; port 0 picks a free port.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { decryptWinrmBody, encryptWinrmBody, NtlmError, type NtlmSession } from '../../../remoting/ntlm/index.js';
import { silentLogger, type RemotingLogger } from '../../../remoting/transport/logger.js';
import { SoapContentType } from '../../../remoting/transport/types.js';
import type { CommandHost } from '../script-host/index.js';
import { ServerDefaults } from './constants.js';
import { buildResponseEnvelope } from './envelope.js';
import { buildFaultEnvelope, WinrsFault } from './faults.js';
import { createAuthGate, type ServerAuthOptions } from './http-auth.js';
import { parseRequest, peekMessageId } from './request.js';
import { createShellRegistry } from './shell-registry.js';
import { createWinrsService, type RequestContext } from './winrs-service.js';
import { createServerStats, type ServerStats, type WinrmServerStats } from './stats.js';

export interface WinrmServerOptions {
  /** Runs each command (the simulator's script host, or any other). */
  readonly host: CommandHost;
  readonly auth: ServerAuthOptions;
  /** Accept Basic and unsealed NTLM messages over plain HTTP; false, like Windows. */
  readonly allowUnencrypted?: boolean;
  /** Serve HTTPS with this key and certificate (PEM). */
  readonly https?: { readonly key: string | Buffer; readonly cert: string | Buffer };
  /** MaxTimeoutms: the longest a Receive waits; 60 s. */
  readonly operationTimeoutMaxMs?: number;
  /** MaxShellsPerUser; 30. */
  readonly maxShellsPerUser?: number;
  /** MaxConcurrentOperationsPerUser (commands not yet Signalled); 1500. */
  readonly maxConcurrentOperationsPerUser?: number;
  /** A shell unused this long is gone; 2 hours. */
  readonly shellIdleTimeoutMs?: number;
  /**
   * Injected network latency (benchmarks): every response waits this long (one round trip), and
   * the first response on a new connection once more (its TCP handshake). 0 by default.
   */
  readonly latencyMs?: number;
  /** The computer name in faults and the NTLM CHALLENGE. */
  readonly machineName?: string;
  readonly logger?: RemotingLogger;
  readonly now?: () => number;
}

export interface WinrmServer {
  /** Starts listening; resolves with the endpoint URL (`http://127.0.0.1:PORT/wsman`). */
  listen(port?: number, host?: string): Promise<{ readonly url: string }>;
  /** Closes every connection (long polls included) and forgets all shells. */
  close(): Promise<void>;
  stats(): WinrmServerStats;
}

export type { WinrmServerStats } from './stats.js';

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

function decodeSoap(body: Buffer): string {
  if (body[0] === 0xff && body[1] === 0xfe) return body.subarray(2).toString('utf16le');
  return body.toString('utf8').replace(/^\uFEFF/, '');
}

export function createWinrmServer(options: WinrmServerOptions): WinrmServer {
  const logger = options.logger ?? silentLogger;
  const now = options.now ?? Date.now;
  const machine = options.machineName ?? 'SIMULATOR';
  const secure = options.https !== undefined;
  const allowUnencrypted = options.allowUnencrypted ?? false;
  const idleTimeoutMs = options.shellIdleTimeoutMs ?? ServerDefaults.shellIdleTimeoutMs;
  const shells = createShellRegistry({
    maxShellsPerUser: options.maxShellsPerUser ?? ServerDefaults.maxShellsPerUser,
    maxConcurrentOperationsPerUser: options.maxConcurrentOperationsPerUser ?? ServerDefaults.maxConcurrentOperationsPerUser,
    idleTimeoutMs,
    now,
  });
  const service = createWinrsService({
    host: options.host,
    shells,
    idleTimeoutMs,
    operationTimeoutMaxMs: options.operationTimeoutMaxMs ?? ServerDefaults.operationTimeoutMaxMs,
    logger,
  });
  const gate = createAuthGate({ auth: options.auth, secure, allowUnencrypted, machineName: machine, logger });
  const stats: ServerStats = createServerStats(() => shells.open());
  const answered = new WeakSet<Socket>();
  let address = '';

  async function send(res: ServerResponse, status: number, headers: Readonly<Record<string, string | string[]>>, body?: Buffer) {
    const latency = options.latencyMs ?? 0;
    if (latency > 0) await sleep(answered.has(res.req.socket) ? latency : 2 * latency);
    answered.add(res.req.socket);
    if (res.destroyed) return;
    res.writeHead(status, { ...headers, 'Content-Length': String(body?.length ?? 0) }).end(body);
  }

  /** The SOAP answer to a plaintext request: 200 with the response, or 500 with a fault. */
  async function answer(soap: string, context: RequestContext): Promise<[number, string]> {
    let messageId: string | undefined;
    try {
      const request = parseRequest(soap);
      messageId = request.messageId;
      const reply = await service.handle(request, context);
      stats.operation(request.action ?? 'unknown');
      return [200, buildResponseEnvelope({ action: reply.action, relatesTo: messageId, body: reply.body })];
    } catch (error) {
      const fault = error instanceof WinrsFault ? error : new WinrsFault('providerFailure');
      if (!(error instanceof WinrsFault)) logger.error({ error: (error as Error).name }, 'the WinRM simulator failed to answer');
      stats.fault(fault.spec.wsmanCode);
      return [500, buildFaultEnvelope(fault, messageId ?? peekMessageId(soap), machine)];
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    stats.request();
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname.toLowerCase();
    if (pathname !== '/wsman') return send(res, 404, {});
    if (req.method !== 'POST') return send(res, 405, { Allow: 'POST' });
    const body = await readBody(req, ServerDefaults.maxRequestBytes);
    if (!body) return send(res, 413, { Connection: 'close' });
    const outcome = gate.authenticate(req);
    if (outcome.kind === 'challenge') return (stats.challenge(), send(res, 401, outcome.headers));
    const contentType = req.headers['content-type'] ?? '';
    const encrypted = /^multipart\/(x-multi-)?encrypted/i.test(contentType);
    const session: NtlmSession | undefined = encrypted ? outcome.session : undefined;
    if (encrypted && !session) return send(res, 400, {});
    if (body.length === 0) return send(res, 200, {});
    if (!encrypted && outcome.session && !secure && !allowUnencrypted) return (stats.challenge(), send(res, 401, gate.challenge().headers));
    let plaintext: Buffer;
    try {
      plaintext = session ? decryptWinrmBody(session, body, contentType) : body;
      if (session) stats.sealed();
    } catch (error) {
      if (!(error instanceof NtlmError)) throw error;
      logger.info({ code: error.code }, 'an encrypted request did not verify');
      return send(res, 400, {});
    }
    const aborted = new AbortController();
    res.on('close', () => aborted.abort());
    const context = { user: outcome.user, clientIp: req.socket.remoteAddress ?? '', address, signal: aborted.signal };
    const [status, soap] = await answer(decodeSoap(plaintext), context);
    const reply = session ? encryptWinrmBody(session, Buffer.from(soap, 'utf8')) : { body: Buffer.from(soap, 'utf8'), contentType: SoapContentType };
    return send(res, status, { 'Content-Type': reply.contentType }, reply.body);
  }

  const listener: http.RequestListener = (req, res) => {
    handle(req, res).catch((error: unknown) => {
      logger.error({ error: (error as Error).name }, 'the WinRM simulator failed a request');
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  };
  const server = options.https ? https.createServer({ key: options.https.key, cert: options.https.cert }, listener) : http.createServer(listener);
  server.keepAliveTimeout = ServerDefaults.keepAliveMs;
  server.on('connection', () => stats.connection());

  return {
    listen(port = 0, host = '127.0.0.1') {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const bound = (server.address() as AddressInfo).port;
          const hostPart = host.includes(':') ? `[${host}]` : host;
          address = `${secure ? 'https' : 'http'}://${hostPart}:${bound}/wsman`;
          logger.info({ url: address }, 'WinRM simulator listening');
          resolve({ url: address });
        });
      });
    },
    close() {
      shells.clear();
      return new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
    stats: () => stats.snapshot(),
  };
}
