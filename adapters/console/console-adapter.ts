/**
 * @module console-adapter: the bot in a terminal. Messages print as they are posted; a
 * thread reply is indented under its parent; an updated message is printed again, marked.
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
}

const AS_PREFIX = /^as\s+([A-Za-z0-9._-]+)\s*:\s*(.*)$/i;
const WHERE: Where = { platform: CONSOLE_PLATFORM, conversation: 'terminal' };

export function createConsoleAdapter(o: ConsoleAdapterOptions): ConsoleAdapter {
  const paint = o.paint ?? noPaint;
  let handler: ChatEventHandler | undefined;
  let seq = 0;
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
      return handler(event);
    },
    async post(where, message: ChatMessage, options) {
      const ref: MessageRef = { platform: CONSOLE_PLATFORM, conversation: where.conversation, messageId: `m${++seq}` };
      const only = options?.visibleTo ? paint.dim(` (only ${options.visibleTo.name} sees this)`) : '';
      const lines = renderText(message, paint);
      print([`${paint.cyan('bot')}${only}: ${lines[0] ?? ''}`, ...lines.slice(1).map((l) => `     ${l}`)], '');
      return { ...ref, thread: ref.messageId };
    },
    async reply(parent, message, options) {
      const ref: MessageRef = { platform: CONSOLE_PLATFORM, conversation: parent.conversation, messageId: `m${++seq}`, thread: parent.thread ?? parent.messageId };
      const also = options?.broadcast ? paint.dim(' (also sent to the channel)') : '';
      print([`↳ ${renderText(message, paint).join('\n    ')}${also}`], '    ');
      return ref;
    },
    async update(ref, message) {
      const indent = ref.thread && ref.thread !== ref.messageId ? '    ' : '';
      print([`${paint.dim('↻ updated:')} ${renderText(message, paint).join(`\n${indent}    `)}`], indent);
    },
  };
}
