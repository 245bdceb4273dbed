/**
 * @module cli/winrm-command: a connection check anyone can run. `winrm exec` runs one command
 * over WinRS and prints its stdout, stderr and exit code (and exits with it); `winrm ps` runs a
 * PowerShell script (text on the command line, or `-` for stdin) the way the bot runs its scripts.
 */
import { createPowerShellRunner, PowerShellError } from '../remoting/powershell/index.js';
import { createWinrsRunner } from '../remoting/winrs-runner.js';
import { parseFlags } from './args.js';
import { CliUsageError, describeFailure, EXIT_FAILURE, processExitCode } from './errors.js';
import { readAll, type CliIo } from './io.js';
import { connectionFlags, connectionFrom, connectionUsage, type Connection } from './winrm-options.js';

export const execUsage = `npm run cli -- winrm exec ${connectionUsage} -- COMMAND [ARGS…]`;
export const psUsage = `npm run cli -- winrm ps ${connectionUsage} -- SCRIPT|-`;

async function exec(connection: Connection, words: readonly string[], io: CliIo): Promise<number> {
  const [executable, ...args] = words;
  if (!executable) throw new CliUsageError('no command given after --', execUsage);
  const runner = createWinrsRunner(connection.runner);
  try {
    const result = await runner.run(executable, args, { timeoutMs: connection.timeoutMs });
    io.stdout.write(result.stdout);
    io.stderr.write(result.stderr);
    io.stderr.write(`${result.stderr.length && !result.stderr.toString().endsWith('\n') ? '\n' : ''}remote exit code: ${result.exitCode}\n`);
    return processExitCode(result.exitCode);
  } finally {
    await runner.close();
  }
}

async function scriptText(words: readonly string[], io: CliIo): Promise<string> {
  if (words.length === 1 && words[0] === '-') return (await readAll(io.stdin)).toString('utf8').replace(/^\uFEFF/, '');
  if (words.length === 0) throw new CliUsageError('no script given after -- (use - to read it from stdin)', psUsage);
  return words.join(' ');
}

async function ps(connection: Connection, words: readonly string[], io: CliIo): Promise<number> {
  const script = await scriptText(words, io);
  const runner = createWinrsRunner(connection.runner);
  try {
    const result = await createPowerShellRunner(runner).runScript(script, {}, { timeoutMs: connection.timeoutMs });
    io.stdout.write(result.stdout);
    for (const warning of result.warnings) io.stderr.write(`WARNING: ${warning}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof PowerShellError)) throw error;
    io.stderr.write(`PowerShell failed (exit code ${error.exitCode}): ${error.message}\n`);
    if (error.fullyQualifiedErrorId) io.stderr.write(`  FullyQualifiedErrorId: ${error.fullyQualifiedErrorId}\n`);
    return processExitCode(error.exitCode);
  } finally {
    await runner.close();
  }
}

/** `winrm exec|ps …`; returns the exit code. */
export async function winrmCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  const usage = `${execUsage}\n       ${psUsage}`;
  if (sub !== 'exec' && sub !== 'ps') throw new CliUsageError(`winrm needs exec or ps, not ${sub ?? 'nothing'}`, usage);
  const subUsage = sub === 'exec' ? execUsage : psUsage;
  const flags = parseFlags(rest, connectionFlags, subUsage);
  if (flags.positionals.length) throw new CliUsageError(`unexpected ${flags.positionals[0]} before --`, subUsage);
  const connection = connectionFrom(flags, io.env, subUsage);
  try {
    return sub === 'exec' ? await exec(connection, flags.rest, io) : await ps(connection, flags.rest, io);
  } catch (error) {
    if (error instanceof CliUsageError) throw error;
    for (const line of describeFailure(error, connection.passwordEnv)) io.stderr.write(`${line}\n`);
    return EXIT_FAILURE;
  }
}
