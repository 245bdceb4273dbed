/**
 * A stand-in for the Bot Connector service at the activities' serviceUrl: records every
 * POST and PUT on v3/conversations/{id}/activities[/{id}], answers with new activity ids,
 * and fails the next requests on demand (429 with Retry-After, 412, 502, …).
 */
import { createServer, type Server } from 'node:http';

export interface Captured {
  seq: number;
  method: string;
  conversationId: string;
  /** The activity replied to (POST) or updated (PUT). */
  activityId?: string;
  body: Record<string, unknown>;
  status: number;
  /** The id the connector gave a new activity (successful POSTs). */
  newId?: string;
  /** Time on the bot's clock when the request arrived. */
  at: number;
}

export interface Failure {
  status: number;
  headers?: Record<string, string>;
  /** Only requests with this method fail (default: any). */
  method?: string;
}

export interface CaptureServer {
  url: string;
  requests: Captured[];
  /** Successful sends and updates only. */
  delivered(): Captured[];
  failNext(...failures: Failure[]): void;
  close(): Promise<void>;
}

const ROUTE = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/;

export async function startCaptureServer(now: () => number, events: string[] = []): Promise<CaptureServer> {
  const requests: Captured[] = [];
  const failures: Failure[] = [];
  let nextId = 1;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const match = ROUTE.exec(req.url ?? '');
      if (!match || (req.method !== 'POST' && req.method !== 'PUT')) {
        res.writeHead(404).end();
        return;
      }
      const index = failures.findIndex((f) => !f.method || f.method === req.method);
      const failure = index >= 0 ? failures.splice(index, 1)[0] : undefined;
      const status = failure?.status ?? (req.method === 'POST' ? 201 : 200);
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
      const seq = requests.length + 1;
      const id = failure ? undefined : req.method === 'POST' ? `act-${nextId++}` : decodeURIComponent(match[2] ?? '');
      requests.push({
        seq,
        method: req.method,
        conversationId: decodeURIComponent(match[1]!),
        ...(match[2] ? { activityId: decodeURIComponent(match[2]) } : {}),
        body,
        status,
        ...(id && req.method === 'POST' ? { newId: id } : {}),
        at: now(),
      });
      events.push(`connector:${req.method}:${seq}`);
      if (failure) {
        res.writeHead(failure.status, { 'content-type': 'application/json', ...failure.headers }).end(JSON.stringify({ error: { code: 'Throttled', message: 'slow down' } }));
        return;
      }
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ id }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    delivered: () => requests.filter((r) => r.status < 300),
    failNext: (...f) => void failures.push(...f),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
