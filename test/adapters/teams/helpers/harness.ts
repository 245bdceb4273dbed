/**
 * The real bot (buildRuntime, the command registry, the simulated cluster on a virtual
 * clock) with the real Teams adapter on 127.0.0.1; only the Bot Connector is a local
 * capture server. `send` posts an activity to /api/messages like the Bot Connector does.
 */
import { commands } from '../../../../commands/index.js';
import { createVirtualClock, type VirtualClock } from '../../../../src/cluster/virtual-clock.js';
import { parseConfig } from '../../../../src/config/load-config.js';
import { silentLogger } from '../../../../src/core/logger.js';
import { buildRuntime, buildTeamsAdapter, type Runtime } from '../../../../src/main.js';
import type { TeamsAdapter } from '../../../../adapters/teams/teams-adapter.js';
import { startCaptureServer, type CaptureServer } from './capture-server.js';
import { TENANT, alice, bob, carol, dave } from './activities.js';
import type { EndpointLimits } from '../../../../adapters/teams/endpoint-limits.js';

export interface Harness {
  clock: VirtualClock;
  capture: CaptureServer;
  teams: TeamsAdapter;
  runtime: Runtime;
  /** What happened, in order: `connector:POST:3`, `response:<activity id>`. */
  events: string[];
  send(activity: { id: string; [field: string]: unknown }, headers?: Record<string, string>): Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  stateFile?: string;
  directoryFile?: string;
  /** A connector stand-in that outlives this bot (restarts); not closed by close(). */
  capture?: CaptureServer;
  /** Builds the adapter itself instead of main.ts's buildTeamsAdapter (credentials tests). */
  adapter?: (clock: VirtualClock) => TeamsAdapter;
  /** teams.tenants (default: the one tenant the activities come from). */
  tenants?: string[];
  /** The users section (default: `users`). */
  users?: Record<string, unknown>[];
  /** Bounds of the endpoint (tests of the bounds make them small). */
  limits?: Partial<EndpointLimits>;
}

export const users = [
  { name: 'alice', teams: alice.aadObjectId, roles: { '*': 'operator' } },
  { name: 'bob', teams: bob.aadObjectId, roles: { '*': 'approver' } },
  { name: 'carol', teams: carol.aadObjectId, roles: { '*': 'approver' } },
  { name: 'dave', teams: dave.aadObjectId, roles: { '*': 'viewer' } },
];

export async function startHarness(o: HarnessOptions = {}): Promise<Harness> {
  const clock = createVirtualClock();
  const events: string[] = [];
  const capture = o.capture ?? (await startCaptureServer(() => clock.now(), events));
  const config = parseConfig(
    {
      // In-process: these tests are about Teams; the scripts over WinRM in real pwsh have suites of their own.
      clusters: [{ name: 'demo', kind: 'simulated', transport: 'direct' }],
      users: o.users ?? users,
      state: { file: o.stateFile ?? 'memory', auditFile: 'memory' },
      log: { level: 'silent' },
      teams: { port: 0, withoutCredentials: true, tenants: o.tenants ?? [TENANT], ...(o.directoryFile ? { directoryFile: o.directoryFile } : {}) },
    },
    'test config',
  );
  const teams = o.adapter ? o.adapter(clock) : buildTeamsAdapter(config, clock, silentLogger, {}, undefined, o.limits)!;
  const runtime = await buildRuntime({ config, clock, adapters: [teams], specs: commands, logger: silentLogger });
  await runtime.bot.start();
  const send = async (activity: { id: string; [field: string]: unknown }, headers: Record<string, string> = {}) => {
    const response = await fetch(`http://127.0.0.1:${teams.port()}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(activity),
    });
    const text = await response.text();
    events.push(`response:${activity.id}`);
    return { status: response.status, body: text && response.headers.get('content-type')?.includes('json') ? (JSON.parse(text) as unknown) : text };
  };
  return {
    clock,
    capture,
    teams,
    runtime,
    events,
    send,
    async close() {
      await runtime.stop();
      if (!o.capture) await capture.close();
    },
  };
}

/** Polls until `check` holds (the bot works in the background after the turn). */
export async function waitFor(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** The Adaptive Card carried by a captured activity. */
export function cardOf(body: Record<string, unknown>): Record<string, unknown> & { body: Record<string, unknown>[] } {
  const attachments = body.attachments as { contentType: string; content: Record<string, unknown> & { body: Record<string, unknown>[] } }[] | undefined;
  const card = attachments?.[0];
  if (!card || card.contentType !== 'application/vnd.microsoft.card.adaptive') throw new Error('not an Adaptive Card activity');
  return card.content;
}

/** Every TextBlock's text in a card, for assertions on what people read. */
export function cardText(card: { body: unknown[] }): string {
  return JSON.stringify(card.body);
}
