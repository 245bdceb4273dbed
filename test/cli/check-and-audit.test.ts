/** `check` against configured clusters and `audit verify`, in-process with captured output. */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSystemClock } from '../../src/cluster/clock.js';
import { demoInventory } from '../../src/cluster/simulator/demo-inventory.js';
import { startSimulatorPowerShell, type SimulatorPowerShell } from '../../src/cluster/simulator/powershell/index.js';
import { createSimulatedCluster } from '../../src/cluster/simulator/simulated-cluster.js';
import { createWinrmServer } from '../../src/cluster/simulator/winrm-server/index.js';
import { listenPerNode, type NodeListeners } from '../../src/cluster/simulator/winrm-server/node-listeners.js';
import { createFileAuditLog } from '../../src/store/audit-file.js';
import { createFileStore } from '../../src/store/low-store.js';
import { closedPort } from '../remoting/wsman/helpers/loopback.js';
import { runCliInProcess } from './cli-in-process.js';

let dir: string;
let listeners: NodeListeners | undefined;
let powershell: SimulatorPowerShell | undefined;
beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'hyperv-chatops-cli-'))));
afterEach(async () => {
  await listeners?.close();
  await powershell?.close();
  powershell = undefined;
  listeners = undefined;
  await rm(dir, { recursive: true, force: true });
});

const cli = (argv: string[], env: Record<string, string>) => runCliInProcess(argv, { env }).then(({ code, output }) => ({ code, output }));

/** The demo cluster, each node on its own listener: node1's endpoint, and the others' as `nodes` overrides. */
async function simulatorEndpoint(): Promise<{ endpoint: string; nodes: Record<string, { endpoint: string }> }> {
  const clock = createSystemClock();
  const sim = createSimulatedCluster({ inventory: demoInventory, clock });
  const started = await startSimulatorPowerShell(sim, { clock, warm: 1 });
  powershell = started;
  const names = (await sim.listNodes()).map((n) => n.name);
  listeners = await listenPerNode(names, (node) => createWinrmServer({ host: started.hostFor(node), auth: { ntlm: { username: 'ops', password: 'right-password' } } }));
  const nodes = Object.fromEntries(Object.entries(listeners.endpoints).map(([node, endpoint]) => [node, { endpoint }]));
  return { endpoint: listeners.endpoints[started.computerName] ?? '', nodes };
}

async function config(clusters: object[]): Promise<string> {
  const file = join(dir, 'config.json');
  await writeFile(file, JSON.stringify({ clusters, state: { file: join(dir, 'state.json'), auditFile: join(dir, 'audit.jsonl') } }));
  return file;
}

const remote = (name: string, at: string | { endpoint: string; nodes: object }) =>
  ({ name, kind: 'remote', ...(typeof at === 'string' ? { endpoint: at } : at), auth: 'ntlm', username: 'ops', passwordEnv: 'OPS_PASSWORD' });

test('check answers for a healthy cluster and says exactly what is wrong with the others', async () => {
  const endpoint = await simulatorEndpoint();
  const dead = `http://127.0.0.1:${await closedPort()}/wsman`;
  const file = await config([remote('good', endpoint), remote('dead', dead), { ...remote('nopass', endpoint), passwordEnv: 'NOT_SET_ANYWHERE' }]);
  const { code, output } = await cli(['check'], { HYPERV_CHATOPS_CONFIG: file, OPS_PASSWORD: 'right-password' });
  expect(output).toMatch(/good \(http:\/\/127\.0\.0\.1:\d+\/wsman, winrs\)\n {2}! NTLM over plain http:\/\/ does not authenticate the server.*https:\/\/ endpoint with a pinned certificate.*\n {2}transport: winrs, http:\/\/127\.0\.0\.1:\d+\/wsman\n {2}✓ reachable, authenticated, FailoverClusters cmdlets \(list-nodes\.ps1\): 3 nodes/);
  expect(output).toMatch(/✓ Hyper-V cmdlets on the nodes \(list-vms\.ps1\): 16 VMs/);
  expect(output).toMatch(/dead \(.*\)\n {2}! NTLM over plain http:\/\/.*\n {2}transport: winrs.*\n {2}✗ reachable.*refused/i);
  expect(output).toMatch(/nopass .*\n {2}! NTLM over plain http:\/\/.*\n {2}✗ configuration: .*NOT_SET_ANYWHERE, which is not set/);
  expect(output).not.toContain('right-password');
  expect(code).toBe(1);
}, 120_000); // list-nodes, then a script on each node, each in a new pwsh

test('check names a wrong password as an authentication failure, without the password', async () => {
  const file = await config([remote('prod', await simulatorEndpoint())]);
  const { code, output } = await cli(['check'], { HYPERV_CHATOPS_CONFIG: file, OPS_PASSWORD: 'wrong-password' });
  expect(output).toMatch(/✗ reachable.*(credentials|password|authenticat)/i);
  expect(output).not.toContain('wrong-password');
  expect(code).toBe(1);
});

