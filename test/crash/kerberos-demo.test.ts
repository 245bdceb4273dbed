/**
 * The demo's flow over Kerberos, as processes: the WinRM simulator (`simulator --keytab`, a
 * listener per node holding the nodes' `HTTP/` keys) and the bot (`src/main.ts`) configured for
 * a remote cluster with `auth: "kerberos"`, a ticket from a real MIT KDC on loopback. A migration
 * is requested, approved, run on the VM's node and followed on the others through the bot's own
 * session to each node (no second hop), and announced once; `check` says Kerberos at every node.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import { startKdc, USER, USER_PASSWORD, type TestKdc } from '../support/kdc.js';
import { exitsCleanly, killLeftovers, runCli, startBot, startSimulator, type SimulatorEndpoints } from './processes.js';

jest.setTimeout(300_000);

const NODES = ['node1', 'node2', 'node3'];
let kdc: TestKdc;
let dir: string;
let at: SimulatorEndpoints;

beforeAll(async () => {
  kdc = await startKdc();
  dir = await mkdtemp(join(tmpdir(), 'hyperv-chatops-krb-demo-'));
  // One keytab with every node's key, as a lab might export them; each listener accepts any of them.
  const keytab = join(dir, 'nodes.keytab');
  for (const node of NODES) {
    kdc.kadmin(`addprinc -randkey HTTP/${node}.hyperv.test`);
    kdc.kadmin(`ktadd -k ${keytab} HTTP/${node}.hyperv.test`);
  }
  const started = await startSimulator(['--keytab', keytab]);
  at = started;
}, 120_000);

afterAll(async () => {
  await killLeftovers();
  await kdc?.stop();
  await rm(dir, { recursive: true, force: true });
});

async function kerberosConfig(): Promise<string> {
  const file = join(dir, 'config.json');
  const nodes = Object.fromEntries(Object.entries(at.nodes).map(([node, { endpoint }]) => [node, { endpoint, spn: `HTTP/${node}.hyperv.test` }]));
  await writeFile(file, JSON.stringify({
    clusters: [{
      name: 'prod', kind: 'remote', endpoint: at.endpoint, nodes, transport: 'psrp',
      auth: 'kerberos', username: USER, passwordEnv: 'KRB_DEMO_PASSWORD', kerberos: { spn: 'HTTP/node1.hyperv.test' },
      approvals: { change: 1, disruptive: 2 },
    }],
    users: [{ name: 'alice', console: 'alice', roles: { '*': 'operator' } }, { name: 'bob', console: 'bob', roles: { '*': 'approver' } }],
    console: { user: 'alice', allowAs: true },
    progress: { updateIntervalSeconds: 1, pollSeconds: 0.5 },
    state: { file: join(dir, 'state.json'), auditFile: join(dir, 'audit.jsonl') },
    log: { level: 'info', file: join(dir, 'bot.log') },
  }));
  return file;
}

test('a migration asked for, approved, run and announced over Kerberos to each node, and check says Kerberos at every node', async () => {
  const config = await kerberosConfig();
  const env = { ...kdc.env, KRB_DEMO_PASSWORD: USER_PASSWORD } as Record<string, string>;
  const bot = startBot(config, env);
  bot.say('migrate vm42 to node3');
  bot.say('as bob: approve 1');
  bot.say('vms on node3');
  bot.end();
  await exitsCleanly(bot);
  const said = bot.output();
  expect(said.match(/✅ #1 vm42 is running on node3/g)).toHaveLength(1);
  expect(said).toMatch(/vm42 +node3 +Running/);
  expect(said).not.toContain(USER_PASSWORD);

  const cli = runCli(['check'], { ...env, HYPERV_CHATOPS_CONFIG: config });
  await exitsCleanly(cli);
  for (const node of NODES) expect(cli.output()).toContain(`✓ ${node} at ${at.nodes[node]?.endpoint}: Kerberos`);
  expect(cli.output()).toMatch(/authentication: Kerberos as svc-chatops@HYPERV\.TEST, ticket valid until/);
});
