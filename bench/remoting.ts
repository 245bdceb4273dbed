/**
 * @module bench/remoting: what a read costs over real WinRM against the pwsh-backed simulator with
 * 20 ms of injected latency (each response waits one round trip, a new TCP connection one more):
 * wall time and round trips per run of the project's list-nodes and list-vms scripts through our
 * client (one reused shell), the same command through Debian's pywinrm (a shell per command, its
 * Session's pattern) against the same server, the ratio, and how much of a run is pwsh starting.
 * The protocol's floor for one command is two round trips on an open shell (Command, then a
 * Receive that returns the output and the exit code), three when the script goes on stdin (Send).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { createSystemClock } from '../src/cluster/clock.js';
import { clusterScript, clusterScriptHelpers, type ClusterScriptName } from '../src/cluster/scripts/index.js';
import { demoInventory } from '../src/cluster/simulator/demo-inventory.js';
import { startSimulatorPowerShell, STDIN_BOOTSTRAP_ARGS, type SimulatorPowerShell } from '../src/cluster/simulator/powershell/index.js';
import { createSimulatedCluster } from '../src/cluster/simulator/simulated-cluster.js';
import { createWinrmServer, type WinrmServer } from '../src/cluster/simulator/winrm-server/index.js';
import { buildScriptInvocation, createPowerShellRunner, encodeScript, planPowerShellCommand } from '../src/remoting/powershell/index.js';
import { createWinrsRunner } from '../src/remoting/winrs-runner.js';
import { createPsrpOperationRunner } from '../src/cluster/remote/index.js';
import { startSimulatorPsrp } from '../src/cluster/simulator/psrp/index.js';
import { createPsrpClient, createWsmanPsrpTransport } from '../src/remoting/psrp/index.js';
import { createTransport } from '../src/remoting/transport/create-transport.js';
import { createWsmanClient } from '../src/remoting/wsman/client.js';
import { authFigures } from './remoting-auth.js';
import type { Bench, BenchRow } from './table.js';

const LATENCY_MS = 20;
const RUNS = 10;
/** Runs before measuring: the reused connection's NTLM handshake, pwsh's first start. */
const WARM_UP = 2;
const credentials = { username: 'bench', password: 'Bench-pass-1' };
const operations: ReadonlyArray<readonly [ClusterScriptName, Record<string, string>]> = [
  ['list-nodes', {}],
  ['list-vms', { Node: 'node1' }],
];
const pywinrmClient = fileURLToPath(new URL('../test/cluster/winrm-server/pywinrm-client.py', import.meta.url));

interface Figures {
  readonly wallMs: number;
  readonly roundTrips: number;
}

/** Our client: one runner, its shell reused; mean figures per run after the warm-up. */
async function ours(server: WinrmServer, url: string, script: ClusterScriptName, args: Record<string, string>): Promise<Figures> {
  const runner = createWinrsRunner({ endpoint: url, auth: { scheme: 'ntlm', ...credentials } });
  const powershell = createPowerShellRunner(runner);
  try {
    // As RemoteCluster sends it: the script, and before it the prelude's helpers it calls.
    const run = () => powershell.runScript(clusterScript(script), args, { helpers: clusterScriptHelpers(script) });
    for (let i = 0; i < WARM_UP; i++) await run();
    const before = server.stats().requests;
    const t0 = performance.now();
    for (let i = 0; i < RUNS; i++) await run();
    return { wallMs: (performance.now() - t0) / RUNS, roundTrips: (server.stats().requests - before) / RUNS };
  } finally {
    await runner.close();
  }
}

/** Debian's pywinrm: one Session, each run_cmd a shell of its own; times taken by the client per step. */
async function pywinrm(server: WinrmServer, url: string, script: ClusterScriptName, args: Record<string, string>): Promise<Figures> {
  const ps = buildScriptInvocation(clusterScript(script), args, clusterScriptHelpers(script));
  const steps = Array.from({ length: WARM_UP + RUNS }, () => ({ ps }));
  const before = server.stats().requests;
  const reply = await new Promise<{ results?: Array<{ status_code: number; ms: number }>; error?: string }>((resolve, reject) => {
    const env = { ...process.env, OPENSSL_CONF: fileURLToPath(new URL('../test/cluster/winrm-server/openssl-legacy.cnf', import.meta.url)) };
    const child = spawn('/usr/bin/python3', [pywinrmClient], { stdio: ['pipe', 'pipe', 'pipe'], env });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`pywinrm exited ${code}: ${err}`))));
    child.stdin.end(JSON.stringify({ url, ...credentials, steps }));
  });
  const results = reply.results ?? [];
  if (results.length !== steps.length || results.some((r) => r.status_code !== 0)) throw new Error(`pywinrm failed: ${JSON.stringify(reply).slice(0, 300)}`);
  const measured = results.slice(WARM_UP);
  return { wallMs: measured.reduce((sum, r) => sum + r.ms, 0) / RUNS, roundTrips: (server.stats().requests - before) / steps.length };
}

/**
 * PSRP, warm pool: the JEA function (HyperVChatOps) in one session on the simulated node, over the
 * same WinRM server (WS-Man shell on the PowerShell resource URI, same injected latency). Its
 * floor is two round trips per command: Command (CREATE_PIPELINE), then one Receive that returns
 * the output and the final PIPELINE_STATE.
 */
