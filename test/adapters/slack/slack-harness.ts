/**
 * @module slack-harness: the real bot (buildRuntime: config, simulated cluster, core,
 * commands) with the real Slack adapter built as main.ts builds it, listening on
 * 127.0.0.1; only Slack's side is stood in for: signed deliveries in, a fake Web API out.
 */
import type { Logger } from '../../../src/core/logger.js';
import { createVirtualClock, type VirtualClock } from '../../../src/cluster/virtual-clock.js';
import { parseConfig } from '../../../src/config/load-config.js';
import { buildRuntime, buildSlackAdapter, type Runtime } from '../../../src/main.js';
import { createPrometheusMetrics } from '../../../src/ops/prometheus.js';
import { commands } from '../../../commands/index.js';
import type { SlackAdapter } from '../../../adapters/slack/slack-adapter.js';
import type { SlackHttpLimits } from '../../../adapters/slack/limits.js';
import { createFakeSlackApi, type FakeSlackApi, type FakeSlackApiOptions } from './fake-slack-api.js';
import { blockAction, deliver, slashCommand, type Delivery, type SendOptions } from './signed-request.js';

export const SIGNING_SECRET = 'test-signing-secret-8f2c';
export const BOT_TOKEN = 'xoxb-test-bot-token-5d1e';
export const U = { alice: 'UALICE01', bob: 'UBOB0001', carol: 'UCAROL01', dave: 'UDAVE001', stranger: 'USTRANGE' } as const;
export const OPS = 'COPS0001';
export const OTHER = 'COTHER01';

export interface HarnessOptions {
  /** Bind the demo cluster to #ops only. */
  bind?: boolean;
  api?: FakeSlackApiOptions;
  clusters?: unknown[];
  clock?: VirtualClock;
  /** Replaces the people listed in the config (e.g. [] for a config of group rules only). */
  users?: unknown[];
  /** More top-level config sections (access, directory). */
  extraConfig?: Record<string, unknown>;
  /** Environment for secrets the extra config names. */
  env?: NodeJS.ProcessEnv;
  /** Bounds of the HTTP receiver (tests of the bounds make them small). */
  httpLimits?: Partial<SlackHttpLimits>;
  /** The slack.http section (default: port 0 on 127.0.0.1). */
  http?: Record<string, unknown>;
}

export interface SlackHarness {
  api: FakeSlackApi;
  runtime: Runtime;
  adapter: SlackAdapter;
  clock: VirtualClock;
  url: string;
  /** Every log line, as JSON, to check that no secret is ever written. */
  logs: string[];
  send(d: Delivery, o?: Partial<SendOptions>): Promise<{ status: number; text: string }>;
  command(text: string, userId: string, channelId?: string): Promise<{ status: number; text: string }>;
  click(action: 'approve' | 'deny' | 'cancel', requestId: number, userId: string, messageTs: string, actionTs?: string): Promise<{ status: number; text: string }>;
  /** Waits until events, jobs and sends have all come to rest. */
  quiesce(): Promise<void>;
  close(): Promise<void>;
}

export async function startHarness(o: HarnessOptions = {}): Promise<SlackHarness> {
  const clock = o.clock ?? createVirtualClock();
  const api = await createFakeSlackApi({ now: () => clock.now(), ...o.api });
  const logs: string[] = [];
  const logger = recordingLogger(logs, {});
  const config = parseConfig(
    {
      // In-process: these tests are about Slack; the scripts over WinRM in real pwsh have suites of their own.
      clusters: o.clusters ?? [{ name: 'demo', kind: 'simulated', transport: 'direct', ...(o.bind ? { conversations: [{ platform: 'slack', conversation: OPS }] } : {}) }],
      users: o.users ?? [
        { name: 'alice', slack: U.alice, roles: { '*': 'operator' } },
        { name: 'bob', slack: U.bob, roles: { '*': 'approver' } },
        { name: 'carol', slack: U.carol, roles: { '*': 'approver' } },
        { name: 'dave', slack: U.dave, roles: { '*': 'viewer' } },
      ],
      ...o.extraConfig,
      state: { file: 'memory', auditFile: 'memory' },
      log: { level: 'silent' },
      slack: { apiUrl: api.url, http: o.http ?? { port: 0, host: '127.0.0.1' } },
    },
    'slack-harness',
  );
  const metrics = createPrometheusMetrics();
  const adapter = buildSlackAdapter(config, clock, logger, { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET }, (ms) =>
    metrics.chatRateLimitWait('slack', ms),
    o.httpLimits,
  );
  if (!adapter) throw new Error('the harness config has a slack section');
  let runtime: Runtime;
  try {
    runtime = await buildRuntime({ config, clock, adapters: [adapter], specs: commands, logger, metrics, env: o.env });
    await runtime.bot.start();
  } catch (error) {
    // Leave nothing listening, or jest waits for the open handles forever.
    await adapter.stop();
    await api.close();
    throw error;
  }
  const url = `http://127.0.0.1:${adapter.port()}/slack/events`;
  const send = (d: Delivery, s: Partial<SendOptions> = {}) => deliver(url, d, { secret: SIGNING_SECRET, ...s });
  return {
    api,
    runtime,
    adapter,
    clock,
    url,
    logs,
    send,
    command: (text, userId, channelId = OPS) => send(slashCommand({ text, userId, channelId, responseUrl: api.responseUrl })),
    click: (action, requestId, userId, messageTs, actionTs) =>
      send(blockAction({ userId, channelId: OPS, messageTs, actionId: `hyperv:${action}:${requestId}`, value: String(requestId), actionTs })),
    async quiesce() {
      for (let seen = -1; seen !== api.calls.length; ) {
        seen = api.calls.length;
        await adapter.settled();
        await runtime.bot.idle();
        await adapter.settled();
      }
    },
    async close() {
      await runtime.stop();
      await api.close();
    },
  };
}

function recordingLogger(lines: string[], bindings: Record<string, unknown>): Logger {
  const log = (level: string) => (a: unknown, b?: unknown) => {
    lines.push(JSON.stringify({ level, ...bindings, a: a instanceof Error ? { name: a.name, message: a.message } : a, b }, errorsAsText));
  };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error'), child: (more) => recordingLogger(lines, { ...bindings, ...more }) };
}

function errorsAsText(_key: string, value: unknown): unknown {
  return value instanceof Error ? { name: value.name, message: value.message, stack: value.stack } : value;
}
