/**
 * @module console-adapter: the bot in a terminal. Messages print as they are posted; a
 * thread reply is indented under its parent; an updated message prints only the lines that
 * changed, marked (a drain's card is printed once, then its state line as it changes).
 * `as bob: approve 1` runs one line as another person, only where that is allowed (the demo,
 * or `console.allowAs` in the configuration); elsewhere it is refused and nothing runs.
 */
import type { Writable } from 'node:stream';
import type { Actor, ChatAdapter, ChatEvent, ChatEventHandler, ChatMessage, MessageRef, Where } from '../../src/core/chat.js';
import { noPaint, renderText, type Paint } from './render-text.js';

export const CONSOLE_PLATFORM = 'console';

export interface ConsoleAdapterOptions {
  output: Writable;
  defaultUser: string;
  /** `as <user>:` lines act as that user; false (the default) refuses them. */
  allowAs?: boolean;
  paint?: Paint;
  /** Called after anything is printed (the interactive prompt redraws itself). */
  afterPrint?: () => void;
  /** Interactive: clear the prompt line before printing, so messages never follow a half-typed prompt. */
  clearLine?: boolean;
}

export interface ConsoleAdapter extends ChatAdapter {
  /** Turns a typed line into an event and hands it to the bot; undefined for blank lines. */
  submit(line: string): Promise<unknown>;
  eventFor(line: string): ChatEvent | undefined;
  /** Commands typed and not yet answered (a `validate` waiting for the cluster, say). */
  pending(): string[];
}

/** Messages whose last text is kept for updates (older ones print whole when updated). */
const SHOWN_KEPT = 500;

const AS_PREFIX = /^as\s+([A-Za-z0-9._-]+)\s*:\s*(.*)$/i;
const WHERE: Where = { platform: CONSOLE_PLATFORM, conversation: 'terminal' };

export function createConsoleAdapter(o: ConsoleAdapterOptions): ConsoleAdapter {
  const paint = o.paint ?? noPaint;
  let handler: ChatEventHandler | undefined;
  let seq = 0;
  const inFlight = new Set<{ text: string }>();
  /** What each message showed last, so that an update prints only what changed. */
  const shown = new Map<string, string[]>();
  const remember = (id: string, lines: string[]) => {
    shown.delete(id);
    shown.set(id, lines);
    if (shown.size > SHOWN_KEPT) shown.delete(shown.keys().next().value!);
  };
  const print = (lines: string[], indent: string) => {
    if (o.clearLine) o.output.write('\r\u001b[2K');
    o.output.write(lines.map((l) => `${indent}${l}`).join('\n') + '\n');
    o.afterPrint?.();
  };
  const actor = (name: string): Actor => ({ platform: CONSOLE_PLATFORM, id: name, name });

  const eventFor = (line: string): ChatEvent | undefined => {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith('#')) return undefined;
    const as = o.allowAs ? AS_PREFIX.exec(trimmed) : null;
    const who = as ? as[1]! : o.defaultUser;
    const text = as ? as[2]! : trimmed;
    return { kind: 'command', actor: actor(who), where: WHERE, text };
  };
  const refuseAs = async (line: string) => {
    const who = AS_PREFIX.exec(line.trim())?.[1];
    print([`${paint.cyan('bot')}: \`as ${who}:\` is off here: this console acts as ${o.defaultUser} only. Nothing was run. (It works in the demo, or with console.allowAs in the configuration.)`], '');
    return { accepted: false };
  };

  return {
    platform: CONSOLE_PLATFORM,
    async start(onEvent) {
      handler = onEvent;
    },
    async stop() {
      handler = undefined;
    },
    eventFor,
    async submit(line) {
      const event = eventFor(line);
      if (!event || !handler) return undefined;
      if (!o.allowAs && AS_PREFIX.test(line.trim())) return refuseAs(line);
      const entry = { text: event.kind === 'command' ? event.text : line };
      inFlight.add(entry);
      try {
        return await handler(event);
      } finally {
        inFlight.delete(entry);
      }
    },
    pending: () => [...inFlight].map((e) => `\`${e.text}\` (waiting for its answer)`),
    async post(where, message: ChatMessage, options) {
      const ref: MessageRef = { platform: CONSOLE_PLATFORM, conversation: where.conversation, messageId: `m${++seq}` };
      const only = options?.visibleTo ? paint.dim(` (only ${options.visibleTo.name} sees this)`) : '';
      const lines = renderText(message, paint);
      remember(ref.messageId, lines);
      print([`${paint.cyan('bot')}${only}: ${lines[0] ?? ''}`, ...lines.slice(1).map((l) => `     ${l}`)], '');
      return { ...ref, thread: ref.messageId };
    },
    async reply(parent, message, options) {
      const ref: MessageRef = { platform: CONSOLE_PLATFORM, conversation: parent.conversation, messageId: `m${++seq}`, thread: parent.thread ?? parent.messageId };
      const also = options?.broadcast ? paint.dim(' (also sent to the channel)') : '';
      const lines = renderText(message, paint);
      remember(ref.messageId, lines);
      print([`↳ ${lines.join('\n    ')}${also}`], '    ');
      return ref;
    },
    async update(ref, message) {
      const indent = ref.thread && ref.thread !== ref.messageId ? '    ' : '';
      const lines = renderText(message, paint);
      const before = shown.get(ref.messageId);
      remember(ref.messageId, lines);
      const changed = before ? lines.filter((l) => !before.includes(l)) : lines;
      if (changed.length === 0) return;
      print([`${paint.dim('↻ updated:')} ${changed.join(`\n${indent}    `)}`], indent);
    },
  };
}