test('check of a PSRP cluster says which transport and endpoint answered and lists the session\'s functions', async () => {
  const file = await config([{ name: 'sim', kind: 'simulated', transport: 'psrp' }]);
  const { code, output } = await cli(['check'], { HYPERV_CHATOPS_CONFIG: file });
  expect(output).toMatch(/sim \(simulated, psrp\)\n {2}transport: psrp, http:\/\/127\.0\.0\.1:\d+\/wsman, configuration HyperVChatOps\n/);
  expect(output).toMatch(/✓ PSRP session HyperVChatOps: the bot's functions: all 18 \(Checkpoint-ChatOpsVm, .*Watch-ChatOpsMigration\)/);
  expect(output).toMatch(/✓ reachable, authenticated, FailoverClusters cmdlets \(list-nodes\.ps1\): 3 nodes/);
  expect(code).toBe(0);
}, 90_000); // a pwsh -s session on each node

test('audit verify passes an intact log and names the line of a tampered one', async () => {
  const file = join(dir, 'audit.jsonl');
  const log = createFileAuditLog(file);
  for (let i = 1; i <= 5; i++) await log.append({ at: new Date(Date.UTC(2026, 10, 25, 9, i)).toISOString(), event: 'approved', requestId: i });
  const good = await cli(['audit', 'verify', file], {});
  expect(good).toMatchObject({ code: 0, output: expect.stringContaining('5 entries, chain intact') });
  const lines = (await readFile(file, 'utf8')).split('\n');
  lines[1] = lines[1]!.replace('"requestId":2', '"requestId":20');
  await writeFile(file, lines.join('\n'));
  const bad = await cli(['audit', 'verify', file], {});
  expect(bad).toMatchObject({ code: 1, output: expect.stringContaining('BROKEN at line 3') });
});

test('audit verify reads the file from the configuration when none is named', async () => {
  const file = await config([{ name: 'demo', kind: 'simulated' }]);
  await createFileAuditLog(join(dir, 'audit.jsonl')).append({ at: new Date().toISOString(), event: 'requested', requestId: 1 });
  const { code, output } = await cli(['audit', 'verify'], { HYPERV_CHATOPS_CONFIG: file });
  expect(code).toBe(0);
  expect(output).toContain(join(dir, 'audit.jsonl'));
});

test('audit verify compares the end of the log with the head the state file recorded, and says when it was cut short', async () => {
  const config_ = await config([{ name: 'demo', kind: 'simulated' }]);
  const store = createFileStore(join(dir, 'state.json'));
  const log = createFileAuditLog(join(dir, 'audit.jsonl'), { heads: store });
  for (let i = 1; i <= 5; i++) await log.append({ at: new Date(Date.UTC(2026, 11, 3, 9, i)).toISOString(), event: 'approved', requestId: i });
  const intact = await cli(['audit', 'verify'], { HYPERV_CHATOPS_CONFIG: config_ });
  expect(intact).toMatchObject({ code: 0, output: expect.stringContaining('5 entries, chain intact') });
  expect(intact.output).toContain('matches the head the state file recorded (5 entries)');
  const kept = (await readFile(join(dir, 'audit.jsonl'), 'utf8')).split('\n').slice(0, 3);
  await writeFile(join(dir, 'audit.jsonl'), `${kept.join('\n')}\n`);
  const cut = await cli(['audit', 'verify'], { HYPERV_CHATOPS_CONFIG: config_ });
  expect(cut).toEqual({
    code: 1,
    output: `${join(dir, 'audit.jsonl')}: BROKEN: the audit log ends 2 entries before the state file says (the log has 3, the state file recorded 5): its last entries were removed\n`,
  });
  // A file named on the command line is compared with the state named by --state.
  const named = await cli(['audit', 'verify', join(dir, 'audit.jsonl'), '--state', join(dir, 'state.json')], {});
  expect(named.code).toBe(1);
  expect((await cli(['audit', 'verify', join(dir, 'audit.jsonl')], {})).output).toContain('no state file to compare its end with');
});

test('audit verify reports a torn last line and an unreadable file, with exit code 1', async () => {
  const file = join(dir, 'audit.jsonl');
  await createFileAuditLog(file).append({ at: new Date().toISOString(), event: 'requested', requestId: 1 });
  await writeFile(file, '{"at":"2026-12-03T09:0', { flag: 'a' });
  expect(await cli(['audit', 'verify', file], {})).toEqual({
    code: 1,
    output: `${file}: BROKEN at line 2 of 2 read: line 2 is torn: the last line has no end (an append that stopped part way, such as on a full disk); the bot moves it aside at its next start\n`,
  });
  expect(await cli(['audit', 'verify', dir], {})).toEqual({ code: 1, output: `${dir}: cannot be read (it is a folder, EISDIR)\n` });
});
