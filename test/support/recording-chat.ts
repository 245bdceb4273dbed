/**
 * @module recording-chat: an in-memory chat platform that keeps everything the bot says.
 * One RecordingChat can serve several platforms (an adapter per platform, one shared log),
 * so a test can act as the same person from Slack and Teams. Messages have ids, threads
 * and a current text like a real platform; updating a message that was never sent fails.
 */
import type {
  ChatAdapter, ChatEvent, ChatEventHandler, ChatMessage, MessageRef, PostOptions, ReplyOptions, Where,
} from '../../src/core/chat.js';

export type SentKind = 'post' | 'reply' | 'update';

export interface Sent {
  seq: number;
  kind: SentKind;
  /** The message posted, replied or updated. */
  ref: MessageRef;
  message: ChatMessage;
  /** Clock time when it was sent. */
  at: number;
  where?: Where;
  parent?: MessageRef;
  postOptions?: PostOptions;
  replyOptions?: ReplyOptions;
}

export interface RecordingChatOptions {
  /** Where `at` comes from (the test's clock). */
  now: () => number;
}

export interface RecordingChat {
  adapter(platform: string): ChatAdapter;
  /** Hands an event to the bot the way the platform's adapter would. */
  deliver(event: ChatEvent): Promise<unknown>;
  /** Everything sent, in order. */
  readonly log: readonly Sent[];
  /** The text a message shows now (after its updates). */
  textOf(messageId: string): string;
  /** Posts and replies (not updates). */
  messages(): Sent[];
  /** Replies in the thread that `ref` starts or belongs to. */
  threadOf(ref: MessageRef): Sent[];
  updatesOf(messageId: string): Sent[];
  /** Messages only this person sees (ephemeral answers and refusals). */
  privateTo(actorId: string): Sent[];
  /** Subscribe to everything sent, as it is sent. */
  onSent(listener: (sent: Sent) => void | Promise<void>): void;
  /** From now on, sending of these kinds fails as during a platform outage ([] ends it). */
  setOutage(kinds: readonly SentKind[]): void;
}

export function createRecordingChat(o: RecordingChatOptions): RecordingChat {
  const log: Sent[] = [];
  const current = new Map<string, ChatMessage>();
  const handlers = new Map<string, ChatEventHandler>();
  const listeners: ((sent: Sent) => void | Promise<void>)[] = [];
  let nextId = 0;
  let down: readonly SentKind[] = [];
  const outage = (kind: SentKind) => {
    if (down.includes(kind)) throw new Error(`platform unavailable (${kind})`);
  };

  const record = async (sent: Omit<Sent, 'seq' | 'at'>) => {
    const full: Sent = { ...sent, seq: log.length + 1, at: o.now(), message: structuredClone(sent.message) };
    log.push(full);
    current.set(key(sent.ref), full.message);
    for (const listener of listeners) await listener(full);
  };

  const adapter = (platform: string): ChatAdapter => ({
    platform,
    async start(onEvent) {
      handlers.set(platform, onEvent);
    },
    async stop() {
      handlers.delete(platform);
    },
    async post(where, message, options) {
      outage('post');
      const messageId = `${platform}-m${++nextId}`;
      const ref: MessageRef = { platform, conversation: where.conversation, messageId, thread: where.thread ?? messageId };
      await record({ kind: 'post', ref, message, where, ...(options ? { postOptions: options } : {}) });
      return ref;
    },
    async reply(parent, message, options) {
      outage('reply');
      const ref: MessageRef = { platform, conversation: parent.conversation, messageId: `${platform}-m${++nextId}`, thread: parent.thread ?? parent.messageId };
      await record({ kind: 'reply', ref, message, parent, ...(options ? { replyOptions: options } : {}) });
      return ref;
    },
    async update(ref, message) {
      outage('update');
      if (!current.has(key(ref))) throw new Error(`message_not_found: ${ref.messageId}`);
      await record({ kind: 'update', ref, message });
    },
  });

  return {
    adapter,
    log,
    deliver(event) {
      const handler = handlers.get(event.where.platform);
      if (!handler) throw new Error(`no bot listens on ${event.where.platform}; call bot.start() first`);
      return handler(event);
    },
    textOf(messageId) {
      const found = [...current.entries()].find(([k]) => k.endsWith(`\u0000${messageId}`));
      if (!found) throw new Error(`no message ${messageId}`);
      return found[1].text;
    },
    messages: () => log.filter((s) => s.kind !== 'update'),
    threadOf: (ref) => log.filter((s) => s.kind === 'reply' && s.ref.conversation === ref.conversation && s.ref.thread === (ref.thread ?? ref.messageId)),
    updatesOf: (messageId) => log.filter((s) => s.kind === 'update' && s.ref.messageId === messageId),
    privateTo: (actorId) => log.filter((s) => s.postOptions?.visibleTo?.id === actorId),
    onSent(listener) {
      listeners.push(listener);
    },
    setOutage(kinds) {
      down = kinds;
    },
  };
}

function key(ref: MessageRef): string {
  return `${ref.platform}\u0000${ref.conversation}\u0000${ref.messageId}`;
}