async function psrp(server: WinrmServer, url: string, script: ClusterScriptName, args: Record<string, string>): Promise<Figures> {
  const auth = { scheme: 'ntlm' as const, ...credentials };
  const client = createPsrpClient({
    connect: () => createWsmanPsrpTransport({ client: createWsmanClient({ transport: createTransport({ endpoint: url, auth }) }), configurationName: 'HyperVChatOps' }),
  });
  const operations = createPsrpOperationRunner({ client });
  try {
    for (let i = 0; i < WARM_UP; i++) await operations.run(script, args);
    const before = server.stats().requests;
    const t0 = performance.now();
    for (let i = 0; i < RUNS; i++) await operations.run(script, args);
    return { wallMs: (performance.now() - t0) / RUNS, roundTrips: (server.stats().requests - before) / RUNS };
  } finally {
    await client.close();
  }
}

/** pwsh's own start on this machine: a trivial inline command started cold, and one behind the stdin bootstrap started ahead. */
async function startUp(powershell: SimulatorPowerShell): Promise<{ cold: number; warm: number }> {
  const inline = ['-NoProfile', '-NonInteractive', '-EncodedCommand', encodeScript('exit 0')];
  const timed = async (run: () => Promise<unknown>) => {
    const t0 = performance.now();
    await run();
    return performance.now() - t0;
  };
  let cold = 0;
  let warm = 0;
  for (let i = 0; i < 3; i++) {
    cold += await timed(() => powershell.host.run('powershell.exe', inline));
    await new Promise((resolve) => setTimeout(resolve, 1500)); // a started pwsh waits again
    const stdin = planPowerShellCommand(`# ${'-'.repeat(4000)}\nexit 0`).stdin;
    warm += await timed(() => powershell.host.run('powershell.exe', STDIN_BOOTSTRAP_ARGS, stdin));
  }
  return { cold: cold / 3, warm: warm / 3 };
}

async function figures(): Promise<BenchRow[]> {
  const clock = createSystemClock();
  const cluster = createSimulatedCluster({ inventory: demoInventory, clock });
  const powershell = await startSimulatorPowerShell(cluster, { clock });
  const sessions = await startSimulatorPsrp(cluster, { clock });
  const server = createWinrmServer({ host: powershell.host, psrp: sessions.sessions, auth: { ntlm: credentials }, latencyMs: LATENCY_MS });
  const { url } = await server.listen(0);
  const rows: BenchRow[] = [
    { metric: 'injected latency (NTLM, sealed, over HTTP)', value: `${LATENCY_MS} ms`, note: 'per round trip, +1 per new TCP connection' },
  ];
  try {
    const start = await startUp(powershell);
    rows.push(
      { metric: 'pwsh start-up, cold (inline -EncodedCommand, exit 0)', value: `${start.cold.toFixed(0)} ms`, note: 'what every inline command pays' },
      { metric: 'pwsh already started (stdin bootstrap, exit 0)', value: `${start.warm.toFixed(0)} ms`, note: 'what a script behind the bootstrap pays' },
    );
    for (const [script, args] of operations) {
      const via = planPowerShellCommand(buildScriptInvocation(clusterScript(script), args, clusterScriptHelpers(script))).stdin ? 'stdin' : 'inline';
      const floor = via === 'stdin' ? 3 : 2;
      const mine = await ours(server, url, script, args);
      rows.push({ metric: `${script} (${via}): ours, reused shell`, value: `${mine.wallMs.toFixed(0)} ms`, note: `${mine.roundTrips.toFixed(1)} round trips (floor ${floor})` });
      const theirs = await pywinrm(server, url, script, args).catch((error: unknown) => error as Error);
      if (theirs instanceof Error) rows.push({ metric: `${script} (${via}): pywinrm, shell per command`, value: 'failed', note: theirs.message.slice(0, 100) });
      else {
        rows.push(
          { metric: `${script} (${via}): pywinrm, shell per command`, value: `${theirs.wallMs.toFixed(0)} ms`, note: `${theirs.roundTrips.toFixed(1)} round trips` },
          { metric: `${script}: ours ÷ pywinrm`, value: (mine.wallMs / theirs.wallMs).toFixed(2), note: 'aim ≤ 0.5' },
        );
      }
      const pool = await psrp(server, url, script, args);
      rows.push(
        { metric: `${script}: PSRP, warm pool (JEA function)`, value: `${pool.wallMs.toFixed(0)} ms`, note: `${pool.roundTrips.toFixed(1)} round trips (floor 2)` },
        { metric: `${script}: PSRP ÷ WinRS (ours)`, value: (pool.wallMs / mine.wallMs).toFixed(2), note: 'aim ≤ 0.2' },
      );
    }
  } finally {
    await server.close();
    await sessions.close();
    await powershell.close();
  }
  return rows;
}

export const remotingBench: Bench = {
  name: 'remoting',
  async run() {
    return { title: `Remoting (WinRM to the pwsh-backed simulator, ${RUNS} runs per figure; authentication: ${LATENCY_MS} ms latency, an instant host)`, rows: [...(await figures()), ...(await authFigures())] };
  },
};
