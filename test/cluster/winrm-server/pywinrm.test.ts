/**
 * Wire compatibility with an independent client: Debian's python3-winrm (pywinrm 0.3, requests-ntlm,
 * ntlm-auth) runs the project's scripts against the simulator's server over NTLM with message
 * encryption. python3-winrm must be installed (.ci/run installs it): without it these tests fail.
 */
import { jest } from '@jest/globals';
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createSystemClock } from '../../../src/cluster/clock.js';
import { clusterScript, clusterScriptHelpers, type ClusterScriptName } from '../../../src/cluster/scripts/index.js';
import { demoInventory } from '../../../src/cluster/simulator/demo-inventory.js';
import { startSimulatorPowerShell, type CommandHost, type SimulatorPowerShell } from '../../../src/cluster/simulator/powershell/index.js';
import { createSimulatedCluster } from '../../../src/cluster/simulator/simulated-cluster.js';
import { buildScriptInvocation, type ArgumentValue } from '../../../src/remoting/powershell/index.js';
import { FaultCode } from '../../../src/remoting/wsman/constants.js';
import { makeCert, removeCerts } from '../../remoting/transport/helpers/certs.js';
import { credentials, startServer, stopServers } from './helpers.js';

const client = fileURLToPath(new URL('./pywinrm-client.py', import.meta.url));
/** Debian's interpreter, the one python3-winrm installs into (a pyenv or venv python3 may come first on PATH). */
const python = '/usr/bin/python3';
/** ntlm-auth needs MD4, which OpenSSL 3 keeps in its legacy provider (as for any pywinrm NTLM user on OpenSSL 3). */
const env = { ...process.env, OPENSSL_CONF: fileURLToPath(new URL('./openssl-legacy.cnf', import.meta.url)) };

interface PyResult {
  status_code: number;
  std_out: string;
  std_err: string;
}

type Step = { cmd: string[] } | { ps: string };

beforeAll(() => {
  const probe = spawnSync(python, ['-c', 'import winrm'], { encoding: 'utf8' });
  if (probe.status !== 0) {
    throw new Error(`python3-winrm (pywinrm) is not installed; run: apt-get install -y python3-winrm\n${probe.stderr ?? probe.error}`);
  }
});

const started: SimulatorPowerShell[] = [];
afterEach(async () => {
  await stopServers();
  await Promise.all(started.splice(0).map((p) => p.close()));
});
jest.setTimeout(60_000);

function pywinrm(request: object): Promise<{ results?: PyResult[]; error?: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(python, [client], { stdio: ['pipe', 'pipe', 'pipe'], env });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`pywinrm exited ${code}: ${err}`))));
    child.stdin.end(JSON.stringify(request));
  });
}

/** What `runScript` would run: the script file's text invoked with literal arguments. */
const invocation = (name: ClusterScriptName, args: Record<string, ArgumentValue> = {}) => buildScriptInvocation(clusterScript(name), args, clusterScriptHelpers(name));

/** The demo cluster behind a real pwsh with the fake cluster modules, optionally slow to answer. */
async function simulatedHost(delayMs = 0): Promise<CommandHost> {
  const clock = createSystemClock();
  const powershell = await startSimulatorPowerShell(createSimulatedCluster({ inventory: demoInventory, clock }), { clock, warm: 1 });
  started.push(powershell);
  const { host } = powershell;
  return {
    async run(executable, args, stdin) {
      if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
      return host.run(executable, args, stdin);
    },
  };
}

async function run(steps: Step[], extra: object = {}, serverOptions = {}) {
  const { url, server } = await startServer({ host: await simulatedHost(), ...serverOptions });
  const reply = await pywinrm({ url, ...credentials, steps, ...extra });
  return { reply, stats: server.stats() };
}

it('runs a project script as run_ps does and a plain command with run_cmd, every message sealed', async () => {
  const { reply, stats } = await run([{ ps: invocation('list-nodes') }, { cmd: ['hostname'] }]);
  const [nodes, hostname] = reply.results ?? [];
  expect(nodes?.status_code).toBe(0);
  expect((JSON.parse(nodes?.std_out ?? '') as Array<{ name: string }>).map((n) => n.name)).toEqual(['node1', 'node2', 'node3']);
  expect(hostname).toMatchObject({ status_code: 9009 });
  expect(hostname?.std_err).toContain("'hostname' is not recognized");
  // pywinrm opens and deletes a shell per call, and sends one empty request to set up encryption.
  expect(stats.operations).toMatchObject({ create: 2, command: 2, signal: 2, delete: 2 });
  expect(stats.sealedRequests).toBe(stats.requests - stats.challenges - 1);
});

it('gets a script refusal as exit code 1 with the PowerShell message on stderr', async () => {
  const { reply } = await run([{ ps: invocation('pause-node', { Node: 'node9' }) }]);
  expect(reply.results?.[0]?.status_code).toBe(1);
  // powershell.exe ends the header line with CRLF; pwsh on Linux, which the simulator runs, with LF.
  expect(reply.results?.[0]?.std_err).toMatch(/^#< CLIXML\r?\n<Objs /);
  expect(reply.results?.[0]?.std_err).toContain('node9');
});

it('polls again after the TimedOut fault until a slow command is done', async () => {
  const { url, server } = await startServer({ host: await simulatedHost(1000), operationTimeoutMaxMs: 200 });
  const reply = await pywinrm({ url, ...credentials, steps: [{ ps: invocation('list-volumes') }] });
  expect(reply.results?.[0]?.status_code).toBe(0);
  expect((JSON.parse(reply.results?.[0]?.std_out ?? '') as Array<{ name: string }>).map((v) => v.name)).toEqual(['Volume1', 'Volume2']);
  expect(server.stats().faults[FaultCode.operationTimedOut]).toBeGreaterThanOrEqual(2);
});

it('is refused with a wrong password', async () => {
  const { reply, stats } = await run([{ cmd: ['hostname'] }], { password: 'wrong' });
  expect(reply).toEqual({ error: 'InvalidCredentialsError' });
  expect(stats.operations).toEqual({});
});

describe('over HTTPS with CbtHardeningLevel Strict', () => {
  const cert = makeCert('IP:127.0.0.1');
  afterAll(removeCerts);
  const strict = { https: { key: cert.key, cert: cert.cert }, cbtHardeningLevel: 'strict' as const };

  it('accepts pywinrm, whose requests-ntlm binds the logon to the certificate, unsealed under TLS', async () => {
    const { reply, stats } = await run([{ cmd: ['hostname'] }], { ca_trust_path: cert.certFile }, strict);
    expect(reply.results?.[0]).toMatchObject({ status_code: 9009 });
    expect(stats.sealedRequests).toBe(0);
  });

  it('refuses pywinrm told not to send the channel binding (send_cbt=False)', async () => {
    const { reply, stats } = await run([{ cmd: ['hostname'] }], { ca_trust_path: cert.certFile, send_cbt: false }, strict);
    expect(reply).toEqual({ error: 'InvalidCredentialsError' });
    expect(stats.operations).toEqual({});
  });
});
