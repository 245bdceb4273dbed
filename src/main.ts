/**
 * @module main: the composition root. Config → store, audit, clusters, adapters → bot →
 * start. The only file that names concrete classes.
 */
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { pino } from 'pino';
import type { ChatAdapter } from './core/chat.js';
import type { AnyCommandSpec } from './core/command-spec.js';
import { createBot, type Bot } from './core/bot.js';
import type { Logger } from './core/logger.js';
import { DEFAULT_CLUSTER_POLICY, type BotPolicy } from './core/policy.js';
import type { Clock } from './cluster/clock.js';
import type { Cluster } from './cluster/cluster.js';
import { createSimulatedCluster } from './cluster/simulator/simulated-cluster.js';
import { demoInventory } from './cluster/simulator/demo-inventory.js';
import { loadInventoryFile } from './cluster/simulator/inventory-file.js';
import { createFileStore, createMemoryStore } from './store/low-store.js';
import { createFileAuditLog, createMemoryAuditLog } from './store/audit-file.js';
import type { ClusterConfig, Config } from './config/schema.js';
import { commands } from '../commands/index.js';
import { createConsoleAdapter } from '../adapters/console/console-adapter.js';
import { startInteractive } from '../adapters/console/interactive.js';
import { ansiPaint, noPaint } from '../adapters/console/render-text.js';
import { runScript } from '../adapters/console/script-runner.js';
import { createSystemClock } from './cluster/clock.js';
import { loadConfig, ConfigError } from './config/load-config.js';

async function main(argv: string[]): Promise<number> {
  const scriptIndex = argv.indexOf('--script');
  const scriptFile = scriptIndex >= 0 ? argv[scriptIndex + 1] : undefined;
  if (scriptIndex >= 0 && !scriptFile) throw new ConfigError('command line', ['--script needs a file name']);
  const { config, file } = await loadConfig();
  const interactive = !scriptFile && Boolean(process.stdin.isTTY);
  const paint = interactive && process.stdout.isTTY ? ansiPaint : noPaint;
  let redraw = () => undefined as void;
  const consoleAdapter = createConsoleAdapter({ output: process.stdout, defaultUser: config.console.user, paint, afterPrint: () => redraw() });
  const runtime = await buildRuntime({ config, clock: createSystemClock(), adapters: [consoleAdapter], specs: commands });
  runtime.logger.info({ config: file ?? 'built-in demo', clusters: config.clusters.map((c) => c.name) }, 'starting');
  await runtime.bot.start();
  const sweeper = setInterval(() => void runtime.bot.sweep(), 15_000);
  sweeper.unref();
  try {
    if (!interactive) {
      const input = scriptFile ? (await readFile(scriptFile, 'utf8')).split(/\r?\n/) : createInterface({ input: process.stdin });
      const result = await runScript(input, consoleAdapter, runtime.bot, process.stdout);
      if (result.refused.length) process.stdout.write(`\nRefused: ${result.refused.length} line(s)\n`);
      if (result.failedJobs.length) process.stdout.write(`Failed jobs: ${result.failedJobs.map((id) => `#${id}`).join(', ')}\n`);
      return result.exitCode;
    }
    const cluster = config.defaultCluster ?? config.clusters[0]!.name;
    const session = startInteractive({
      input: process.stdin,
      output: process.stdout,
      user: config.console.user,
      prompt: (user) => `${paint.bold(`${user}@${cluster}`)}> `,
      submit: (line) => consoleAdapter.submit(line),
    });
    redraw = session.redraw;
    await session.done;
    return 0;
  } finally {
    clearInterval(sweeper);
    await runtime.stop();
  }
}

export interface RuntimeOptions {
  config: Config;
  clock: Clock;
  adapters: readonly ChatAdapter[];
  specs: readonly AnyCommandSpec[];
  logger?: Logger;
}

export interface Runtime {
  bot: Bot;
  logger: Logger;
  clusters: Cluster[];
  stop(): Promise<void>;
}

export async function buildRuntime(o: RuntimeOptions): Promise<Runtime> {
  const { config } = o;
  const logger = o.logger ?? createLogger(config);
  const clusters = await Promise.all(config.clusters.map((c) => buildCluster(c, o.clock)));
  const policy: BotPolicy = {
    clusters: Object.fromEntries(
      config.clusters.map((c) => [c.name, { approvals: c.approvals ?? DEFAULT_CLUSTER_POLICY.approvals, conversations: c.conversations }]),
    ),
    requestTtlMs: config.requests.expiresAfterMinutes * 60_000,
    progressIntervalMs: config.progress.updateIntervalSeconds * 1000,
    pollMs: config.progress.pollSeconds * 1000,
  };
  const users = config.users.map((u) => ({
    name: u.name,
    roles: u.roles,
    ids: Object.fromEntries((['console', 'slack', 'teams'] as const).flatMap((p) => (u[p] ? [[p, u[p]]] : []))),
  }));
  const bot = createBot({
    specs: o.specs,
    clusters,
    defaultCluster: config.defaultCluster,
    users,
    adapters: o.adapters,
    store: config.state.file === 'memory' ? createMemoryStore() : createFileStore(config.state.file),
    audit: config.state.auditFile === 'memory' ? createMemoryAuditLog() : createFileAuditLog(config.state.auditFile),
    clock: o.clock,
    logger,
    policy,
  });
  return { bot, logger, clusters, stop: () => bot.stop() };
}

async function buildCluster(c: ClusterConfig, clock: Clock): Promise<Cluster> {
  const inventory = c.inventory ? await loadInventoryFile(c.inventory) : demoInventory;
  return createSimulatedCluster({ inventory: { ...inventory, name: c.name }, clock, bandwidthMBps: c.bandwidthMBps });
}

function createLogger(config: Config): Logger {
  const destination = config.log.file ? pino.destination({ dest: config.log.file, mkdir: true, sync: false }) : pino.destination(2);
  return pino({ level: config.log.level, redact: { paths: ['*.password', '*.token', '*.secret', 'password', 'token'], censor: '[secret]' } }, destination);
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(entry).href) main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof ConfigError ? error.message : `hyperv-chatops could not start: ${String(error)}`}\n`);
    process.exit(2);
  },
);
