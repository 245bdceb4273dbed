/**
 * @module bench/hostile-messages: what an oversized chat message costs from ChatEvent to the
 * refusal, for a known and an unknown person (issue 12: answered in milliseconds).
 */
import { performance } from 'node:perf_hooks';
import type { ChatEvent } from '../src/core/chat.js';
import { percentile, type BenchRow } from './table.js';

interface Handler {
  handle(event: ChatEvent): Promise<unknown>;
}

const where = { platform: 'bench', conversation: 'c1' };
const MiB = 1024 * 1024;

const messages: [string, string][] = [
  ['40,000-character word', 'x'.repeat(40_000)],
  ['1 MiB of words', 'migrate '.repeat(MiB / 8)],
  ['1 MiB unclosed quote', `vm "${'a'.repeat(MiB - 4)}`],
  ['1,999-character first word (under the cap)', 'y'.repeat(1999)],
];

export async function hostileMessageFigures(bot: Handler): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const [label, text] of messages) {
    for (const who of ['alice', 'mallory']) {
      const event: ChatEvent = { kind: 'command', actor: { platform: 'bench', id: who, name: who }, where, text };
      for (let i = 0; i < 5; i++) await bot.handle(event); // warm-up
      const times: number[] = [];
      for (let i = 0; i < 50; i++) {
        const t0 = performance.now();
        await bot.handle(event);
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      rows.push({ metric: `hostile message: ${label}, from ${who === 'alice' ? 'an operator' : 'an unknown person'}, p50 / p99`, value: `${percentile(times, 50).toFixed(3)} / ${percentile(times, 99).toFixed(3)} ms`, note: 'aim: milliseconds' });
    }
  }
  return rows;
}
