/**
 * Runs lines through the real console adapter in scripted mode, on the demo cluster and a virtual
 * clock. The cluster is in-process unless `transport` says otherwise: with 'psrp', as in `npm
 * start`, the operations run as the JEA module's functions in a real pwsh over WS-Man on loopback;
 * with 'winrs' every script is a pwsh of its own (most of a second each). Either way the clock
 * starts at this machine's time, which the scripts' Get-Date reads.
 */
import { PassThrough } from 'node:stream';
import { commands } from '../../../commands/index.js';
import { createConsoleAdapter } from '../../../adapters/console/console-adapter.js';
import { runScript, type ScriptResult } from '../../../adapters/console/script-runner.js';
import type { SimulatedCluster } from '../../../src/cluster/simulator/simulated-cluster.js';
import { createVirtualClock } from '../../../src/cluster/virtual-clock.js';
import { demoConfig } from '../../../src/config/load-config.js';
import { silentLogger } from '../../../src/core/logger.js';
import type { buildCluster } from '../../../src/composition/clusters.js';
import { buildRuntime } from '../../../src/main.js';

export async function runConsoleScript(
  lines: string[],
  arrange: (cluster: SimulatedCluster) => void = () => undefined,
  options: { transport?: 'psrp' | 'winrs' | 'direct'; startAtMachineTime?: boolean; buildCluster?: typeof buildCluster } = {},
): Promise<{ output: string; result: ScriptResult }> {
  const output = new PassThrough();
  let text = '';
  output.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  const base = demoConfig();
  const transport = options.transport ?? 'direct';
  const config = { ...base, clusters: base.clusters.map((c) => (c.kind === 'simulated' ? { ...c, transport } : c)) };
  const adapter = createConsoleAdapter({ output, defaultUser: config.console.user, allowAs: config.console.allowAs });
  const runtime = await buildRuntime({ config, clock: createVirtualClock(options.startAtMachineTime ?? transport !== 'direct' ? { start: Date.now() } : {}), adapters: [adapter], specs: commands, logger: silentLogger, ...(options.buildCluster ? { buildCluster: options.buildCluster } : {}) });
  arrange(runtime.simulators.get('demo')!);
  await runtime.bot.start();
  const result = await runScript(lines, adapter, runtime.bot, output, 'demo');
  await runtime.stop();
  return { output: text, result };
}
