/**
 * Runs lines through the real console adapter in scripted mode, on a simulated cluster built from
 * an inventory of the test's own (written to a temporary file, as an operator rehearsing with
 * their own names would), in-process or served like the demo (PSRP to a real pwsh), on a virtual clock.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { commands } from '../../../commands/index.js';
import { createConsoleAdapter } from '../../../adapters/console/console-adapter.js';
import { runScript, type ScriptResult } from '../../../adapters/console/script-runner.js';
import type { ClusterInventory } from '../../../src/cluster/simulator/inventory.js';
import type { SimulatedCluster } from '../../../src/cluster/simulator/simulated-cluster.js';
import { createVirtualClock } from '../../../src/cluster/virtual-clock.js';
import { demoConfig } from '../../../src/config/load-config.js';
import { silentLogger } from '../../../src/core/logger.js';
import type { buildCluster } from '../../../src/composition/clusters.js';
import { buildRuntime } from '../../../src/main.js';

export async function runConsoleWith(
  inventory: ClusterInventory,
  lines: string[],
  arrange: (cluster: SimulatedCluster) => void = () => undefined,
  options: { transport?: 'psrp' | 'winrs' | 'direct'; buildCluster?: typeof buildCluster } = {},
): Promise<{ output: string; result: ScriptResult }> {
  const dir = await mkdtemp(join(tmpdir(), 'hyperv-chatops-inventory-'));
  try {
    const file = join(dir, 'inventory.json');
    await writeFile(file, JSON.stringify(inventory), 'utf8');
    const base = demoConfig();
    // In-process unless asked: over PSRP the operations run in a real pwsh (seconds to start), over WinRS a pwsh each.
    const transport = options.transport ?? 'direct';
    const config = { ...base, clusters: [{ ...base.clusters[0]!, inventory: file, transport }] } as typeof base;
    const output = new PassThrough();
    let text = '';
    output.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    const adapter = createConsoleAdapter({ output, defaultUser: config.console.user, allowAs: config.console.allowAs });
    const runtime = await buildRuntime({ config, clock: createVirtualClock(transport !== 'direct' ? { start: Date.now() } : {}), adapters: [adapter], specs: commands, logger: silentLogger, ...(options.buildCluster ? { buildCluster: options.buildCluster } : {}) });
    arrange(runtime.simulators.get('demo')!);
    await runtime.bot.start();
    const result = await runScript(lines, adapter, runtime.bot, output, config.defaultCluster ?? config.clusters[0]!.name);
    await runtime.stop();
    return { output: text, result };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
