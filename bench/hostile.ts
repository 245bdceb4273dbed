/**
 * @module bench/hostile: how long the event loop stalls while the client reads what a hostile
 * WinRM server (or chat user) sends: huge output, deep XML, many elements, deep CLIXML, a large
 * error stream, a long command. Event-loop delay (max and p99, perf_hooks monitorEventLoopDelay at
 * 1 ms resolution) around each; aim: no stall over 20 ms. For the refused inputs, the unbounded
 * DOM parse of the same text is shown beside, to say what the bound saves.
 */
import { DOMParser } from '@xmldom/xmldom';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import { commands } from '../commands/index.js';
import { createParser } from '../src/core/parser.js';
import { ResponseLimitError } from '../src/remoting/errors.js';
import { decodeStderrAsync } from '../src/remoting/powershell/index.js';
import { ResponseLimits } from '../src/remoting/wsman/constants.js';
import { parseMessage, readReceive } from '../src/remoting/wsman/parse.js';
import { deepClixml, deepXml, manyClixmlRecords, wideXml } from '../test/remoting/wsman/helpers/hostile-inputs.js';
import type { Bench, BenchRow } from './table.js';

const AIM_MS = 20;

interface Stall {
  readonly maxMs: number;
  readonly p99Ms: number;
  readonly wallMs: number;
  readonly outcome: string;
}

/** Runs `work` with the event-loop delay monitor on; the delay is what any other request would have waited. */
async function measure(work: () => Promise<string>): Promise<Stall> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  await sleep(10);
  const started = performance.now();
  let outcome: string;
  try {
    outcome = await work();
  } catch (error) {
    outcome = error instanceof ResponseLimitError ? `refused: ${error.limit} > ${error.max}` : `failed: ${(error as Error).name}`;
  }
  const wallMs = performance.now() - started;
  await sleep(10);
  histogram.disable();
  return { maxMs: histogram.max / 1e6, p99Ms: histogram.percentile(99) / 1e6, wallMs, outcome };
}

/** A ReceiveResponse carrying `bytes` of stdout, as a server at MaxEnvelopeSize sends it. */
function receiveEnvelope(bytes: number): string {
  const data = Buffer.alloc(bytes, 'x').toString('base64');
  return (
    '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:rsp="http://schemas.microsoft.com/wbem/wsman/1/windows/shell">' +
    `<s:Header/><s:Body><rsp:ReceiveResponse><rsp:Stream Name="stdout" CommandId="C">${data}</rsp:Stream>` +
    '<rsp:CommandState CommandId="C" State="http://schemas.microsoft.com/wbem/wsman/1/windows/shell/CommandState/Running"/></rsp:ReceiveResponse></s:Body></s:Envelope>'
  );
}

/** Receives of maximal envelopes until the output bound stops the command (as command-lifecycle counts it). */
async function hugeOutput(): Promise<string> {
  const envelope = receiveEnvelope(110_000); // base64 of 110 kB: about MaxEnvelopeSize (150 KiB)
  let total = 0;
  for (let receives = 1; ; receives++) {
    for (const chunk of readReceive(parseMessage(envelope)).chunks) total += chunk.data.length;
    if (total > ResponseLimits.maxOutputBytes) throw new ResponseLimitError('output-bytes', ResponseLimits.maxOutputBytes);
    await nextTurn(); // the next Receive arrives over the network
    if (receives > 10_000) return 'never stopped';
  }
}

function unboundedParseMs(xml: string): string {
  const started = performance.now();
  try {
    new DOMParser({ onError: () => undefined }).parseFromString(xml.replace(/^#< CLIXML\r\n/, ''), 'text/xml');
  } catch {
    // a stack overflow on deep input is also what the bound prevents
  }
  return `unbounded DOM parse ${(performance.now() - started).toFixed(0)} ms`;
}

export const hostileBench: Bench = {
  name: 'hostile',
  async run() {
    const parser = createParser(commands);
    const long = (n: number) => `migrate ${'vm42 '.repeat(Math.ceil(n / 5))}`.slice(0, n);
    const deep = deepXml(100_000);
    const wide = wideXml(100_000);
    const deepCli = deepClixml(50_000);
    const inputs: Array<[string, () => Promise<string>, string?]> = [
      [`huge output (110 kB Receives past the ${ResponseLimits.maxOutputBytes / 2 ** 20} MiB bound)`, hugeOutput],
      [`deep XML (100,000 levels, ${(deep.length / 1024).toFixed(0)} KiB)`, async () => (parseMessage(deep), 'parsed'), unboundedParseMs(deep)],
      [`wide XML (100,000 elements, ${(wide.length / 1024).toFixed(0)} KiB)`, async () => (parseMessage(wide), 'parsed'), unboundedParseMs(wide)],
      ['deep CLIXML (50,000 levels)', async () => ((await decodeStderrAsync(deepCli)).text, 'decoded'), unboundedParseMs(deepCli)],
      ['large CLIXML error stream (20,000 records, legitimate)', async () => `decoded ${(await decodeStderrAsync(manyClixmlRecords(20_000))).warnings.length} records`],
      ['long command, 40,000 characters (src/core/parser.ts)', async () => (parser.parse(long(40_000), ['demo']).spec?.name ?? 'no match')],
      ['long command, 1 MiB (src/core/parser.ts)', async () => (parser.parse(long(2 ** 20), ['demo']).spec?.name ?? 'no match')],
    ];
    const rows: BenchRow[] = [];
    for (const [label, work, context] of inputs) {
      const stall = await measure(work);
      const verdict = stall.maxMs <= AIM_MS ? 'ok' : 'OVER';
      rows.push({
        metric: label,
        value: `max ${stall.maxMs.toFixed(1)} ms, p99 ${stall.p99Ms.toFixed(1)} ms`,
        note: `${verdict} (aim ≤ ${AIM_MS} ms); ${stall.outcome} in ${stall.wallMs.toFixed(0)} ms${context ? `; ${context}` : ''}`,
      });
    }
    return { title: 'Hostile input: event-loop stalls while parsing (monitorEventLoopDelay)', rows };
  },
};
