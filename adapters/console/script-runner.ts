/**
 * @module script-runner: the console's scripted mode. One command per line, each echoed,
 * each line's jobs awaited before the next (a line ending in ` &` does not wait); the
 * result is 0 only if every command was accepted and every job succeeded.
 */
import type { Writable } from 'node:stream';
import type { Bot } from '../../src/core/bot.js';
import type { DispatchResult } from '../../src/core/dispatcher.js';
import type { ConsoleAdapter } from './console-adapter.js';

export interface ScriptResult {
  exitCode: 0 | 1;
  refused: string[];
  failedJobs: number[];
}

export async function runScript(lines: Iterable<string> | AsyncIterable<string>, adapter: ConsoleAdapter, bot: Bot, output: Writable): Promise<ScriptResult> {
  const refused: string[] = [];
  const started = new Set<number>();
  for await (const raw of lines) {
    const background = /\s&\s*$/.test(raw);
    const line = background ? raw.replace(/\s&\s*$/, '') : raw;
    const event = adapter.eventFor(line);
    if (!event || event.kind !== 'command') continue;
    output.write(`\n${event.actor.name}> ${event.text}\n`);
    const result = (await adapter.submit(line)) as DispatchResult | undefined;
    if (!result?.accepted) refused.push(line.trim());
    if (result?.requestId !== undefined) started.add(result.requestId);
    if (!background) await bot.idle();
  }
  await bot.idle();
  const failedJobs: number[] = [];
  for (const id of started) {
    const state = await bot.stateOf(id);
    if (state === 'failed' || state === 'cancelled') failedJobs.push(id);
  }
  return { exitCode: refused.length === 0 && failedJobs.length === 0 ? 0 : 1, refused, failedJobs };
}
