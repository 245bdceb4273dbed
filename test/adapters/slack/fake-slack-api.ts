/**
 * @module fake-slack-api: a small Slack Web API on 127.0.0.1 for tests and the benchmark.
 * It records every call (method, decoded arguments, token, the clock's time), answers like
 * Slack (`ok`, `ts`, `channel`), can fail the next call of a method (429 with Retry-After,
 * or `ok: false`), and can enforce Slack's documented rates, answering 429 when exceeded.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  method: string;
  args: Record<string, unknown>;
  token: string | undefined;
  at: number;
  status: number;
  /** The ts this call answered with (posts) or addressed (updates). */
  ts?: string;
}

export type Fault = { status: 429; retryAfterSeconds: number } | { error: string };

export interface EnforcedRates {
  postsPerSecondPerChannel: number;
  updatesPerMinute: number;
  ephemeralsPerMinute: number;
}

export interface FakeSlackApiOptions {
  now?: () => number;
  enforce?: EnforcedRates;
  botUserId?: string;
  /** users.info answers: e-mail per user id (users not listed: user_not_found). */
  people?: Record<string, { email?: string; deleted?: boolean }>;
  /** usergroups.list answers (with include_users). */
  usergroups?: { id: string; handle: string; users: string[] }[];
  /** apps.connections.open answers with this Socket Mode URL for the app token it was called with. */
  socketModeUrl?: (appToken: string) => string;
}

export interface FakeSlackApi {
  /** The base URL to configure as `slack.apiUrl`. */
  url: string;
  /** A response_url served here (recorded as method `response_url`). */
  responseUrl: string;
  calls: RecordedCall[];
  /** Successful calls of one method. */
  ok(method: string): RecordedCall[];
  failNext(method: string, fault: Fault): void;
  rateLimited(): number;
  close(): Promise<void>;
}

export const BOT_USER_ID = 'UBOT0001';

export async function createFakeSlackApi(o: FakeSlackApiOptions = {}): Promise<FakeSlackApi> {
  const now = o.now ?? Date.now;
  const calls: RecordedCall[] = [];
  const faults = new Map<string, Fault[]>();
  let seq = 0;
  let limited = 0;
  const nextTs = () => `${Math.floor(now() / 1000)}.${String(++seq).padStart(6, '0')}`;

  const overRate = (method: string, args: Record<string, unknown>, at: number): boolean => {
    const rates = o.enforce;
    if (!rates) return false;
    const recent = (m: string, windowMs: number, channel?: unknown) =>
      calls.filter((c) => c.method === m && c.status === 200 && c.at > at - windowMs && (channel === undefined || c.args.channel === channel)).length;
    if (method === 'chat.postMessage') return recent(method, 1000, args.channel) >= rates.postsPerSecondPerChannel;
    if (method === 'chat.update') return recent(method, 60_000) >= rates.updatesPerMinute;
    if (method === 'chat.postEphemeral') return recent(method, 60_000) >= rates.ephemeralsPerMinute;
    return false;
  };

  const answer = (method: string, args: Record<string, unknown>, token: string | undefined): { body: Record<string, unknown>; ts?: string } => {
    switch (method) {
      case 'apps.connections.open':
        return o.socketModeUrl && token ? { body: { ok: true, url: o.socketModeUrl(token) } } : { body: { ok: false, error: 'not_allowed_token_type' } };
      case 'auth.test':
        return { body: { ok: true, url: 'https://example.slack.com/', team: 'Example', team_id: 'T0001', user: 'hyperv', user_id: o.botUserId ?? BOT_USER_ID, bot_id: 'B0001' } };
      case 'chat.postMessage': {
        const ts = nextTs();
        return { body: { ok: true, channel: args.channel, ts, message: { ts, text: args.text } }, ts };
      }
      case 'chat.postEphemeral': {
        const ts = nextTs();
        return { body: { ok: true, message_ts: ts }, ts };
      }
      case 'response_url':
        return { body: { ok: true } };
      case 'users.info': {
        const person = o.people?.[String(args.user)];
        if (!person) return { body: { ok: false, error: 'user_not_found' } };
        return { body: { ok: true, user: { id: args.user, deleted: person.deleted ?? false, is_bot: false, profile: { ...(person.email ? { email: person.email } : {}) } } } };
      }
      case 'usergroups.list':
        return { body: { ok: true, usergroups: (o.usergroups ?? []).map((g) => ({ ...g, name: g.handle, date_delete: 0 })) } };
      case 'chat.update':
        return { body: { ok: true, channel: args.channel, ts: args.ts, text: args.text }, ts: String(args.ts) };
      default:
        return { body: { ok: false, error: 'unknown_method' } };
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    // Anything outside /api/ stands for a slash command's response_url.
    const method = path.startsWith('/api/') ? path.slice('/api/'.length) : 'response_url';
    const raw = await readBody(req);
    const args = req.headers['content-type']?.startsWith('application/json') ? (JSON.parse(raw) as Record<string, unknown>) : decode(raw);
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const at = now();
    const fault = faults.get(method)?.shift();
    if ((fault && 'status' in fault) || overRate(method, args, at)) {
      limited++;
      calls.push({ method, args, token, at, status: 429 });
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(fault && 'status' in fault ? fault.retryAfterSeconds : 1) });
      return res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
    }
    const { body, ts } = fault ? { body: { ok: false, error: fault.error }, ts: undefined } : answer(method, args, token);
    calls.push({ method, args, token, at, status: 200, ...(ts ? { ts } : {}) });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };

  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/`,
    responseUrl: `http://127.0.0.1:${port}/commands/T0001/1/x`,
    calls,
    ok: (method) => calls.filter((c) => c.method === method && c.status === 200),
    failNext(method, fault) {
      faults.set(method, [...(faults.get(method) ?? []), fault]);
    },
    rateLimited: () => limited,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** @slack/web-api posts form fields; objects (blocks) travel as JSON strings. */
function decode(body: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(body)) out[key] = key === 'blocks' || key === 'attachments' ? JSON.parse(value) : value;
  return out;
}
