/**
 * @module main: the composition root. Config → store, audit, clusters, adapters → bot →
 * start. The only file that names concrete classes.
 */
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { pino } from 'pino';
import pinoPretty from 'pino-pretty';
import type { ChatAdapter } from './core/chat.js';
import type { AnyCommandSpec } from './core/command-spec.js';
import { createBot, type Bot } from './core/bot.js';
import type { Logger } from './core/logger.js';
import { DEFAULT_CLUSTER_POLICY, type BotPolicy } from './core/policy.js';
import type { Clock } from './cluster/clock.js';
import type { Cluster } from './cluster/cluster.js';
import type { SimulatedCluster } from './cluster/simulator/simulated-cluster.js';
import { buildCluster } from './composition/clusters.js';
import { buildDirectory } from './composition/directory.js';
import { StateLockedError } from './store/errors.js';
import { isDatabaseStartError } from './store/postgres/errors.js';
import { instrumentAdapter, instrumentOperations } from './ops/instrument.js';
import { clusterCheck, createOpsServer } from './ops/ops-server.js';
import { openState, type State } from './composition/state.js';
import { createPrometheusMetrics, type PrometheusMetrics } from './ops/prometheus.js';
import type { Config } from './config/schema.js';
import { commands } from '../commands/index.js';
import { createConsoleAdapter } from '../adapters/console/console-adapter.js';
import { startInteractive } from '../adapters/console/interactive.js';
import { ansiPaint, noPaint } from '../adapters/console/render-text.js';
import { runScript } from '../adapters/console/script-runner.js';
import { createInterruptGuard, fateOf } from '../adapters/console/interrupt-guard.js';
import { createSystemClock } from './cluster/clock.js';
import { loadConfig, ConfigError } from './config/load-config.js';
import { planDemo } from './composition/demo-powershell.js';
import { PowerShellMissingError } from './cluster/simulator/powershell/index.js';
import { readSlackSecrets } from './config/slack-schema.js';
import { createSlackAdapter, type SlackAdapter } from '../adapters/slack/slack-adapter.js';
import type { SlackHttpLimits } from '../adapters/slack/limits.js';
import { teamsSettings, tenantOfUser } from './config/teams-schema.js';
import { roleAtLeast } from './core/access.js';
import { createTeamsAdapter, type TeamsAdapter, type TeamsAdapterOptions } from '../adapters/teams/teams-adapter.js';
import { createFileTeamsDirectory, createMemoryTeamsDirectory, type TeamsDirectory } from '../adapters/teams/teams-directory.js';

