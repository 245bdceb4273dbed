/**
 * `check` with Kerberos against the simulator's listeners (one per node, each with its node's
 * keytab) and a real MIT KDC: it says which authentication answered at each node, as whom and how
 * long the ticket lasts, and names the endpoint or the node it could not authenticate to with the
 * SPN to register.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSystemClock } from '../../src/cluster/clock.js';
import { demoInventory } from '../../src/cluster/simulator/demo-inventory.js';
import { startSimulatorPsrp, type SimulatorPsrp } from '../../src/cluster/simulator/psrp/index.js';
import { createSimulatedCluster } from '../../src/cluster/simulator/simulated-cluster.js';
import { createWinrmServer } from '../../src/cluster/simulator/winrm-server/index.js';
import { listenPerNode, type NodeListeners } from '../../src/cluster/simulator/winrm-server/node-listeners.js';
import { startKdc, USER, USER_PASSWORD, type TestKdc } from '../support/kdc.js';
import { runCliInProcess } from './cli-in-process.js';

let dir: string;
let kdc: TestKdc;
let listeners: NodeListeners;
let simulator: SimulatorPsrp;
let endpoint: string;
/** Each node at its own listener, with the SPN it is registered under (the entry, node1, among them). */
let others: Record<string, { endpoint: string; spn: string }>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hyperv-chatops-check-krb-'));
  kdc = await startKdc();
  const keytabs = new Map<string, Buffer>();
  for (const node of ['node1', 'node2', 'node3']) keytabs.set(node, await readFile(kdc.addService(`${node}.hyperv.test`)));
  const clock = createSystemClock();
  // Each node serving both WinRS (scripts in a new pwsh) and PSRP (the HyperVChatOps JEA session), with its own keys.
  const sim = await startSimulatorPsrp(createSimulatedCluster({ inventory: demoInventory, clock }), { clock });
  simulator = sim;
  listeners = await listenPerNode(['node1', 'node2', 'node3'], (node) => createWinrmServer({
    host: sim.powershell.hostFor(node), psrp: sim.sessionsFor(node), auth: { kerberos: { keytab: keytabs.get(node) ?? Buffer.alloc(0) } },
  }));
  endpoint = listeners.endpoints.node1 ?? '';
  others = Object.fromEntries(['node1', 'node2', 'node3'].map((node) => [node, { endpoint: listeners.endpoints[node] ?? '', spn: `HTTP/${node}.hyperv.test` }]));
}, 60_000);

afterAll(async () => {
  await listeners?.close();
  await simulator?.close();
  await kdc?.stop();
  await rm(dir, { recursive: true, force: true });
});

const cli = (argv: string[], env: NodeJS.ProcessEnv) => runCliInProcess(argv, { env }).then(({ code, output }) => ({ code, output }));

test('check reports Kerberos at each node and the ticket lifetime for WinRS and PSRP alike, and the endpoint or node it could not authenticate to', async () => {
  const cluster = (name: string, spn: string, transport = 'winrs', nodes: object = others) =>
    ({ name, kind: 'remote', endpoint, transport, auth: 'kerberos', username: USER, passwordEnv: 'KRB_PASSWORD', kerberos: { spn }, nodes });
  const file = join(dir, 'config.json');
  const node3Unregistered = { ...others, node3: { endpoint: others.node3?.endpoint, spn: 'HTTP/node7.hyperv.test' } };
  await writeFile(file, JSON.stringify({
    clusters: [
      cluster('prod', 'HTTP/node1.hyperv.test'), cluster('prod-jea', 'HTTP/node1.hyperv.test', 'psrp'),
      cluster('unregistered', 'HTTP/node9.hyperv.test', 'winrs', {}), cluster('half', 'HTTP/node1.hyperv.test', 'psrp', node3Unregistered),
    ],
    state: { file: join(dir, 'state.json'), auditFile: join(dir, 'audit.jsonl') },
  }));
  const { code, output } = await cli(['check'], { ...kdc.env, HYPERV_CHATOPS_CONFIG: file, KRB_PASSWORD: USER_PASSWORD });
  const section = (name: string) => output.slice(output.indexOf(`\n${name} (`), output.indexOf('\n\n', output.indexOf(`\n${name} (`) + 1) >>> 0);
  expect(section('prod')).toMatch(/prod \(http:\/\/127\.0\.0\.1:\d+\/wsman, winrs\)\n {2}transport: winrs.*\n {2}✓ reachable, authenticated.*: 3 nodes/);
  for (const name of ['prod', 'prod-jea']) {
    for (const node of ['node1', 'node2', 'node3']) {
      expect(section(name)).toContain(`✓ ${node} at ${listeners.endpoints[node]}: Kerberos`);
    }
  }
  expect(section('prod')).toMatch(/authentication: Kerberos as svc-chatops@HYPERV\.TEST, ticket valid until \d{4}-\d\d-\d\d \d\d:\d\d UTC \((9 h 59|10 h 0) min left\), renewable until/);
  expect(section('prod-jea')).toMatch(/✓ PSRP session HyperVChatOps: the bot's functions: all \d+(.*\n)* {2}✓ reachable, authenticated.*: 3 nodes(.*\n)* {2}authentication: Kerberos as svc-chatops@HYPERV\.TEST, ticket valid until/);
  expect(section('unregistered')).toMatch(/✗ reachable.*no service principal HTTP\/node9\.hyperv\.test: register it .*setspn -S HTTP\/node9\.hyperv\.test NODE9/);
  expect(section('unregistered')).toMatch(/authentication: Kerberos \(no connection authenticated\)/);
  // The entry answers, so the cluster is read; the node whose SPN is not registered is named with the fix.
  expect(section('half')).toContain(`✓ node2 at ${listeners.endpoints.node2}: Kerberos`);
  expect(section('half')).toMatch(new RegExp(`✗ node3 at ${listeners.endpoints.node3?.replace(/[./]/g, '\\$&')}: .*setspn -S HTTP/node7\\.hyperv\\.test NODE7`));
  expect(output).not.toContain(USER_PASSWORD);
  expect(code).toBe(1);
}, 240_000);

test('winrm exec signs in with Kerberos from a keytab, and names the SPN to register when there is none', async () => {
  const keytab = await readFile(join(kdc.dir, 'node1.hyperv.test.keytab'));
  const echo = createWinrmServer({ host: { run: async (_exe, args) => ({ stdout: Buffer.from(args.join(' ')), stderr: Buffer.alloc(0), exitCode: 0 }) }, auth: { kerberos: { keytab } } });
  const url = (await echo.listen(0)).url;
  try {
    const flags = ['--endpoint', url, '--auth', 'kerberos', '--user', USER, '--keytab', kdc.userKeytab()];
    const ok = await cli(['winrm', 'exec', ...flags, '--spn', 'HTTP/node1.hyperv.test', '--', 'echo', 'from', 'a', 'keytab'], kdc.env);
    expect(ok.output).toContain('from a keytab');
    expect(ok.code).toBe(0);
    const missing = await cli(['winrm', 'exec', ...flags, '--spn', 'HTTP/nodeX.hyperv.test', '--', 'echo'], kdc.env);
    expect(missing.output).toContain('setspn -S HTTP/nodeX.hyperv.test NODEX');
    expect(missing.code).not.toBe(0);
  } finally {
    await echo.close();
  }
});
