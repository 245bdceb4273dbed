/**
 * @module slack/inbound: what Slack delivers, as ChatEvents. The slash command, an
 * @-mention in a channel and a plain message in a DM become commands; Approve/Deny/Cancel
 * clicks become actions. Every listener acks first, before anything reaches the bot.
 * Identity is always Slack's user id (`user_id`, `event.user`, `body.user.id`), never a
 * button's value; the value only names the request. Each event carries a delivery id that
 * the core remembers, so a retried delivery or a replayed click runs nothing twice.
 */
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { Actor, ChatAction, ChatEvent, Where } from '../../src/core/chat.js';
import type { Logger } from '../../src/core/logger.js';
import { ACTION_PREFIX } from './block-kit.js';
import { SLACK_PLATFORM, typedText } from './mrkdwn.js';

export interface InboundOptions {
  /** The slash command, `/hyperv` by default. */
  command: string;
  botUserId: string;
  /** A display name for a Slack user id (from the config's users), if known. */
  nameOf(userId: string): string | undefined;
  /** Hands an event to the bot; must not throw, must not be awaited by the listener. */
  dispatch(event: ChatEvent): void;
  /** A slash command's response_url, the way back when the bot is not in that channel. */
  rememberResponseUrl(channel: string, userId: string, url: string): void;
  logger: Logger;
}

const ACTIONS = ['approve', 'deny', 'cancel'] as const satisfies readonly ChatAction[];
const ACTION_ID = new RegExp(`^${ACTION_PREFIX}:(${ACTIONS.join('|')}):\\d+$`);

export function registerInbound(app: App, o: InboundOptions): void {
  const actor = (id: string, fallback?: string): Actor => ({ platform: SLACK_PLATFORM, id, name: o.nameOf(id) ?? (fallback || id) });
  const where = (channel: string, thread?: string): Where => ({ platform: SLACK_PLATFORM, conversation: channel, ...(thread ? { thread } : {}) });
  const mention = new RegExp(`<@${o.botUserId}(?:\\|[^>]*)?>`, 'g');
  const commandText = (encoded: string) => typedText(encoded.replace(mention, ' ')).replace(/\s+/g, ' ').trim() || 'help';

  app.command(o.command, async ({ ack, command }) => {
    await ack();
    if (command.response_url) o.rememberResponseUrl(command.channel_id, command.user_id, command.response_url);
    o.dispatch({
      kind: 'command',
      actor: actor(command.user_id, command.user_name),
      where: where(command.channel_id),
      text: commandText(command.text),
      deliveryId: `slack:command:${command.trigger_id}`,
    });
  });

  // Events API events are acked by Bolt before these listeners run.
  // The delivery id is the message's (channel, ts): identical across retries, like event_id,
  // and also identical when Slack sends one message as both app_mention and message.im.
  app.event('app_mention', async ({ event }) => {
    if (!event.user || event.bot_id) return;
    o.dispatch({
      kind: 'command',
      actor: actor(event.user, event.user_profile?.display_name || event.user_profile?.name),
      where: where(event.channel, event.thread_ts),
      text: commandText(event.text),
      deliveryId: `slack:message:${event.channel}:${event.ts}`,
    });
  });

  app.message(async ({ message }) => {
    if (message.subtype !== undefined || message.channel_type !== 'im' || message.bot_id || !message.user) return;
    o.dispatch({
      kind: 'command',
      actor: actor(message.user),
      where: where(message.channel, message.thread_ts),
      text: commandText(message.text ?? ''),
      deliveryId: `slack:message:${message.channel}:${message.ts}`,
    });
  });

  app.action<BlockAction<ButtonAction>>({ type: 'block_actions', action_id: ACTION_ID }, async ({ ack, body, action }) => {
    await ack();
    const verb = ACTION_ID.exec(action.action_id)?.[1] as ChatAction | undefined;
    const requestId = Number(action.value);
    // A click from a surface without a message container (a modal, a crafted payload) has no channel: ignored.
    const channel = body.channel?.id ?? body.container?.channel_id;
    if (!verb || !Number.isSafeInteger(requestId) || requestId <= 0 || typeof channel !== 'string') {
      o.logger.warn({ actionId: action.action_id }, 'Slack button click without a usable request id; ignored');
      return;
    }
    const messageTs: unknown = body.container?.message_ts ?? body.message?.ts;
    const threadTs: unknown = body.container?.thread_ts;
    o.dispatch({
      kind: 'action',
      actor: actor(body.user.id, body.user.name ?? body.user.username),
      where: where(channel, typeof threadTs === 'string' ? threadTs : undefined),
      action: verb,
      requestId,
      deliveryId: `slack:action:${String(messageTs)}:${action.action_ts}:${body.user.id}`,
    });
  });
}
