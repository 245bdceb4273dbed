/**
 * @module teams/card-views: who sees which version of a card. Everyone sees the request and
 * its state; an approval card asks Teams (refresh.userIds) to refresh itself for the
 * approvers, and only an approver who is not the requester gets the version with buttons.
 * The buttons are a convenience: the core checks every decision again.
 */
import type { Button, ChatMessage } from '../../src/core/chat.js';
import { cardActivity, renderCard, type AdaptiveCard, type CardView } from './adaptive-card.js';
import type { TeamsDirectory } from './teams-directory.js';

export interface CardViewsOptions {
  directory: TeamsDirectory;
  /** AAD object ids of the people who may approve requests. */
  approvers(): readonly string[];
}

export interface CardViews {
  /** The message as posted to the conversation: what everyone sees. */
  shared(message: ChatMessage, requesterId: string | undefined): Promise<ReturnType<typeof cardActivity>>;
  /** The card one person sees: the answer to their refresh or click. */
  personal(actorId: string, message: ChatMessage, requesterId: string | undefined): Promise<AdaptiveCard>;
}

export function buttonsOf(message: ChatMessage): Button[] {
  return message.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons : []));
}

export function createCardViews(o: CardViewsOptions): CardViews {
  const eligible = (requesterId: string | undefined) => o.approvers().filter((id) => id !== requesterId);
  const refresh = async (message: ChatMessage, requesterId: string | undefined): Promise<CardView['refresh']> => {
    const first = buttonsOf(message)[0];
    if (!first) return undefined;
    return { requestId: first.requestId, userIds: await o.directory.userIds(eligible(requesterId)) };
  };
  return {
    async shared(message, requesterId) {
      return cardActivity(renderCard(message, { actions: false, refresh: await refresh(message, requesterId) }));
    },
    async personal(actorId, message, requesterId) {
      const actions = buttonsOf(message).length > 0 && eligible(requesterId).includes(actorId);
      return renderCard(message, { actions, refresh: await refresh(message, requesterId) });
    },
  };
}
