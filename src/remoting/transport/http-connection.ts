/**
 * @module transport/http-connection: one keep-alive HTTP(S) connection (an agent with ONE
 * socket) to a WinRM endpoint. A request is opened first and handed its socket before anything
 * is written, so connection-bound authentication (NTLM) can see whether the socket changed.
 */
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import { AbortedError, ConnectionError, RemotingError, ResponseLimitError, TimeoutError, type ConnectionFailure } from '../errors.js';
import type { RemotingLogger } from './logger.js';
import { classifyTlsError, createHttpsAgent, type TlsOptions } from './tls.js';
import type { SendOptions } from './types.js';

export interface HttpResponse {
  readonly status: number;
  /** Header values by lower-case name, repeated headers kept apart (`WWW-Authenticate`). */
  readonly headers: Readonly<Record<string, readonly string[]>>;
  readonly body: Buffer;
}

export interface PendingRequest {
  /** The socket this request will be written to: the identity NTLM binds to. */
  readonly socket: Socket;
  readonly reusedSocket: boolean;
  send(headers: Readonly<Record<string, string>>, body: Buffer): Promise<HttpResponse>;
  /** Gives up on a request that was not sent (destroys its socket). */
  abandon(): void;
}

export interface HttpConnection {
  readonly url: URL;
  open(options: SendOptions): Promise<PendingRequest>;
  close(): void;
}

export interface HttpConnectionOptions {
  readonly url: URL;
  readonly tls?: TlsOptions;
  readonly logger: RemotingLogger;
  /** Largest response body accepted; WinRM's answers are bounded by MaxEnvelopeSize. */
  readonly maxResponseBytes?: number;
}

const connectionFailures: Readonly<Record<string, ConnectionFailure>> = {
  ECONNREFUSED: 'refused',
  ECONNRESET: 'reset',
  EPIPE: 'reset',
  ECONNABORTED: 'reset',
  ENOTFOUND: 'dns',
  EAI_AGAIN: 'dns',
  EHOSTUNREACH: 'unreachable',
  ENETUNREACH: 'unreachable',
  ETIMEDOUT: 'unreachable',
};

/** Errors raised on a kept-alive socket the server had already closed: safe to retry once. */
const staleSocketErrors = new WeakSet<Error>();
export function isStaleSocketError(error: unknown): boolean {
  return error instanceof Error && staleSocketErrors.has(error);
}

function classify(error: unknown, url: URL): Error {
  if (error instanceof RemotingError) return error;
  const tlsError = classifyTlsError(error, url.hostname);
  if (tlsError) return tlsError;
  const code = (error as { code?: unknown } | null)?.code;
  const systemCode = typeof code === 'string' ? code : 'UNKNOWN';
  const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
  return new ConnectionError(connectionFailures[systemCode] ?? 'other', url.hostname, port, systemCode);
}

function readResponse(response: IncomingMessage, limit: number): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    response.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) return response.destroy(new ResponseLimitError('response-bytes', limit));
      chunks.push(chunk);
    });
    response.on('error', reject);
    response.on('end', () => {
      const headers: Record<string, readonly string[]> = {};
      for (const [name, values] of Object.entries(response.headersDistinct)) if (values) headers[name] = values;
      resolve({ status: response.statusCode ?? 0, headers, body: Buffer.concat(chunks) });
    });
  });
}

/** Timeout and abort for one request; returns the cleanup. */
function guard(req: http.ClientRequest, options: SendOptions, url: URL): () => void {
  const timer = setTimeout(() => req.destroy(new TimeoutError('http-read', options.timeoutMs, url.href)), options.timeoutMs);
  const onAbort = () => req.destroy(new AbortedError());
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) onAbort();
  return () => {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  };
}

/** Resolves once the agent hands `req` a socket; errors go to `open` before that, to `send` after. */
function pending(req: http.ClientRequest, url: URL, limit: number, cleanup: () => void): Promise<PendingRequest> {
  return new Promise((resolveOpen, rejectOpen) => {
    let failure: Error | undefined;
    let rejectSend: ((error: Error) => void) | undefined;
    req.on('error', (raw) => {
      cleanup();
      failure = classify(raw, url);
      if (req.reusedSocket && failure instanceof ConnectionError && failure.failure === 'reset') staleSocketErrors.add(failure);
      (rejectSend ?? rejectOpen)(failure);
    });
    req.once('socket', (socket: Socket) =>
      resolveOpen({
        socket,
        reusedSocket: req.reusedSocket,
        send: (headers, body) =>
          new Promise<HttpResponse>((resolve, reject) => {
            if (failure) return reject(failure);
            rejectSend = reject;
            for (const [name, value] of Object.entries(headers)) req.setHeader(name, value);
            req.setHeader('Content-Length', String(body.length));
            req.once('response', (response) =>
              readResponse(response, limit).then(
                (r) => (cleanup(), resolve(r)),
                (e: unknown) => (cleanup(), reject(classify(e, url))),
              ),
            );
            req.end(body);
          }),
        abandon: () => {
          cleanup();
          req.destroy();
        },
      }),
    );
  });
}

export function createHttpConnection(options: HttpConnectionOptions): HttpConnection {
  const { url, logger } = options;
  const secure = url.protocol === 'https:';
  const agent: http.Agent | https.Agent = secure
    ? createHttpsAgent(url.hostname, options.tls ?? {}, logger)
    : new http.Agent({ keepAlive: true, maxSockets: 1, maxFreeSockets: 1, noDelay: true } as http.AgentOptions);
  const limit = options.maxResponseBytes ?? 32 * 1024 * 1024;
  const request = secure ? https.request : http.request;

  function open(sendOptions: SendOptions): Promise<PendingRequest> {
    const req = request({
      protocol: url.protocol,
      hostname: url.hostname,
      port: url.port,
      path: `${url.pathname}${url.search}`,
      method: 'POST',
      agent,
    });
    return pending(req, url, limit, guard(req, sendOptions, url));
  }

  return {
    url,
    open,
    close: () => agent.destroy(),
  };
}
