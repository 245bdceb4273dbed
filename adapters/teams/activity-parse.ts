/**
 * @module teams/activity-parse: a Teams activity's parts in the core's terms. The actor's
 * id is the AAD object id within the activity's tenant (tenant-identity; never the display
 * name; without one, or from the wrong tenant, it gets an id no config entry can hold, so
 * every check refuses it); `where` is the channel or chat id with the
 * channel thread apart; the delivery id makes a repeated activity run nothing twice.
 */
import type { Activity, ChannelAccount } from 'botbuilder';
import type { Actor, ChatAction, Where } from '../../src/core/chat.js';
import { TEAMS_PLATFORM } from './constants.js';
import { splitConversationId } from './conversation-id.js';
import type { ConversationEntry } from './teams-directory.js';

export interface Inbound {
  /** The channel or chat id (no thread). */
  conversation: string;
  entry: ConversationEntry;
  actor: Actor;
  where: Where;
  deliveryId: string | undefined;
}

/** Tells the actor id of a sender (tenant-identity's `identify`, bound to the activity's tenant). */
export type ActorIdOf = (from: ChannelAccount) => string;

/** Undefined when the activity lacks what a reply would need. */
export function parseInbound(activity: Partial<Activity>, actorIdOf: ActorIdOf): Inbound | undefined {
  const { conversation, serviceUrl, recipient, from } = activity;
  if (!conversation?.id || !serviceUrl || !recipient?.id || !from?.id) return undefined;
  const { base, thread } = splitConversationId(conversation.id);
  const type = conversation.conversationType;
  const tenantId = conversation.tenantId ?? (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
  const entry: ConversationEntry = {
    serviceUrl,
    botId: recipient.id,
    ...(type ? { conversationType: type } : {}),
    ...(tenantId ? { tenantId } : {}),
    ...(recipient.name ? { botName: recipient.name } : {}),
  };
  // A new channel post is the root of its own thread.
  const root = thread ?? (type === 'channel' && activity.type === 'message' ? activity.id : undefined);
  return {
    conversation: base,
    entry,
    actor: actorOf(from, actorIdOf),
    where: { platform: TEAMS_PLATFORM, conversation: base, ...(root ? { thread: root } : {}) },
    deliveryId: activity.id ? `teams:${base}:${activity.id}` : undefined,
  };
}

export function actorOf(from: ChannelAccount, actorIdOf: ActorIdOf): Actor {
  const name = typeof from.name === 'string' ? from.name.trim() : '';
  return { platform: TEAMS_PLATFORM, id: actorIdOf(from), name: name || 'someone' };
}

/**
 * The command typed, once the bot's own mention has been removed (removeRecipientMention):
 * other people's mentions keep their names, non-breaking spaces become spaces.
 */
export function commandText(text: string | undefined): string {
  return (text ?? '')
    .replace(/<at>([^<]*)<\/at>/g, '$1')
    .replace(/&nbsp;|\u00a0/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const ACTIONS: readonly ChatAction[] = ['approve', 'deny', 'cancel'];

/** An Action.Execute's verb and data as a neutral action, or undefined if it is not one of ours. */
export function cardAction(verb: string | undefined, data: unknown): { action: ChatAction; requestId: number } | undefined {
  const action = ACTIONS.find((a) => a === verb);
  const requestId = (data as { requestId?: unknown } | undefined)?.requestId;
  if (!action || typeof requestId !== 'number' || !Number.isSafeInteger(requestId) || requestId < 1) return undefined;
  return { action, requestId };
}
