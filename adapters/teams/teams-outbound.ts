/**
 * @module teams/teams-outbound: post, reply and update as Teams does them. Every message is
 * an Adaptive Card sent proactively (connector) through the throttled outbox, queued at
 * call time so it leaves in order. A channel thread is addressed as `…;messageid=<root>`;
 * in a chat, a reply answers its parent activity. Inside a card click, an update of the
 * clicked card and a note for the clicker become the click's answer (turn-scope).
 */
import type { Actor, ChatMessage, MessageRef, Where } from '../../src/core/chat.js';
import { buttonsOf, type CardViews } from './card-views.js';
import type { Connector, ConnectorTarget } from './connector.js';
import { TEAMS_PLATFORM } from './constants.js';
import { threadConversationId } from './conversation-id.js';
import { UnknownConversationError } from './errors.js';
import type { Outbox, OutboxClock } from './outbox.js';
import type { CardEntry, ConversationEntry, TeamsDirectory } from './teams-directory.js';
import { currentScope, openInvoke } from './turn-scope.js';

export interface TeamsOutboundOptions {
  directory: TeamsDirectory;
  outbox: Outbox;
  connector: Connector;
  views: CardViews;
  clock: OutboxClock;
}

export interface TeamsOutbound {
  post(where: Where, message: ChatMessage, visibleTo?: Actor): Promise<MessageRef>;
  reply(parent: MessageRef, message: ChatMessage): Promise<MessageRef>;
  update(ref: MessageRef, message: ChatMessage): Promise<void>;
}

const isChannel = (entry: ConversationEntry) => entry.conversationType === 'channel';

export function createTeamsOutbound(o: TeamsOutboundOptions): TeamsOutbound {
  const entryOf = async (conversation: string): Promise<ConversationEntry> => {
    const entry = await o.directory.conversation(conversation);
    if (!entry) throw new UnknownConversationError(conversation);
    return entry;
  };
  const target = (conversation: string, thread: string | undefined, entry: ConversationEntry): ConnectorTarget => ({
    conversationId: threadConversationId(conversation, isChannel(entry) ? thread : undefined),
    entry,
  });

  /** Approval cards are remembered so that refreshes and clicks can be answered later. */
  const rememberCard = async (conversation: string, messageId: string, message: ChatMessage, requesterId?: string): Promise<CardEntry | undefined> => {
    const known = await o.directory.card(conversation, messageId);
    const first = buttonsOf(message)[0];
    if (!known && !first) return undefined;
    const entry = { requestId: first?.requestId ?? known!.requestId, requesterId: known?.requesterId ?? requesterId, message, updatedAt: o.clock.now() };
    await o.directory.rememberCard(conversation, messageId, entry);
    return entry;
  };

  /** Queues an operation at call time, so sends leave in the order they were asked for. */
  const queued = <T>(conversation: string, op: (entry: ConversationEntry) => Promise<T>, coalesce?: string): Promise<T> => {
    const entry = entryOf(conversation);
    entry.catch(() => undefined); // reported through the queued operation
    return o.outbox.enqueue(conversation, async () => op(await entry), coalesce ? { coalesce } : {});
  };

  return {
    post(where, message, visibleTo) {
      const invoke = openInvoke();
      if (invoke && visibleTo?.id === invoke.actorId) {
        invoke.note = message; // the click's answer, shown to the clicker only
        return Promise.resolve({ platform: TEAMS_PLATFORM, conversation: where.conversation, messageId: `invoke-note-${o.clock.now()}` });
      }
      const scope = currentScope();
      const requesterId = scope?.kind === 'command' ? scope.actorId : undefined;
      return queued(where.conversation, async (entry) => {
        const shown = visibleTo && entry.conversationType !== 'personal' ? addressedTo(message, visibleTo) : message;
        const id = await o.connector.send(target(where.conversation, where.thread, entry), await o.views.shared(shown, requesterId));
        await rememberCard(where.conversation, id, shown, requesterId);
        const thread = isChannel(entry) ? (where.thread ?? id) : undefined;
        return { platform: TEAMS_PLATFORM, conversation: where.conversation, messageId: id, ...(thread ? { thread } : {}) };
      });
    },
    reply: (parent, message) =>
      queued(parent.conversation, async (entry) => {
        const activity = await o.views.shared(message, undefined);
        const root = parent.thread ?? parent.messageId;
        const id = isChannel(entry)
          ? await o.connector.send(target(parent.conversation, root, entry), activity)
          : await o.connector.reply(target(parent.conversation, undefined, entry), parent.messageId, activity);
        return { platform: TEAMS_PLATFORM, conversation: parent.conversation, messageId: id, ...(isChannel(entry) ? { thread: root } : {}) };
      }),
    update(ref, message) {
      const invoke = openInvoke();
      if (invoke && invoke.cardId === ref.messageId) {
        invoke.card = message;
        invoke.onCard?.();
      }
      return queued(
        ref.conversation,
        async (entry) => {
          const card = await rememberCard(ref.conversation, ref.messageId, message);
          await o.connector.update(target(ref.conversation, ref.thread, entry), ref.messageId, await o.views.shared(message, card?.requesterId));
        },
        `update:${ref.conversation}:${ref.messageId}`,
      );
    },
  };
}

/** Teams has no messages only one person sees in a channel: say whom it is for instead. */
function addressedTo(message: ChatMessage, actor: Actor): ChatMessage {
  return { text: `@${actor.name} ${message.text}`, blocks: [{ type: 'mentions', prefix: '', actors: [actor] }, ...message.blocks] };
}
