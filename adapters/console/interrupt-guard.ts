/**
 * @module interrupt-guard: Ctrl-C in the console. With nothing running it leaves at once (exit
 * 0). With jobs or commands under way it first says what is running and what becomes of it if
 * the bot stops now (resumed at the next start when the state is in a file; lost with the demo's
 * memory state), and leaves only on a second Ctrl-C (exit 130, as an interrupted program does).
 * A signal delivered twice for one key press (the terminal and npm both pass it on) counts once.
 */
import type { Writable } from 'node:stream';

export interface InterruptGuardOptions {
  output: Writable;
  /** What runs now, one line each: jobs, and commands still waiting for the cluster. */
  running(): Promise<string[]>;
  /** What becomes of running work if the bot stops now. */
  fate: string;
  now(): number;
  /** Stops the bot and exits with this code. */
  leave(code: number): void;
  /** How long the second Ctrl-C is awaited before it counts as a first one again (default 10 s). */
  confirmWithinMs?: number;
}

/** Two signals closer than this are one key press delivered twice. */
const SAME_PRESS_MS = 300;

export const EXIT_INTERRUPTED = 130;

export function createInterruptGuard(o: InterruptGuardOptions): { interrupt(): Promise<void> } {
  const window = o.confirmWithinMs ?? 10_000;
  let lastPress = -Infinity;
  let warnedAt = -Infinity;
  let leaving = false;
  return {
    async interrupt() {
      const now = o.now();
      if (leaving || now - lastPress < SAME_PRESS_MS) return;
      lastPress = now;
      const running = await o.running();
      if (running.length === 0) {
        leaving = true;
        o.output.write('\nNothing is running; leaving.\n');
        return o.leave(0);
      }
      if (now - warnedAt <= window) {
        leaving = true;
        o.output.write(`\nLeaving with ${running.length} still running. ${o.fate}\n`);
        return o.leave(EXIT_INTERRUPTED);
      }
      warnedAt = now;
      const seconds = Math.round(window / 1000);
      o.output.write(
        `\nStill running:\n${running.map((r) => `  ${r}`).join('\n')}\n${o.fate}\n` +
          `Press Ctrl-C again within ${seconds} s to leave anyway, or wait: the thread says when it ends.\n`,
      );
    },
  };
}

/** The sentence for `fate`, from where the state is kept. */
export function fateOf(stateFile: string): string {
  return stateFile === 'memory'
    ? 'The state is in memory (the demo): if the bot stops now, this is lost; a move under way finishes on the cluster, but nothing follows or records it.'
    : `The state is saved in ${stateFile}: the next start reads the cluster and carries these on.`;
}
