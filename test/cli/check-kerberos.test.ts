/**
 * `check` with Kerberos against the simulator's listener and a real MIT KDC: it says which
 * authentication answered, as whom and how long the ticket lasts, and names the endpoint it
 * could not authenticate to with the SPN to register.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { runCli } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/io.js';
import { createSystemClock } from '../../src/cluster/clock.js';
import { demoInventory } from '../../src/cluster/simulator/demo-inventory.js';
import { startSimulatorPsrp, type SimulatorPsrp } from '../../src/cluster/simulator/psrp/index.js';
import { createSimulatedCluster } from '../../src/cluster/simulator/simulated-cluster.js';
import { createWinrmServer, type WinrmServer } from '../../src/cluster/simulator/winrm-server/index.js';
import { startKdc, USER, USER_PASSWORD, type TestKdc } from '../support/kdc.js';

let dir: string;
let kdc: TestKdc;
let server: WinrmServer;
let simulator: SimulatorPsrp;
let endpoint: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hyperv-chatops-check-krb-'));
  kdc = await startKdc();
  const keytab = await readFile(kdc.addService('node1.hyperv.test'));
  const clock = createSystemClock();
  // One node serving both WinRS (scripts in a new pwsh) and PSRP (the HyperVChatOps JEA session).
  simulator = await startSimulatorPsrp(createSimulatedCluster({ inventory: demoInventory, clock }), { clock });
  server = createWinrmServer({ host: simulator.powershell.host, psrp: simulator.sessions, auth: { kerberos: { keytab } } });
  endpoint = (await server.listen(0)).url;
}, 60_000);

afterAll(async () => {
  await server?.close();
  await simulator?.close();
  await kdc?.stop();
  await rm(dir, { recursive: true, force: true });
});

async function cli(argv: string[], env: NodeJS.ProcessEnv) {
  const out: string[] = [];
  const io: CliIo = {
    stdout: { write: (c: string | Uint8Array) => out.push(Buffer.from(c).toString()) },
    stderr: { write: (c: string | Uint8Array) => out.push(Buffer.from(c).toString()) },
    stdin: Readable.from([]),
    env: env as Record<string, string>,
    untilInterrupted: async () => undefined,
  };
  return { code: await runCli(argv, io), output: out.join('') };
}

test('check reports Kerberos and the ticket lifetime for WinRS and PSRP alike, and the endpoint it could not authenticate to', async () => {
  const cluster = (name: string, spn: string, transport = 'winrs') => ({ name, kind: 'remote', endpoint, transport, auth: 'kerberos', username: USER, passwordEnv: 'KRB_PASSWORD', kerberos: { spn } });
  const file = join(dir, 'config.json');
  await writeFile(file, JSON.stringify({
    clusters: [cluster('prod', 'HTTP/node1.hyperv.test'), cluster('prod-jea', 'HTTP/node1.hyperv.test', 'psrp'), cluster('unregistered', 'HTTP/node9.hyperv.test')],
    state: { file: join(dir, 'state.json'), auditFile: join(dir, 'audit.jsonl') },
  }));
  const { code, output } = await cli(['check'], { ...kdc.env, HYPERV_CHATOPS_CONFIG: file, KRB_PASSWORD: USER_PASSWORD });
  expect(output).toMatch(/prod \(http:\/\/127\.0\.0\.1:\d+\/wsman, winrs\)\n {2}transport: winrs.*\n {2}✓ reachable, authenticated.*: 3 nodes/);
  expect(output).toMatch(/authentication: Kerberos as svc-chatops@HYPERV\.TEST, ticket valid until \d{4}-\d\d-\d\d \d\d:\d\d UTC \((9 h 59|10 h 0) min left\), renewable until/);
  expect(output).toMatch(/prod-jea \(http:\/\/127\.0\.0\.1:\d+\/wsman, psrp\)\n(.*\n)* {2}✓ PSRP session HyperVChatOps: the bot's functions: all \d+(.*\n)* {2}✓ reachable, authenticated.*: 3 nodes(.*\n)* {2}authentication: Kerberos as svc-chatops@HYPERV\.TEST, ticket valid until/);
  expect(output).toMatch(/unregistered .*\n(.*\n)* {2}✗ reachable.*no service principal HTTP\/node9\.hyperv\.test: register it .*setspn -S HTTP\/node9\.hyperv\.test NODE9/);
  expect(output).toMatch(/unregistered (.*\n)*.*authentication: Kerberos \(no connection authenticated\)/);
  expect(output).not.toContain(USER_PASSWORD);
  expect(code).toBe(1);
}, 90_000);

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
