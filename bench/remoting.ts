/**
 * @module bench/remoting: what a read-only operation costs over real WinRM against the
 * simulator's server with 20 ms of injected latency (each response waits one round trip, a new
 * TCP connection one more): round trips and wall time per run of the project's list-nodes and
 * list-vms scripts, with one reused shell against a shell per command (pywinrm's pattern:
 * Create … Delete around every command, on a connection of its own).
 */
import { performance } from 'node:perf_hooks';
import { createSystemClock } from '../src/cluster/clock.js';
import { clusterScript, clusterScriptHelpers, type ClusterScriptName } from '../src/cluster/scripts/index.js';
import { demoInventory } from '../src/cluster/simulator/demo-inventory.js';
import { createScriptHost } from '../src/cluster/simulator/script-host/index.js';
import { createSimulatedCluster } from '../src/cluster/simulator/simulated-cluster.js';
import { createWinrmServer, type WinrmServer } from '../src/cluster/simulator/winrm-server/index.js';
import { createPowerShellRunner } from '../src/remoting/powershell/index.js';
import { createWinrsRunner } from '../src/remoting/winrs-runner.js';
import type { Bench, BenchRow } from './table.js';

const LATENCY_MS = 20;
const RUNS = 20;
/** Runs before measuring: the reused connection's NTLM handshake, and the JIT warming up. */
const WARM_UP = 3;
const credentials = { username: 'bench', password: 'Bench-pass-1' };
const operations: ReadonlyArray<readonly [ClusterScriptName, Record<string, string>]> = [
  ['list-nodes', {}],
  ['list-vms', { Node: 'node1' }],
];

interface Figures {
  readonly wallMs: number;
  readonly roundTrips: number;
  readonly connections: number;
}

/** Mean figures per run of one script, after the warm-up runs. */
async function measure(server: WinrmServer, url: string, reuseShells: boolean, script: ClusterScriptName, args: Record<string, string>): Promise<Figures> {
  const runner = createWinrsRunner({ endpoint: url, auth: { scheme: 'ntlm', ...credentials }, reuseShells });
  const powershell = createPowerShellRunner(runner);
  try {
    // As RemoteCluster sends it: the script, and before it the prelude's helpers it calls.
    const run = () => powershell.runScript(clusterScript(script), args, { helpers: clusterScriptHelpers(script) });
    for (let i = 0; i < WARM_UP; i++) await run();
    const before = server.stats();
    const t0 = performance.now();
    for (let i = 0; i < RUNS; i++) await run();
    const wallMs = (performance.now() - t0) / RUNS;
    const after = server.stats();
    return { wallMs, roundTrips: (after.requests - before.requests) / RUNS, connections: (after.connections - before.connections) / RUNS };
  } finally {
    await runner.close();
  }
}

const describe = (f: Figures) => `${f.roundTrips.toFixed(1)} round trips, ${f.connections.toFixed(1)} new connections`;

async function figures(): Promise<BenchRow[]> {
  const clock = createSystemClock();
  const host = createScriptHost(createSimulatedCluster({ inventory: demoInventory, clock }), { clock });
  const server = createWinrmServer({ host, auth: { ntlm: credentials }, latencyMs: LATENCY_MS });
  const { url } = await server.listen(0);
  const rows: BenchRow[] = [
    { metric: 'injected latency (NTLM, sealed, over HTTP)', value: `${LATENCY_MS} ms`, note: 'per round trip, +1 per new TCP connection' },
  ];
  try {
    for (const [script, args] of operations) {
      const reused = await measure(server, url, true, script, args);
      const perCommand = await measure(server, url, false, script, args);
      rows.push(
        { metric: `${script}: reused shell, wall time per run`, value: `${reused.wallMs.toFixed(1)} ms`, note: describe(reused) },
        { metric: `${script}: shell per command (pywinrm's pattern)`, value: `${perCommand.wallMs.toFixed(1)} ms`, note: describe(perCommand) },
        { metric: `${script}: reused ÷ shell per command`, value: (reused.wallMs / perCommand.wallMs).toFixed(2), note: 'aim ≤ 0.5' },
      );
    }
  } finally {
    await server.close();
  }
  return rows;
}

export const remotingBench: Bench = {
  name: 'remoting',
  async run() {
    return { title: `Remoting (WinRM to the simulator, ${RUNS} runs per figure)`, rows: await figures() };
  },
};
