/** Real processes for the crash tests: the WinRM simulator (the cluster, which outlives the bot) and the bot. */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const PASSWORD_ENV = 'CRASH_TEST_WINRM_PASSWORD';
const password = `pw-${process.pid}-${Date.now()}`;

export interface Proc {
  child: ChildProcessWithoutNullStreams;
  output(): string;
  /** Resolves when the output matches, or rejects after `ms` with what was printed. */
  waitFor(pattern: RegExp, ms?: number): Promise<RegExpMatchArray>;
  exited: Promise<number | null>;
}

/** Processes started here that have not exited yet. */
const running = new Set<ChildProcessWithoutNullStreams>();

/** SIGKILLs whatever a test started and left running (a test that failed half way), so nothing outlives the suite. */
export async function killLeftovers(): Promise<void> {
  await Promise.all([...running].map((child) => new Promise<void>((resolve) => {
    child.once('close', () => resolve());
    child.kill('SIGKILL');
  })));
}

function run(args: string[], env: Record<string, string>): Proc {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: root, env: { ...process.env, ...env, [PASSWORD_ENV]: password } });
  running.add(child);
  child.once('close', () => running.delete(child));
  let out = '';
  const waiters = new Set<() => void>();
  const collect = (chunk: Buffer) => {
    out += chunk.toString('utf8');
    for (const w of [...waiters]) w();
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return {
    child,
    output: () => out,
    exited,
    // Each of the bot's looks is a pwsh started by the simulator: on a busy machine a move takes minutes to show.
    waitFor(pattern, ms = 150_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const m = pattern.exec(out);
          if (m) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(m);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no ${pattern} within ${ms} ms; output so far:\n${out}`));
        }, ms);
        waiters.add(check);
        check();
      });
    },
  };
}

/** The simulator's entry endpoint and each node's own (the `nodes` it prints for a bot's configuration). */
export interface SimulatorEndpoints {
  readonly endpoint: string;
  readonly nodes: Readonly<Record<string, { endpoint: string }>>;
}

/** `extra`: more of the simulator's flags (`--keytab FILE`); `env`: its environment beside ours. */
export async function startSimulator(extra: readonly string[] = [], env: Record<string, string> = {}): Promise<{ proc: Proc } & SimulatorEndpoints> {
  const proc = run(['src/cli.ts', 'simulator', '--port', '0', '--auth', 'ntlm', '--user', 'ops', '--password-env', PASSWORD_ENV, ...extra], env);
  const m = await proc.waitFor(/endpoint:\s+(http:\/\/\S+)/);
  const nodes = await proc.waitFor(/give its cluster "nodes": (\{.*\})\n/);
  return { proc, endpoint: m[1]!, nodes: JSON.parse(nodes[1]!) as SimulatorEndpoints['nodes'] };
}

/**
 * A config for a bot on the simulator's cluster, with its state and audit log in `dir`, or in
 * PostgreSQL (`state.postgres`) when `replicas` names the URL's variable (`name` keeps each replica's log apart).
 * Over PSRP (the JEA endpoint, one warm PowerShell): over WinRS each look starts a PowerShell, and on a busy
 * machine a migration ends before the first look sees it copy memory, where these tests kill the bot.
 * `more` replaces top-level sections (users, log) or adds some (slack).
 */
export async function writeBotConfig(dir: string, { endpoint, nodes }: SimulatorEndpoints, replicas?: { urlEnv: string; name: string }, more: Record<string, unknown> = {}): Promise<string> {
  const file = join(dir, replicas ? `config-${replicas.name}.json` : 'config.json');
  await writeFile(
    file,
    JSON.stringify({
      clusters: [{ name: 'prod', kind: 'remote', endpoint, nodes, transport: 'psrp', auth: 'ntlm', username: 'ops', passwordEnv: PASSWORD_ENV, approvals: { change: 1, disruptive: 2 } }],
      users: [
        { name: 'alice', console: 'alice', roles: { '*': 'operator' } },
        { name: 'bob', console: 'bob', roles: { '*': 'approver' } },
        { name: 'carol', console: 'carol', roles: { '*': 'approver' } },
      ],
      console: { user: 'alice', allowAs: true },
      progress: { updateIntervalSeconds: 1, pollSeconds: 0.5 },
      state: { file: join(dir, 'state.json'), auditFile: join(dir, 'audit.jsonl'), ...(replicas ? { postgres: { urlEnv: replicas.urlEnv, leaseSeconds: 2 } } : {}) },
      log: { level: 'info', file: join(dir, replicas ? `bot-${replicas.name}.log` : 'bot.log') },
      ...more,
    }),
  );
  return file;
}

/** The bot in scripted mode: lines go to its stdin as written; end() closes it. */
export function startBot(config: string, env: Record<string, string> = {}): Proc & { say(line: string): void; end(): void } {
  const proc = run(['src/main.ts'], { ...env, HYPERV_CHATOPS_CONFIG: config });
  return { ...proc, say: (line) => proc.child.stdin.write(`${line}\n`), end: () => proc.child.stdin.end() };
}

/** `npm run cli -- ARGS` as a process. */
export function runCli(args: readonly string[], env: Record<string, string> = {}): Proc {
  return run(['src/cli.ts', ...args], env);
}

export function kill(proc: Proc): Promise<number | null> {
  proc.child.kill('SIGKILL');
  return proc.exited;
}

/** Waits for the exit and expects code 0; on another code the failure shows what the process printed. */
export async function exitsCleanly(proc: Proc): Promise<void> {
  const code = await proc.exited;
  if (code !== 0) throw new Error(`exited with ${code}; output:\n${proc.output()}`);
}
