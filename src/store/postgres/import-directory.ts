/**
 * @module store/postgres/import-directory: a chat adapter's directory file (the JSON document
 * the Teams adapter keeps beside the state file: conversations, people, cards) copied into the
 * tables of migration 0004, inside `state migrate`'s transaction, so that after the move every
 * replica can still reach the conversations and refresh the cards of before.
 */
import type pg from 'pg';
import { z } from 'zod';

export const directoryDocumentSchema = z.looseObject({
  conversations: z.record(z.string(), z.looseObject({})).default({}),
  users: z.record(z.string(), z.string()).default({}),
  /** Keyed `<conversation>|<message id>`. */
  cards: z.record(z.string(), z.looseObject({ updatedAt: z.number() })).default({}),
});

export type DirectoryDocument = z.infer<typeof directoryDocumentSchema>;

export interface DirectoryCounts {
  conversations: number;
  users: number;
  cards: number;
}

export async function insertConversationDirectory(client: pg.PoolClient, platform: string, document: DirectoryDocument): Promise<DirectoryCounts> {
  const conversations = Object.entries(document.conversations);
  for (const [id, entry] of conversations) await client.query('INSERT INTO chat_conversations (platform, id, entry) VALUES ($1, $2, $3)', [platform, id, entry]);
  const users = Object.entries(document.users);
  for (const [directoryId, userId] of users) await client.query('INSERT INTO chat_users (platform, directory_id, user_id) VALUES ($1, $2, $3)', [platform, directoryId, userId]);
  const cards = Object.entries(document.cards);
  for (const [key, entry] of cards) {
    const cut = key.lastIndexOf('|');
    if (cut < 0) continue; // not a key the adapter wrote
    await client.query('INSERT INTO chat_cards (platform, conversation, message_id, updated_at, entry) VALUES ($1, $2, $3, $4, $5)', [platform, key.slice(0, cut), key.slice(cut + 1), entry.updatedAt, entry]);
  }
  return { conversations: conversations.length, users: users.length, cards: cards.length };
}
