/**
 * @module cli: `npm run cli -- <command>`: the simulator's WinRM server, and connection checks
 * against any WinRM endpoint. See src/cli/main.ts for the commands.
 */
import { processIo } from './cli/io.js';
import { runCli } from './cli/main.js';

process.exitCode = await runCli(process.argv.slice(2), processIo());
