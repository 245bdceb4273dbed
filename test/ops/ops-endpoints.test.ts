/** /healthz and /metrics on the real runtime, over real HTTP. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commands } from '../../commands/index.js';
import { createSystemClock } from '../../src/cluster/clock.js';
import { parseConfig } from '../../src/config/load-config.js';
import { silentLogger } from '../../src/core/logger.js';
import { buildRuntime, type Runtime } from '../../src/main.js';
import { closedPort } from '../remoting/wsman/helpers/loopback.js';
import { createRecordingChat } from '../support/recording-chat.js';

let dir: string;
let runtime: Runtime | undefined;
beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'hyperv-chatops-ops-'))));
afterEach(async () => {
  await runtime?.stop();
  runtime = undefined;
  await rm(dir, { recursive: true, force: true });
});

async function start(clusters: object[], env: Record<string, string> = {}) {
  Object.assign(process.env, env);
  const config = parseConfig(
    {
      clusters,
      users: [{ name: 'alice', console: 'alice', roles: { '*': 'operator' } }],
      state: { file: join(dir, 'state.json'), auditFile: join(dir, 'audit.jsonl') },
      ops: { port: 0 },
    },
    'test',
  );
  const chat = createRecordingChat({ now: () => Date.now() });
  runtime = await buildRuntime({ config, clock: createSystemClock(), adapters: [chat.adapter('console')], specs: commands, logger: silentLogger });
  await runtime.bot.start();
  return { runtime, chat };
}

test('healthz says ok when the state folder is writable and every cluster answers; metrics count commands', async () => {
  const { runtime: r, chat } = await start([{ name: 'demo', kind: 'simulated' }]);
  const health = await fetch(`${r.opsUrl}/healthz`);
  expect(health.status).toBe(200);
  expect(await health.json()).toEqual({ status: 'ok', checks: { state: 'ok', 'cluster:demo': 'ok' }, ageSeconds: 0 });
  await chat.deliver({ kind: 'command', actor: { platform: 'console', id: 'alice', name: 'alice' }, where: { platform: 'console', conversation: 't' }, text: 'nodes' });
  await chat.deliver({ kind: 'command', actor: { platform: 'console', id: 'mallory', name: 'mallory' }, where: { platform: 'console', conversation: 't' }, text: 'nodes' });
  const metrics = await (await fetch(`${r.opsUrl}/metrics`)).text();
  expect(metrics).toMatch(/hyperv_chatops_commands_total\{kind="command",outcome="accepted"\} 1/);
  expect(metrics).toMatch(/hyperv_chatops_commands_total\{kind="command",outcome="refused"\} 1/);
  expect(metrics).toMatch(/hyperv_chatops_winrm_command_seconds_count\{cluster="demo",outcome="ok",transport="psrp"\} [1-9]/);
  expect(metrics).toMatch(/hyperv_chatops_chat_api_calls_total\{platform="console",method="post",outcome="ok"\} 2/);
});

test('healthz is 503 and names the cluster that does not answer', async () => {
  const endpoint = `http://127.0.0.1:${await closedPort()}/wsman`;
  const { runtime: r } = await start([{ name: 'prod', kind: 'remote', endpoint, username: 'ops', passwordEnv: 'OPS_TEST_PASSWORD' }], { OPS_TEST_PASSWORD: 'x' });
  const health = await fetch(`${r.opsUrl}/healthz`);
  expect(health.status).toBe(503);
  const body = (await health.json()) as { status: string; checks: Record<string, string> };
  expect(body.status).toBe('failing');
  expect(body.checks.state).toBe('ok');
  expect(body.checks['cluster:prod']).toMatch(/^failing/);
  expect(JSON.stringify(body)).not.toContain('OPS_TEST_PASSWORD');
});

test('anything else is 404', async () => {
  const { runtime: r } = await start([{ name: 'demo', kind: 'simulated', transport: 'direct' }]);
  expect((await fetch(`${r.opsUrl}/`)).status).toBe(404);
});
