/**
 * @module cli/main: `npm run cli -- <command> …`. One entry per command; each parses its own
 * flags and returns the process exit code (2 for a usage or connection error).
 */
import { CliUsageError, describeFailure, EXIT_FAILURE } from './errors.js';
import type { CliIo } from './io.js';
import { auditCommand, auditUsage } from './audit-command.js';
import { stateCommand, stateUsage } from './state-command.js';
import { checkCommand, checkUsage } from './check-command.js';
import { simulatorCommand, simulatorUsage } from './simulator-command.js';
import { execUsage, psUsage, winrmCommand } from './winrm-command.js';
import { psrpCommand, psrpUsage } from './psrp-command.js';

export interface CliCommand {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  run(argv: readonly string[], io: CliIo): Promise<number>;
}

/** The commands, in the order `help` lists them. */
export const cliCommands: readonly CliCommand[] = [
  { name: 'check', summary: 'test every configured cluster: reachable, authenticated, cmdlets present', usage: checkUsage, run: checkCommand },
  { name: 'audit', summary: "verify the audit log's hash chain", usage: auditUsage, run: auditCommand },
  { name: 'state', summary: 'move the state and audit log from the files into PostgreSQL (for replicas)', usage: stateUsage, run: stateCommand },
  { name: 'simulator', summary: 'serve a simulated cluster over real WinRM on 127.0.0.1', usage: simulatorUsage, run: simulatorCommand },
  { name: 'winrm', summary: 'run one command (exec) or PowerShell script (ps) on a WinRM endpoint', usage: `${execUsage}\n    ${psUsage}`, run: winrmCommand },
  { name: 'psrp', summary: 'run one command with named parameters through PSRP (a JEA endpoint, say)', usage: psrpUsage, run: psrpCommand },
];

/** `--help` or `-h` among a command's flags (before any `--`, after which words belong to the remote command). */
export function asksForHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).some((word) => word === '--help' || word === '-h');
}

function commandHelp(command: CliCommand): string {
  return `${command.name}: ${command.summary}

usage: ${command.usage}
`;
}

function help(commands: readonly CliCommand[]): string {
  const lines = commands.map((c) => `  ${c.name.padEnd(10)} ${c.summary}\n    ${c.usage}`);
  return `usage: npm run cli -- <command> [flags]\n\n${lines.join('\n\n')}\n`;
}

export async function runCli(argv: readonly string[], io: CliIo, commands: readonly CliCommand[] = cliCommands): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    (name ? io.stdout : io.stderr).write(help(commands));
    return name ? 0 : EXIT_FAILURE;
  }
  const command = commands.find((c) => c.name === name);
  try {
    if (!command) throw new CliUsageError(`unknown command ${name}; try: npm run cli -- help`);
    if (asksForHelp(rest)) {
      io.stdout.write(commandHelp(command));
      return 0;
    }
    return await command.run(rest, io);
  } catch (error) {
    for (const line of describeFailure(error)) io.stderr.write(`${line}\n`);
    return EXIT_FAILURE;
  }
}
