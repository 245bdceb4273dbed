/**
 * @module simulator/powershell/pwsh-host: the simulator's WinRS host. `powershell.exe ARGS`
 * starts a real pwsh with the same arguments: PowerShell itself decodes -EncodedCommand, honours
 * -NoProfile and -NonInteractive, reads the stdin bootstrap from what WinRS Send delivered,
 * writes its error records to stderr as CLIXML, and its exit code is the client's. The Windows-
 * only cmdlets are the fake modules in ./modules, which reach the simulated cluster over the
 * loopback CmdletService. Other programs, and lines too long for cmd.exe, answer as Windows does.
 *
 * Starting pwsh takes most of a second, as powershell.exe does on Windows. For command lines
 * known in advance (the stdin bootstrap, whose arguments never change), processes are started
 * ahead with exactly those arguments, from the first command on, and wait for their stdin, so a
 * later command does not wait for the start; any other command line starts its pwsh when it
 * arrives.
 */
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CommandResult } from '../../../remoting/command-runner.js';
import { POWERSHELL_OPTIONS, STDIN_BOOTSTRAP, encodeScript } from '../../../remoting/powershell/index.js';
import type { CommandHost } from './command-host.js';
import { findPwsh, type PwshCommand } from './find-pwsh.js';
import { startPwsh, type PwshLaunch, type PwshProcess } from './pwsh-process.js';
import { readWindowsCommand } from './windows-command-line.js';

export const FAKE_MODULES_DIR = fileURLToPath(new URL('./modules', import.meta.url));

/** The arguments of the client's stdin bootstrap, which every long script runs behind. */
export const STDIN_BOOTSTRAP_ARGS: readonly string[] = [...POWERSHELL_OPTIONS, encodeScript(STDIN_BOOTSTRAP)];

export interface PwshHostOptions {
  /** The loopback channel the fakes use. */
  readonly service: { readonly url: string; readonly secret: string };
  /** The node WinRM reached ($env:COMPUTERNAME): the fakes' reads without -ComputerName are its. */
  readonly computerName: string;
  /** How many pwsh wait ready for each known command line once the first command came; default 2, 0 for none. */
  readonly warm?: number;
  /** Most scripts running at once; the rest wait. Default 4. */
  readonly maxRunning?: number;
  /** A script that runs longer is killed (exit code 1). Default 10 minutes. */
  readonly deadlineMs?: number;
  readonly pwsh?: PwshCommand;
  /** Told of each command that starts PowerShell: inline (-EncodedCommand) or behind the stdin bootstrap, and whether a started pwsh was waiting. */
  readonly onCommand?: (command: { via: 'encoded-command' | 'stdin'; warm: boolean }) => void;
}

export interface PwshHost extends CommandHost {
  /** pwsh processes started so far, and how many commands found one already started. */
  stats(): { started: number; warmHits: number };
  close(): Promise<void>;
}

/** Only what PowerShell needs: no secret of the bot's process reaches the scripts. */
function environment(options: Pick<PwshHostOptions, 'service' | 'computerName'>, systemRoot: string): NodeJS.ProcessEnv {
  const keep = ['PATH', 'HOME', 'LANG', 'TMPDIR', 'DOTNET_ROOT', 'NUGET_PACKAGES', 'XDG_CACHE_HOME', 'XDG_CONFIG_HOME', 'XDG_DATA_HOME'];
  const env: NodeJS.ProcessEnv = {};
  for (const name of keep) if (process.env[name] !== undefined) env[name] = process.env[name];
  return {
    ...env,
    PSModulePath: FAKE_MODULES_DIR,
    COMPUTERNAME: options.computerName,
    SystemRoot: systemRoot,
    HYPERV_CHATOPS_SIMULATOR_URL: options.service.url,
    HYPERV_CHATOPS_SIMULATOR_SECRET: options.service.secret,
    POWERSHELL_TELEMETRY_OPTOUT: '1',
    POWERSHELL_UPDATECHECK: 'Off',
    DOTNET_CLI_TELEMETRY_OPTOUT: '1',
    DOTNET_NOLOGO: '1',
    // A pwsh lives for one command: profile-guided re-JIT would only cost it time.
    DOTNET_TieredPGO: '0',
  };
}

/** The same environment for another pwsh of the simulator (the PSRP server, `pwsh -s`). */
export const simulatorPwshEnvironment: (options: Pick<PwshHostOptions, 'service' | 'computerName'>, systemRoot: string) => NodeJS.ProcessEnv = environment;

const sameArgs = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((v, i) => v === b[i]);

export function createPwshHost(options: PwshHostOptions): PwshHost {
  const workDir = mkdtempSync(join(tmpdir(), 'hyperv-chatops-pwsh-'));
  const systemRoot = join(workDir, 'Windows');
  mkdirSync(systemRoot, { recursive: true });
  const launch: PwshLaunch = { pwsh: options.pwsh ?? findPwsh(), cwd: workDir, env: environment(options, systemRoot) };
  const warmSize = options.warm ?? 2;
  const maxRunning = options.maxRunning ?? 4;
  const deadlineMs = options.deadlineMs ?? 10 * 60_000;
  const warm: PwshProcess[] = [];
  const running = new Set<PwshProcess>();
  const waiting: Array<() => void> = [];
  let started = 0;
  let warmHits = 0;
  let closed = false;

  function start(args: readonly string[]): PwshProcess {
    started++;
    return startPwsh(launch, args);
  }

  function refill(): void {
    for (let i = warm.length - 1; i >= 0; i--) if (!warm[i]?.alive()) warm.splice(i, 1);
    while (!closed && warm.length < warmSize) warm.push(start(STDIN_BOOTSTRAP_ARGS));
  }

  function take(args: readonly string[]): PwshProcess {
    const index = warm.findIndex((p) => p.alive() && sameArgs(p.args, args));
    if (index < 0) return start(args);
    const [ready] = warm.splice(index, 1) as [PwshProcess];
    warmHits++;
    return ready;
  }

  async function slot(): Promise<void> {
    while (running.size >= maxRunning) await new Promise<void>((resolve) => waiting.push(resolve));
  }

  // Nothing is started ahead until the first command: a simulator that never runs a script costs no pwsh.
  return {
    async run(executable, args, stdin): Promise<CommandResult> {
      if (closed) throw new Error('the PowerShell host is closed');
      const command = readWindowsCommand(executable, args);
      if (command.kind === 'refused') return { stdout: Buffer.alloc(0), stderr: Buffer.from(command.stderr, 'utf8'), exitCode: command.exitCode };
      await slot();
      const hitsBefore = warmHits;
      const process = take(command.args);
      options.onCommand?.({ via: sameArgs(command.args, STDIN_BOOTSTRAP_ARGS) ? 'stdin' : 'encoded-command', warm: warmHits > hitsBefore });
      running.add(process);
      setImmediate(refill);
      try {
        return await process.finish(stdin, deadlineMs);
      } finally {
        running.delete(process);
        waiting.shift()?.();
      }
    },
    stats: () => ({ started, warmHits }),
    async close() {
      closed = true;
      for (const p of [...warm, ...running]) p.kill();
      warm.length = 0;
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}
