/**
 * @module core/conversation-directory: the port for what a chat adapter must remember to reach
 * people again later (a proactive post, a card update, an announcement): per conversation, how
 * to reach it; per person, their chat id for their directory id; per card, what it shows. The
 * core stores only MessageRefs; an adapter that needs more keeps it here. Kept in a file per
 * process for the embedded state, in the database with replicas, so any replica can send.
 */

/** A card as remembered: `updatedAt` orders them, and only the newest are kept. */
export interface RememberedCard {
  updatedAt: number;
}

export interface ConversationDirectory<Conversation, Card extends RememberedCard> {
  conversation(id: string): Promise<Conversation | undefined>;
  /** True when the conversation was not known before. */
  rememberConversation(id: string, entry: Conversation): Promise<boolean>;
  /** The chat ids of those of `directoryIds` seen before, in order; the others are left out. */
  userIds(directoryIds: readonly string[]): Promise<string[]>;
  rememberUser(directoryId: string, userId: string): Promise<void>;
  card(conversation: string, messageId: string): Promise<Card | undefined>;
  rememberCard(conversation: string, messageId: string, entry: Card): Promise<void>;
}