async function main(argv: string[]): Promise<number> {
  const scriptIndex = argv.indexOf('--script');
  const scriptFile = scriptIndex >= 0 ? argv[scriptIndex + 1] : undefined;
  if (scriptIndex >= 0 && !scriptFile) throw new ConfigError('command line', ['--script needs a file name']);
  const loaded = await loadConfig();
  const { file } = loaded;
  // The built-in demo runs the scripts in a real pwsh; without one, a reduced demo that says so.
  const demo = file === undefined ? planDemo(loaded.config) : { config: loaded.config };
  if (demo.notice) process.stderr.write(`${demo.notice}\n`);
  const { config } = demo;
  const interactive = !scriptFile && Boolean(process.stdin.isTTY);
  const paint = interactive && process.stdout.isTTY ? ansiPaint : noPaint;
  let redraw = () => undefined as void;
  const consoleAdapter = createConsoleAdapter({ output: process.stdout, defaultUser: config.console.user, allowAs: config.console.allowAs, paint, clearLine: interactive, afterPrint: () => redraw() });
  const clock = createSystemClock();
  const logger = createLogger(config);
  const metrics = createPrometheusMetrics();
  // The state first: with replicas, the Teams adapter's conversation directory is in its database.
  const state = await openState(config, { clock, logger, metrics, env: process.env });
  let slack: SlackAdapter | undefined;
  let teams: TeamsAdapter | undefined;
  let runtime: Runtime;
  try {
    slack = buildSlackAdapter(config, clock, logger, process.env, (ms) => metrics.chatRateLimitWait('slack', ms));
    teams = buildTeamsAdapter(config, clock, logger, process.env, (ms) => metrics.chatRateLimitWait('teams', ms), undefined, state.conversationDirectory?.('teams'));
    const adapters = [consoleAdapter, ...(slack ? [slack] : []), ...(teams ? [teams] : [])];
    runtime = await buildRuntime({ config, clock, logger, adapters, specs: commands, metrics, state });
  } catch (error) {
    await state.stop();
    throw error;
  }
  runtime.logger.info({ config: file ?? 'built-in demo', clusters: config.clusters.map((c) => c.name) }, 'starting');
  await runtime.start();
  // A directory that is down at start is a warning: people listed by hand still work, its groups grant nothing.
  void runtime.checkDirectory().then((warnings) => {
    for (const warning of warnings) runtime.logger.warn({ check: 'directory' }, warning);
  });
  const sweeper = setInterval(() => void runtime.bot.sweep(), 15_000);
  sweeper.unref();
  // SIGTERM: stop taking commands, let no job begin a new step, write what is decided, exit 0.
  // Jobs still running stay `running` in the state file and the next start resumes them.
  process.once('SIGTERM', () => {
    clearInterval(sweeper);
    void runtime.bot
      .shutdown()
      .then(() => runtime.stop())
      .finally(() => process.exit(0));
  });
  if (runtime.opsUrl) runtime.logger.info({ url: runtime.opsUrl }, '/healthz and /metrics served');
  // Ctrl-C in the console: says what runs and what becomes of it, and asks again before leaving.
  let exitCode = 0;
  let closeSession: (() => void) | undefined;
  const guard = createInterruptGuard({
    output: process.stdout,
    running: async () => [...(await runtime.bot.describeRunning()), ...consoleAdapter.pending()],
    fate: fateOf(config.state.file),
    now: () => clock.now(),
    leave: (code) => {
      exitCode = code;
      clearInterval(sweeper);
      const stop = runtime.bot.shutdown();
      if (closeSession) void stop.finally(closeSession);
      else void stop.then(() => runtime.stop()).finally(() => process.exit(code));
    },
  });
  try {
    if ((slack || teams) && !interactive && !scriptFile) {
      // A Slack or Teams service: no terminal to read, run until told to stop.
      await new Promise<void>((resolve) => process.once('SIGINT', resolve)); // SIGTERM: see above
      await runtime.bot.shutdown();
      return 0;
    }
    process.on('SIGINT', () => void guard.interrupt());
    if (!interactive) {
      const input = scriptFile ? (await readFile(scriptFile, 'utf8')).split(/\r?\n/) : createInterface({ input: process.stdin });
      const result = await runScript(input, consoleAdapter, runtime.bot, process.stdout, config.defaultCluster ?? config.clusters[0]!.name);
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
      onInterrupt: () => void guard.interrupt(),
    });
    redraw = session.redraw;
    closeSession = () => session.rl.close();
    await session.done;
    return exitCode;
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
  metrics?: PrometheusMetrics;
  /** Secrets named by the config (directory passwords); process.env by default. */
  env?: NodeJS.ProcessEnv;
  /** The state, when opened before the adapters (main.ts); opened here from the config otherwise. */
  state?: State;
  /** How each configured cluster is built: buildCluster, unless a test serves one warm simulated cluster to many runtimes. */
  buildCluster?: typeof buildCluster;
}

