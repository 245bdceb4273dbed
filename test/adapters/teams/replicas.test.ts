/**
 * Teams with two replicas on one PostgreSQL database, as main.ts builds them: the Teams directory
 * is the database's. The request and the click reach one replica; the other, holding the
 * cluster's lease, runs the job and, though it never heard from that conversation, updates the
 * card, posts the progress and announces the outcome in its thread; the click is answered with
 * the card the holder redrew. A card refresh on the holder shows the approver the buttons of a
 * card the other one posted.
 */
import { commands } from '../../../commands/index.js';
import { createVirtualClock } from '../../../src/cluster/virtual-clock.js';
import { openState } from '../../../src/composition/state.js';
import { parseConfig } from '../../../src/config/load-config.js';
import { silentLogger } from '../../../src/core/logger.js';
import { buildRuntime, buildTeamsAdapter, type Runtime } from '../../../src/main.js';
import { createPrometheusMetrics } from '../../../src/ops/prometheus.js';
import type { TeamsAdapter } from '../../../adapters/teams/teams-adapter.js';
import { testPostgres } from '../../support/postgres.js';
import { TENANT, alice, bob, carol, dave, CHANNEL, cardInvoke, channelMention, membersAdded } from './helpers/activities.js';
import { startCaptureServer, type CaptureServer } from './helpers/capture-server.js';
import { cardOf, cardText, users } from './helpers/harness.js';

const URL_ENV = 'TEAMS_REPLICAS_PG_URL';

interface Replica {
  teams: TeamsAdapter;
  runtime: Runtime;
  send(activity: { id: string }): Promise<{ status: number; body: unknown }>;
}

async function replica(url: string): Promise<Replica> {
  const config = parseConfig(
    {
      clusters: [{ name: 'demo', kind: 'simulated', transport: 'direct' }],
      users,
      state: { file: 'memory', auditFile: 'memory', postgres: { urlEnv: URL_ENV, leaseSeconds: 2 } },
      log: { level: 'silent' },
      teams: { port: 0, withoutCredentials: true, tenants: [TENANT] },
    },
    'test config',
  );
  const clock = createVirtualClock();
  const metrics = createPrometheusMetrics();
  // As main.ts: the state first, then the adapter with the state's directory.
  const state = await openState(config, { clock, logger: silentLogger, metrics, env: { [URL_ENV]: url } });
  const teams = buildTeamsAdapter(config, clock, silentLogger, {}, undefined, undefined, state.conversationDirectory?.('teams'))!;
  const runtime = await buildRuntime({ config, clock, adapters: [teams], specs: commands, logger: silentLogger, metrics, state });
  await runtime.start();
  return {
    teams,
    runtime,
    async send(activity) {
      const response = await fetch(`http://127.0.0.1:${teams.port()}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
      const text = await response.text();
      return { status: response.status, body: text && response.headers.get('content-type')?.includes('json') ? (JSON.parse(text) as unknown) : text };
    },
  };
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const jobsRun = async (r: Replica) => /_count\{command="migrate",outcome="succeeded"\} (\d+)/.exec(await r.runtime.metrics.registry.getSingleMetricAsString('hyperv_chatops_job_duration_seconds'))?.[1] ?? '0';

let capture: CaptureServer;
const started: Replica[] = [];
afterEach(async () => {
  for (const r of started.splice(0)) await r.runtime.stop();
  await capture?.close();
});

test('the replica holding the lease updates the card and announces the outcome in a conversation only the other one heard from', async () => {
  capture = await startCaptureServer(() => Date.now());
  const server = await testPostgres();
  const url = server.url(await server.freshDatabase());
  const holder = await replica(url); // started first: takes the cluster's lease
  started.push(holder);
  const front = await replica(url);
  started.push(front);

  expect((await front.send(membersAdded(capture.url, [alice, bob, carol, dave]))).status).toBe(200);
  const post = channelMention(capture.url, alice, 'migrate vm42 to node2');
  expect((await front.send(post)).status).toBe(200);
  await until(() => capture.delivered().length >= 1, 'the approval card');
  const cardId = capture.delivered()[0]!.newId!;

  // The holder never saw this conversation; the card it did not post still refreshes with bob's buttons.
  const refreshed = await holder.send(cardInvoke(capture.url, bob, post.id, cardId, 'refresh', { requestId: 1 }, 'automatic'));
  expect((refreshed.body as { value: { actions: { verb: string }[] } }).value.actions.map((a) => a.verb)).toEqual(['approve', 'deny']);

  // The click's answer is the card as the holder redrew it when the job started (read from the shared directory).
  const answered = await front.send(cardInvoke(capture.url, bob, post.id, cardId, 'approve', { requestId: 1 }));
  const answer = answered.body as { type: string; value: { body: unknown[]; actions?: unknown } };
  expect(answer.type).toBe('application/vnd.microsoft.card.adaptive');
  expect(JSON.stringify(answer.value.body)).toMatch(/Approved by @bob/);
  expect(answer.value.actions).toBeUndefined();
  const thread = `${CHANNEL};messageid=${post.id}`;
  const completions = () => capture.delivered().filter((r) => r.method === 'POST' && r.conversationId === thread && cardText(cardOf(r.body)).includes('vm42 is running on node2'));
  await until(() => completions().length === 1, 'the completion notice');
  await holder.runtime.bot.idle();
  await holder.teams.settled();

  expect(await Promise.all([holder, front].map(jobsRun))).toEqual(['1', '0']);
  expect(completions()).toHaveLength(1);
  const cardUpdates = capture.delivered().filter((r) => r.method === 'PUT' && r.activityId === cardId);
  expect(cardText(cardOf(cardUpdates.at(-1)!.body))).toMatch(/Approved by @bob · done/);
  const progress = capture.delivered().filter((r) => r.method === 'POST' && r.conversationId === thread && /▓|░/.test(cardText(cardOf(r.body))));
  expect(progress).toHaveLength(1);
});
