/**
 * @module cli/psrp-command: `psrp invoke` runs one command through a PowerShell Remoting Protocol
 * runspace pool, the way the bot reaches a JEA endpoint: a command name and named parameters,
 * never script text. `-- Get-ChatOpsVm -Name vm42 -Verbose` → command Get-ChatOpsVm, Name =
 * 'vm42', Verbose = $true (a parameter without a value is a switch).
 */
import { createPsrpClient, PipelineFailedError, toPlain, type PsCommand } from '../remoting/psrp/index.js';
import { createWsmanPsrpTransport } from '../remoting/psrp/wsman-transport.js';
import { createTransport } from '../remoting/transport/create-transport.js';
import { createWsmanClient } from '../remoting/wsman/client.js';
import { parseFlags, stringFlag } from './args.js';
import { CliUsageError, describeFailure, EXIT_FAILURE } from './errors.js';
import type { CliIo } from './io.js';
import { connectionFlags, connectionFrom, connectionUsage } from './winrm-options.js';

export const psrpUsage = `npm run cli -- psrp invoke ${connectionUsage} [--configuration NAME] -- COMMAND [-Parameter VALUE | -Switch]…`;

/** The words after `--` as one command with named parameters. */
export function commandFromWords(words: readonly string[]): PsCommand {
  const [name, ...rest] = words;
  if (!name || !/^[A-Za-z][A-Za-z0-9]*-[A-Za-z][A-Za-z0-9]*$/.test(name)) {
    throw new CliUsageError(`after -- give a command name like Get-ChatOpsVm, not ${name ?? 'nothing'}`, psrpUsage);
  }
  const parameters: Record<string, string | boolean> = {};
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i] ?? '';
    const match = /^-([A-Za-z][A-Za-z0-9]*)$/.exec(word);
    if (!match?.[1]) throw new CliUsageError(`expected -ParameterName, got ${word} (values follow their parameter name)`, psrpUsage);
    const next = rest[i + 1];
    if (next === undefined || /^-[A-Za-z]/.test(next)) parameters[match[1]] = true;
    else {
      parameters[match[1]] = next;
      i++;
    }
  }
  return { name, parameters };
}

function print(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}

/** `psrp invoke …`; returns the exit code. */
export async function psrpCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'invoke') throw new CliUsageError(`psrp needs invoke, not ${sub ?? 'nothing'}`, psrpUsage);
  const flags = parseFlags(rest, { ...connectionFlags, configuration: { type: 'string' } }, psrpUsage);
  if (flags.positionals.length) throw new CliUsageError(`unexpected ${flags.positionals[0]} before --`, psrpUsage);
  const connection = connectionFrom(flags, io.env, psrpUsage);
  const command = commandFromWords(flags.rest);
  const configurationName = stringFlag(flags, 'configuration');
  const { endpoint, auth, tls } = connection.runner;
  const client = createPsrpClient({
    connect: () => createWsmanPsrpTransport({ client: createWsmanClient({ transport: createTransport({ endpoint, auth, tls }) }), configurationName }),
  });
  try {
    const result = await client.invoke(command, { timeoutMs: connection.timeoutMs });
    for (const value of result.output) io.stdout.write(`${print(toPlain(value))}\n`);
    for (const warning of result.warnings) io.stderr.write(`WARNING: ${warning}\n`);
    for (const e of result.errors) io.stderr.write(`ERROR: ${e.message}${e.fullyQualifiedErrorId ? ` (${e.fullyQualifiedErrorId})` : ''}\n`);
    return result.errors.length ? 1 : 0;
  } catch (error) {
    if (error instanceof PipelineFailedError) {
      io.stderr.write(`${error.message}\n`);
      return 1;
    }
    for (const line of describeFailure(error, connection.passwordEnv)) io.stderr.write(`${line}\n`);
    return EXIT_FAILURE;
  } finally {
    await client.close();
  }
}
