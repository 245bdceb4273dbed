/**
 * @module bench/psrp: what a command costs through a warm PSRP runspace pool against a real
 * PowerShell (`pwsh -s`, the out-of-process transport), against starting a fresh `pwsh -c` for
 * each command (what WinRS pays: a PowerShell process per command). Wall time per command and
 * PSRP round trips (packets acknowledged) per command.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { createPsrpClient } from '../src/remoting/psrp/client.js';
import { createOutOfProcessTransport } from '../src/remoting/psrp/out-of-process-transport.js';
import type { PsrpTransport } from '../src/remoting/psrp/transport.js';
import { percentile, type Bench, type BenchRow } from './table.js';

const RUNS = 40;
const FRESH_RUNS = 5;
const WARM_UP = 3;
const run = promisify(execFile);

function pwsh(): { file: string; prefix: string[] } {
  const manifest = JSON.parse(readFileSync(join(process.cwd(), '.config', 'dotnet-tools.json'), 'utf8')) as { tools: { powershell: { version: string } } };
  const dll = join(process.env.NUGET_PACKAGES ?? join(homedir(), '.nuget', 'packages'), 'powershell', manifest.tools.powershell.version, 'tools', 'net10.0', 'any', 'unix', 'pwsh.dll');
  if (!existsSync(dll)) throw new Error('PowerShell is not restored: run npm ci');
  return { file: 'dotnet', prefix: [dll] };
}

const commands = [
  { label: 'Get-Date -Year 2000', command: { name: 'Get-Date', parameters: { Year: 2000 } }, script: 'Get-Date -Year 2000' },
  {
    label: 'ConvertTo-Json of a hashtable',
    command: { name: 'ConvertTo-Json', parameters: { InputObject: { vm: 'vm42', memoryMB: 8192, nodes: ['node1', 'node2'] }, Compress: true } },
    script: "ConvertTo-Json -Compress -InputObject @{ vm = 'vm42'; memoryMB = 8192; nodes = @('node1','node2') }",
  },
] as const;

async function warmPool(): Promise<BenchRow[]> {
  const { file, prefix } = pwsh();
  let transport: PsrpTransport | undefined;
  const client = createPsrpClient({
    connect: () => (transport = createOutOfProcessTransport({ file, args: [...prefix, '-NoLogo', '-NoProfile', '-s'] })),
  });
  const rows: BenchRow[] = [];
  try {
    const openStart = performance.now();
    await client.warm();
    rows.push({ metric: 'open a pool (start pwsh -s, open)', value: `${(performance.now() - openStart).toFixed(0)} ms`, note: `${transport?.roundTrips ?? 0} round trips, paid once` });
    for (const c of commands) {
      for (let i = 0; i < WARM_UP; i++) await client.invoke(c.command);
      const trips = transport?.roundTrips ?? 0;
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const start = performance.now();
        await client.invoke(c.command);
        times.push(performance.now() - start);
      }
      times.sort((a, b) => a - b);
      const perCommand = ((transport?.roundTrips ?? 0) - trips) / RUNS;
      rows.push({ metric: `warm pool: ${c.label}`, value: `${percentile(times, 50).toFixed(1)} ms`, note: `p95 ${percentile(times, 95).toFixed(1)} ms; ${perCommand.toFixed(1)} round trips (Command, Data, Close acks; floor 3)` });
    }
  } finally {
    await client.close();
  }
  return rows;
}

async function freshProcess(): Promise<BenchRow[]> {
  const { file, prefix } = pwsh();
  const rows: BenchRow[] = [];
  for (const c of commands) {
    const times: number[] = [];
    for (let i = 0; i < FRESH_RUNS; i++) {
      const start = performance.now();
      await run(file, [...prefix, '-NoLogo', '-NoProfile', '-NonInteractive', '-c', c.script]);
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    rows.push({ metric: `fresh pwsh -c: ${c.label}`, value: `${percentile(times, 50).toFixed(0)} ms`, note: `p95 ${percentile(times, 95).toFixed(0)} ms; a process per command` });
  }
  return rows;
}

export const psrpBench: Bench = {
  name: 'psrp',
  async run() {
    const warm = await warmPool();
    const fresh = await freshProcess();
    const ratios = commands.map((c, i) => {
      const w = Number.parseFloat(warm[i + 1]!.value);
      const f = Number.parseFloat(fresh[i]!.value);
      return { metric: `ratio warm / fresh: ${c.label}`, value: (w / f).toFixed(3), note: 'aim ≤ 0.2 (issue 11)' };
    });
    return { title: 'PSRP: a warm runspace pool (pwsh -s) against a fresh PowerShell per command', rows: [...warm, ...fresh, ...ratios] };
  },
};
