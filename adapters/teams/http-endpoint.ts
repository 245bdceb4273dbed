/**
 * @module teams/http-endpoint: `POST /api/messages` on a plain node:http server, bounded
 * before anyone has authenticated (endpoint-limits): a body over the limit is refused (413)
 * from its Content-Length or as soon as it is counted past it, slow or idle clients are cut
 * off by node:http's timeouts, open sockets and requests awaiting authentication are capped
 * (503). The body must be a JSON activity; the adapter authenticates it, admits it (channel,
 * tenant) and runs the turn; an invoke's response is the HTTP body. Everything else is 404.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Activity, TurnContext } from 'botbuilder';
import type { Logger } from '../../src/core/logger.js';
import { UnauthenticatedRequestError, type TeamsCloudAdapter } from './bot-auth.js';
import type { EndpointLimits } from './endpoint-limits.js';
import { RefusedActivityError, ServerFailedError } from './errors.js';

export const MESSAGES_PATH = '/api/messages';

export interface MessagesEndpointOptions {
  adapter: TeamsCloudAdapter;
  logic(context: TurnContext): Promise<void>;
  /** Throws RefusedActivityError for an authenticated activity the bot does not take. */
  admit(activity: Activity): void;
  limits: EndpointLimits;
  logger: Logger;
}

export function createMessagesServer(o: MessagesEndpointOptions): Server {
  const { limits } = o;
  const gate = { unauthenticated: 0 };
  const server = createServer(
    { headersTimeout: limits.headersTimeoutMs, requestTimeout: limits.requestTimeoutMs, connectionsCheckingInterval: limits.timeoutCheckIntervalMs },
    (req, res) => {
      handle(o, gate, req, res).catch((error: unknown) => {
        o.logger.error({ err: error }, 'Teams endpoint failed');
        if (!res.headersSent) plain(res, 500, 'internal error');
      });
    },
  );
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.maxConnections = limits.maxConnections;
  return server;
}

export async function listen(server: Server, port: number, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    const failed = (error: NodeJS.ErrnoException) => reject(new ServerFailedError(host, port, error.code));
    server.once('error', failed);
    server.listen(port, host, () => {
      server.off('error', failed);
      resolve();
    });
  });
  const address = server.address();
  return typeof address === 'object' && address ? address.port : port;
}

async function handle(o: MessagesEndpointOptions, gate: { unauthenticated: number }, req: IncomingMessage, res: ServerResponse) {
  const path = (req.url ?? '').split('?')[0];
  if (path !== MESSAGES_PATH) return plain(res, 404, 'not found');
  if (req.method !== 'POST') return plain(res, 405, 'method not allowed');
  if (gate.unauthenticated >= o.limits.maxUnauthenticated) {
    o.logger.warn({ limit: o.limits.maxUnauthenticated }, 'Teams request refused: too many requests awaiting authentication');
    res.setHeader('retry-after', '1');
    return refuse(req, res, 503, 'busy, try again');
  }
  gate.unauthenticated++;
  let pending = true;
  const authenticated = () => {
    if (pending) gate.unauthenticated--;
    pending = false;
  };
  res.once('close', authenticated);
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > o.limits.maxBodyBytes) return refuse(req, res, 413, 'request too large');
  const raw = await readBody(req, o.limits.maxBodyBytes);
  if (raw === 'aborted') return;
  if (raw === undefined) return refuse(req, res, 413, 'request too large');
  let activity: Partial<Activity>;
  try {
    activity = JSON.parse(raw.toString('utf8')) as Partial<Activity>;
  } catch {
    return plain(res, 400, 'the body is not JSON');
  }
  if (typeof activity !== 'object' || activity === null || typeof activity.type !== 'string') return plain(res, 400, 'the body is not an activity');
  const authorization = req.headers.authorization ?? '';
  try {
    const answer = await o.adapter.handle(authorization, activity as Activity, o.logic, (a) => {
      authenticated();
      o.admit(a);
    });
    if (answer?.body === undefined) return plain(res, answer?.status ?? 200, '');
    res.statusCode = answer.status;
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.end(JSON.stringify(answer.body));
  } catch (error) {
    if (error instanceof RefusedActivityError) {
      o.logger.warn({ reason: error.reason, seen: error.seen }, 'Teams activity refused');
      return plain(res, 403, 'activity refused');
    }
    if (!(error instanceof UnauthenticatedRequestError)) throw error;
    o.logger.warn({ status: error.status }, 'Teams request refused: not authenticated');
    plain(res, error.status, error.status === 401 ? 'unauthorized' : 'cannot verify the request now');
  }
}

/** The body, undefined once it is counted past `max` (nothing more is kept), 'aborted' if the client went away. */
function readBody(req: IncomingMessage, max: number): Promise<Buffer | undefined | 'aborted'> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= max) return void chunks.push(chunk);
      req.off('data', onData);
      req.pause();
      resolve(undefined);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', () => resolve('aborted'));
    req.on('close', () => resolve(req.complete ? Buffer.concat(chunks) : 'aborted'));
  });
}

/** Answers and closes the connection, leaving any unread body unread. */
function refuse(req: IncomingMessage, res: ServerResponse, status: number, text: string) {
  res.setHeader('connection', 'close');
  plain(res, status, text);
  res.once('finish', () => req.socket.destroySoon());
}

function plain(res: ServerResponse, status: number, text: string) {
  res.statusCode = status;
  res.setHeader('content-type', 'text/plain; charset=utf-8');
  res.end(text);
}
