/**
 * @module teams/http-endpoint: `POST /api/messages` on a plain node:http server. The body
 * must be a JSON activity (1 MiB at most); the adapter authenticates it and runs the turn;
 * an invoke's response is the HTTP body. Everything else is 404.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Activity, TurnContext } from 'botbuilder';
import type { Logger } from '../../src/core/logger.js';
import { UnauthenticatedRequestError, type TeamsCloudAdapter } from './bot-auth.js';
import { ServerFailedError } from './errors.js';

export const MESSAGES_PATH = '/api/messages';
const MAX_BODY = 1024 * 1024;

export interface MessagesEndpointOptions {
  adapter: TeamsCloudAdapter;
  logic(context: TurnContext): Promise<void>;
  logger: Logger;
}

export function createMessagesServer(o: MessagesEndpointOptions): Server {
  return createServer((req, res) => {
    handle(o, req, res).catch((error: unknown) => {
      o.logger.error({ err: error }, 'Teams endpoint failed');
      if (!res.headersSent) plain(res, 500, 'internal error');
    });
  });
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

async function handle(o: MessagesEndpointOptions, req: IncomingMessage, res: ServerResponse) {
  const path = (req.url ?? '').split('?')[0];
  if (path !== MESSAGES_PATH) return plain(res, 404, 'not found');
  if (req.method !== 'POST') return plain(res, 405, 'method not allowed');
  const raw = await readBody(req);
  if (raw === undefined) return plain(res, 413, 'request too large');
  let activity: Partial<Activity>;
  try {
    activity = JSON.parse(raw.toString('utf8')) as Partial<Activity>;
  } catch {
    return plain(res, 400, 'the body is not JSON');
  }
  if (typeof activity !== 'object' || activity === null || typeof activity.type !== 'string') return plain(res, 400, 'the body is not an activity');
  const authorization = req.headers.authorization ?? '';
  try {
    const answer = await o.adapter.handle(authorization, activity as Activity, o.logic);
    if (answer?.body === undefined) return plain(res, answer?.status ?? 200, '');
    res.statusCode = answer.status;
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.end(JSON.stringify(answer.body));
  } catch (error) {
    if (!(error instanceof UnauthenticatedRequestError)) throw error;
    o.logger.warn({ status: error.status }, 'Teams request refused: not authenticated');
    plain(res, error.status, error.status === 401 ? 'unauthorized' : 'cannot verify the request now');
  }
}

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function plain(res: ServerResponse, status: number, text: string) {
  res.statusCode = status;
  res.setHeader('content-type', 'text/plain; charset=utf-8');
  res.end(text);
}