export interface Runtime {
  bot: Bot;
  logger: Logger;
  clusters: Cluster[];
  /** The models behind simulated clusters, by cluster name. */
  simulators: Map<string, SimulatedCluster>;
  metrics: PrometheusMetrics;
  /** The /healthz and /metrics address, when `ops` is configured. */
  opsUrl?: string;
  /** Checks the groups the access config names (at start); warnings name the entries. */
  checkDirectory(): Promise<string[]>;
  /** Starts the bot (its adapters), then, with replicas, takes and keeps the cluster leases. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export async function buildRuntime(o: RuntimeOptions): Promise<Runtime> {
  const { config } = o;
  const logger = o.logger ?? createLogger(config);
  const metrics = o.metrics ?? createPrometheusMetrics();
  const policy: BotPolicy = {
    clusters: Object.fromEntries(
      config.clusters.map((c) => [c.name, { approvals: c.approvals ?? DEFAULT_CLUSTER_POLICY.approvals, conversations: c.conversations }]),
    ),
    requestTtlMs: config.requests.expiresAfterMinutes * 60_000,
    progressIntervalMs: config.progress.updateIntervalSeconds * 1000,
    pollMs: config.progress.pollSeconds * 1000,
  };
  const state = o.state ?? (await openState(config, { clock: o.clock, logger, metrics, env: o.env ?? process.env }));
  const { store } = state;
  const built = await Promise.all(
    config.clusters.map((c) =>
      (o.buildCluster ?? buildCluster)(c, { clock: o.clock, logger, pollMs: policy.pollMs, instrument: (name, operations) => instrumentOperations(name, operations, metrics) }),
    ),
  );
  const clusters = built.map((b) => b.cluster);
  const users = config.users.map((u) => ({
    name: u.name,
    roles: u.roles,
    ids: Object.fromEntries((['console', 'slack', 'teams'] as const).flatMap((p) => (u[p] ? [[p, u[p]]] : []))),
  }));
  const directory = buildDirectory(config.directory, { adapters: o.adapters, clock: o.clock, logger, env: o.env ?? process.env });
  const bot = createBot({
    specs: o.specs,
    clusters,
    defaultCluster: config.defaultCluster,
    users,
    groupGrants: config.access?.groups,
    accessRules: config.access?.rules,
    directory: directory?.cache,
    adapters: o.adapters.map((a) => instrumentAdapter(a, metrics)),
    store,
    audit: state.audit,
    clock: o.clock,
    logger,
    policy,
    metrics,
    runsJobsOf: state.runsJobsOf,
  });
  const ops = config.ops ? createOpsServer({ metrics, checks: [...state.checks, ...clusters.map(clusterCheck)], replica: state.replica }) : undefined;
  const opsUrl = ops && config.ops ? await ops.listen(config.ops.port, config.ops.host) : undefined;
  return {
    bot,
    logger,
    clusters,
    simulators: new Map(built.flatMap((b) => (b.simulator ? [[b.cluster.name, b.simulator]] : []))),
    metrics,
    opsUrl,
    checkDirectory: async () => (directory ? directory.check(config.access) : []),
    async start() {
      await bot.start();
      await state.start(bot);
    },
    async stop() {
      await bot.stop();
      await ops?.close();
      await Promise.all(built.map((b) => b.close()));
      await state.stop();
    },
  };
}

/** The Teams adapter when the config has a `teams` section; credentials from the variables it names. */
export function buildTeamsAdapter(
  config: Config,
  clock: Clock,
  logger: Logger,
  env: NodeJS.ProcessEnv = process.env,
  onRetryWait?: (waitMs: number) => void,
  limits?: TeamsAdapterOptions['limits'],
  /** The replicas' shared directory (in the database); a file beside the state file, or memory, otherwise. */
  shared?: TeamsDirectory,
): TeamsAdapter | undefined {
  if (!config.teams) return undefined;
  const { directoryFile, ...endpoint } = teamsSettings(config.teams, config.state.file, env);
  const approvers = config.users.flatMap((u) => (u.teams && Object.values(u.roles).some((r) => roleAtLeast(r, 'approver')) ? [u.teams] : []));
  // Each configured Teams id counts only in its own tenant; so do the Entra directory's answers.
  const people = new Map(config.users.flatMap((u) => (u.teams ? [[u.teams, tenantOfUser(u, config.teams?.tenants)] as const] : [])));
  const directoryTenant = config.directory?.entra?.tenantId;
  return createTeamsAdapter({
    ...endpoint,
    identities: { people, ...(directoryTenant ? { directoryTenant } : {}) },
    directory: shared ?? (directoryFile === 'memory' ? createMemoryTeamsDirectory() : createFileTeamsDirectory(directoryFile)),
    approvers: () => approvers,
    clock,
    logger,
    onRetryWait,
    ...(limits ? { limits } : {}),
  });
}

/** The Slack adapter when the config has a `slack` section; secrets from the variables it names. */
export function buildSlackAdapter(
  config: Config,
  clock: Clock,
  logger: Logger,
  env: NodeJS.ProcessEnv = process.env,
  onRateLimited?: (waitMs: number) => void,
  httpLimits?: Partial<SlackHttpLimits>,
): SlackAdapter | undefined {
  const slack = config.slack;
  if (!slack) return undefined;
  const secrets = readSlackSecrets(slack, env);
  return createSlackAdapter({
    botToken: secrets.botToken,
    receiver: secrets.appToken ? { mode: 'socket', appToken: secrets.appToken } : { mode: 'http', signingSecret: secrets.signingSecret ?? '', ...slack.http, ...(httpLimits ? { limits: httpLimits } : {}) },
    command: slack.command,
    apiUrl: slack.apiUrl,
    clock,
    logger,
    limits: slack.limits,
    minUpdateIntervalMs: config.progress.updateIntervalSeconds * 1000,
    userNames: Object.fromEntries(config.users.flatMap((u) => (u.slack ? [[u.slack, u.name]] : []))),
    onRateLimited,
  });
}

/** JSON lines to the log file, or to stderr; readable colours instead when stderr is a terminal. */
function createLogger(config: Config): Logger {
  const destination = config.log.file
    ? pino.destination({ dest: config.log.file, mkdir: true, sync: false })
    : process.stderr.isTTY
      ? pinoPretty({ destination: 2, colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' })
      : pino.destination(2);
  return pino({ level: config.log.level, redact: { paths: ['*.password', '*.token', '*.secret', 'password', 'token'], censor: '[secret]' } }, destination);
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(entry).href) main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof ConfigError || error instanceof StateLockedError || error instanceof PowerShellMissingError || isDatabaseStartError(error) ? error.message : `hyperv-chatops could not start: ${String(error)}`}\n`);
    process.exit(2);
  },
);
