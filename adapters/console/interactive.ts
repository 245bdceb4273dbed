/** @module interactive: the console as a prompt: `alice@demo> `, colours, Ctrl-D or `exit` to leave, Ctrl-C handed to the caller. */
import { createInterface, type Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';

export interface InteractiveOptions {
  input: Readable;
  output: Writable;
  prompt: (user: string) => string;
  user: string;
  submit(line: string): Promise<unknown>;
  /** Ctrl-C (the terminal is raw: it arrives as a key, not a signal). */
  onInterrupt(): void;
}

export function startInteractive(o: InteractiveOptions): { done: Promise<void>; redraw(): void; rl: Interface } {
  const rl = createInterface({ input: o.input, output: o.output, terminal: true, historySize: 200 });
  rl.setPrompt(o.prompt(o.user));
  const done = new Promise<void>((resolve) => rl.on('close', () => resolve()));
  rl.on('line', (line) => {
    if (/^\s*(exit|quit)\s*$/i.test(line)) return rl.close();
    void o.submit(line).finally(() => rl.prompt(true));
  });
  rl.on('SIGINT', () => {
    rl.write(null, { ctrl: true, name: 'u' }); // a half-typed line is dropped, as a shell does
    o.onInterrupt();
  });
  o.output.write('Type `help` for the commands, `as bob: approve 1` to act as someone else. To leave: `exit`, Ctrl-D, or Ctrl-C (which asks first while something runs).\n');
  rl.prompt();
  return { done, redraw: () => rl.prompt(true), rl };
}
