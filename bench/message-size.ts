/**
 * @module bench/message-size: how large a message is where it is sent: the Slack chat.postMessage
 * body (text and blocks) and the Teams message activity carrying the card, as UTF-8 JSON.
 */
import { renderMessage } from '../adapters/slack/block-kit.js';
import { cardActivity, renderCard } from '../adapters/teams/adaptive-card.js';
import type { ChatMessage } from '../src/core/chat.js';

export interface MessageSize {
  slackBytes: number;
  slackBlocks: number;
  teamsBytes: number;
  teamsElements: number;
}

const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');

export function messageSize(message: ChatMessage): MessageSize {
  const slack = renderMessage(message);
  const card = renderCard(message, { actions: true });
  return { slackBytes: bytes(slack), slackBlocks: slack.blocks.length, teamsBytes: bytes(cardActivity(card)), teamsElements: card.body.length };
}

/** The largest of each figure over many messages (not necessarily the same message). */
export function largest(sizes: readonly MessageSize[]): MessageSize {
  const max = (pick: (s: MessageSize) => number) => Math.max(0, ...sizes.map(pick));
  return { slackBytes: max((s) => s.slackBytes), slackBlocks: max((s) => s.slackBlocks), teamsBytes: max((s) => s.teamsBytes), teamsElements: max((s) => s.teamsElements) };
}
