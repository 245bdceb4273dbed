/**
 * @module script-runner: the console's scripted mode. One command per line, each echoed,
 * each line's jobs awaited before the next (a line ending in ` &` does not wait); the
 * result is 0 only if every command was accepted and every job succeeded. Each line is echoed
 * after the same prompt the interactive console shows (`alice@demo> `), so a transcript reads
 * the same whichever way it was made.
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

/** The console's prompt for a person on a cluster, without colours. */
export function promptFor(user: string, cluster: string): string {
  return `${user}@${cluster}> `;
}

export async function runScript(
  lines: Iterable<string> | AsyncIterable<string>,
  adapter: ConsoleAdapter,
  bot: Bot,
  output: Writable,
  cluster: string,
): Promise<ScriptResult> {
  const refused: string[] = [];
  const started = new Set<number>();
  for await (const raw of lines) {
    const background = /\s&\s*$/.test(raw);
    const line = background ? raw.replace(/\s&\s*$/, '') : raw;
    const event = adapter.eventFor(line);
    if (!event || event.kind !== 'command') continue;
    output.write(`\n${promptFor(event.actor.name, cluster)}${event.text}\n`);
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
