/**
 * A 125-VM drain in the terminal: the approval card is printed once (its later edits print only
 * the line that changed), the thread stays short, and the summary closes it.
 */
import { PassThrough } from 'node:stream';
import { commands } from '../../../commands/index.js';
import { createConsoleAdapter } from '../../../adapters/console/console-adapter.js';
import { runScript } from '../../../adapters/console/script-runner.js';
import type { ClusterInventory } from '../../../src/cluster/simulator/inventory.js';
import { createSimulatedCluster } from '../../../src/cluster/simulator/simulated-cluster.js';
import { createVirtualClock } from '../../../src/cluster/virtual-clock.js';
import { createBot } from '../../../src/core/bot.js';
import { silentLogger } from '../../../src/core/logger.js';
import { createMemoryAuditLog } from '../../../src/store/audit-file.js';
import { createMemoryStore } from '../../../src/store/low-store.js';

const GiB = 1024;
const inventory: ClusterInventory = {
  name: 'big',
  nodes: ['hv01', 'hv02', 'hv03'].map((name) => ({ name, memoryMB: 2048 * GiB, reserveMB: 8 * GiB, liveMigrationLimit: 2 })),
  vms: Array.from({ length: 125 }, (_, i) => ({ name: `app-${String(i + 1).padStart(3, '0')}`, node: 'hv01', memoryMB: (4 + (i % 4) * 4) * GiB })),
};
const users = ['alice', 'bob', 'carol'].map((name) => ({ name, ids: { console: name }, roles: { '*': name === 'alice' ? ('operator' as const) : ('approver' as const) } }));

test('the drain card is printed once, then only what changes', async () => {
  const clock = createVirtualClock();
  const output = new PassThrough();
  let text = '';
  output.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  const adapter = createConsoleAdapter({ output, defaultUser: 'alice', allowAs: true });
  const bot = createBot({
    specs: commands, clusters: [createSimulatedCluster({ inventory, clock })], users, adapters: [adapter],
    store: createMemoryStore(), audit: createMemoryAuditLog(), clock, logger: silentLogger,
    policy: { clusters: {}, requestTtlMs: 1_800_000, progressIntervalMs: 3000, pollMs: 1000 },
  });
  await bot.start();
  const result = await runScript(['drain hv01', 'as bob: approve 1', 'as carol: approve 1'], adapter, bot, output, 'demo');
  await bot.stop();
  expect(result.exitCode).toBe(0);
  expect(text.match(/#1 Drain hv01: pause it and move 125 VMs/g)).toHaveLength(2); // the card, and the progress message's title
  expect(text.match(/VM +Memory +Plan/g)).toHaveLength(1);
  expect(text).toMatch(/↻ updated: .*approved by @bob, 1 of 2/);
  expect(text).toMatch(/✅ #1 hv01 is drained: paused with no roles; 125 VMs moved in /);
  expect(text).not.toContain('waiting for a live-migration slot');
  // Each edit of the progress message prints the bar and the rows that changed, never the whole table again.
  expect(text.match(/Moved \d+ of 125/g)!.length).toBeLessThan(125);
  expect(text.match(/\| queued$| {2}queued$/gm)).toBeNull();
});
