/**
 * @module bench/remoting-auth: what each authentication costs against the simulator's listener
 * with 20 ms of injected latency and a host that answers at once (so only the wire and the
 * crypto count): the first command on a new connection (the handshake: for Kerberos the AP
 * exchange with a cached service ticket, for NTLM its two legs, for Basic none), and each
 * command once authenticated (sealed over HTTP for Kerberos and NTLM; Basic is plaintext).
 * A real MIT KDC on loopback issues the tickets (test/support/kdc.ts).
 */
import { performance } from 'node:perf_hooks';
import { readFileSync } from 'node:fs';
import type { CommandHost } from '../src/cluster/simulator/powershell/index.js';
import { createWinrmServer, type WinrmServer } from '../src/cluster/simulator/winrm-server/index.js';
import { createTicketSource } from '../src/remoting/kerberos/index.js';
import type { AuthOptions } from '../src/remoting/transport/create-transport.js';
import { createWinrsRunner } from '../src/remoting/winrs-runner.js';
import { startKdc, USER, USER_PASSWORD } from '../test/support/kdc.js';
import type { BenchRow } from './table.js';

const LATENCY_MS = 20;
const NEW_CONNECTIONS = 15;
const COMMANDS = 40;
const credentials = { username: 'bench', password: 'Bench-pass-1' };
const host: CommandHost = { run: async () => ({ stdout: Buffer.from('ok'), stderr: Buffer.alloc(0), exitCode: 0 }) };

interface Cost {
  readonly firstMs: number;
  readonly firstRoundTrips: number;
  readonly nextMs: number;
  readonly nextRoundTrips: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/** One timed command; the server's request count tells its round trips. */
async function timed(server: WinrmServer, run: () => Promise<unknown>): Promise<{ ms: number; roundTrips: number }> {
  const before = server.stats().requests;
  const t0 = performance.now();
  await run();
  return { ms: performance.now() - t0, roundTrips: server.stats().requests - before };
}

/**
 * Interleaved, so that load on the machine falls on every scheme alike: per round, each scheme's
 * first command on a new runner (a new connection) and one more command on its warm runner.
 * Medians over the rounds.
 */
async function costs(server: WinrmServer, url: string, schemes: Readonly<Record<string, AuthOptions>>): Promise<Record<string, Cost>> {
  const names = Object.keys(schemes);
  const warm = Object.fromEntries(names.map((n) => [n, createWinrsRunner({ endpoint: url, auth: schemes[n]! })]));
  const samples = Object.fromEntries(names.map((n) => [n, { first: [] as number[], firstRt: [] as number[], next: [] as number[], nextRt: [] as number[] }]));
  for (const n of names) await warm[n]!.run('echo', ['warm']); // the Kerberos ticket is fetched here, once
  for (let round = 0; round < Math.max(NEW_CONNECTIONS, COMMANDS); round++) {
    for (const n of names) {
      const s = samples[n]!;
      if (round < NEW_CONNECTIONS) {
        const runner = createWinrsRunner({ endpoint: url, auth: schemes[n]! });
        const first = await timed(server, () => runner.run('echo', ['x']));
        s.first.push(first.ms);
        s.firstRt.push(first.roundTrips);
        await runner.close();
      }
      const next = await timed(server, () => warm[n]!.run('echo', ['x']));
      s.next.push(next.ms);
      s.nextRt.push(next.roundTrips);
    }
  }
  await Promise.all(names.map((n) => warm[n]!.close()));
  return Object.fromEntries(names.map((n) => {
    const s = samples[n]!;
    return [n, { firstMs: median(s.first), firstRoundTrips: median(s.firstRt), nextMs: median(s.next), nextRoundTrips: median(s.nextRt) }];
  }));
}

export async function authFigures(): Promise<BenchRow[]> {
  const kdc = await startKdc();
  const tickets = createTicketSource({ principal: USER, password: USER_PASSWORD, env: kdc.env });
  const keytab = readFileSync(kdc.addService('node1.hyperv.test'));
  const server = createWinrmServer({ host, auth: { basic: credentials, ntlm: credentials, kerberos: { keytab } }, allowUnencrypted: true, latencyMs: LATENCY_MS });
  try {
    const { url } = await server.listen(0);
    const t0 = performance.now();
    await tickets.serviceTicket('HTTP/node1.hyperv.test');
    const ticketMs = performance.now() - t0;
    const measured = await costs(server, url, {
      kerberos: { scheme: 'kerberos', tickets, spn: 'HTTP/node1.hyperv.test' },
      ntlm: { scheme: 'ntlm', ...credentials },
      basic: { scheme: 'basic', ...credentials, allowUnencryptedHttp: true },
    });
    const [kerberos, ntlm, basic] = [measured.kerberos!, measured.ntlm!, measured.basic!];
    const row = (name: string, c: Cost, note = ''): BenchRow[] => [
      { metric: `${name}: first command on a new connection`, value: `${c.firstMs.toFixed(1)} ms`, note: `${c.firstRoundTrips} round trips, handshake legs included (median)` },
      { metric: `${name}: each command once authenticated`, value: `${c.nextMs.toFixed(1)} ms`, note: `${c.nextRoundTrips} round trips: command, receive, signal (median)${note}` },
    ];
    return [
      { metric: 'Kerberos: logon and service ticket from the KDC (kinit + kvno, once per ticket lifetime)', value: `${ticketMs.toFixed(0)} ms`, note: `MIT KDC on loopback, no injected latency` },
      ...row('Kerberos', kerberos, `; ratio to NTLM ${(kerberos.nextMs / ntlm.nextMs).toFixed(2)} (aim ≤ 1.10)`),
      ...row('NTLM', ntlm),
      ...row('Basic (plain HTTP, lab only)', basic),
    ];
  } finally {
    await server.close();
    tickets.close();
    await kdc.stop();
  }
}
