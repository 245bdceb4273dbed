/**
 * @module store/postgres/postgres-conversation-directory: the ConversationDirectory port over
 * PostgreSQL (migration 0004), for one platform, shared by the replicas: a conversation one
 * replica heard from can be posted to by another. Entries are JSON; a write that changes
 * nothing writes nothing; past `maxCards` the oldest cards go, as the file keeps them.
 */
import type pg from 'pg';
import type { ConversationDirectory, RememberedCard } from '../../core/conversation-directory.js';
import { notSaved } from './transaction.js';

export interface PostgresConversationDirectoryOptions {
  /** Which adapter's rows these are ('teams'). */
  platform: string;
  /** Cards kept per platform (default 500). */
  maxCards?: number;
}

export function createPostgresConversationDirectory<Conversation, Card extends RememberedCard>(
  pool: pg.Pool,
  o: PostgresConversationDirectoryOptions,
): ConversationDirectory<Conversation, Card> {
  const { platform } = o;
  const maxCards = o.maxCards ?? 500;
  const write = async <T>(work: () => Promise<T>) => {
    try {
      return await work();
    } catch (error) {
      throw notSaved(error);
    }
  };

  return {
    conversation: async (id) =>
      (await pool.query<{ entry: Conversation }>('SELECT entry FROM chat_conversations WHERE platform = $1 AND id = $2', [platform, id])).rows[0]?.entry,
    rememberConversation: (id, entry) =>
      write(async () => {
        // A row comes back only when something was written; xmax = 0 on a row this statement inserted.
        const written = await pool.query<{ inserted: boolean }>(
          `INSERT INTO chat_conversations (platform, id, entry) VALUES ($1, $2, $3)
           ON CONFLICT (platform, id) DO UPDATE SET entry = EXCLUDED.entry WHERE chat_conversations.entry IS DISTINCT FROM EXCLUDED.entry
           RETURNING xmax = 0 AS inserted`,
          [platform, id, entry],
        );
        return written.rows[0]?.inserted === true;
      }),
    userIds: async (directoryIds) => {
      if (directoryIds.length === 0) return [];
      const rows = await pool.query<{ directory_id: string; user_id: string }>(
        'SELECT directory_id, user_id FROM chat_users WHERE platform = $1 AND directory_id = ANY($2)',
        [platform, [...directoryIds]],
      );
      const known = new Map(rows.rows.map((r) => [r.directory_id, r.user_id]));
      return directoryIds.flatMap((id) => (known.has(id) ? [known.get(id)!] : []));
    },
    rememberUser: (directoryId, userId) =>
      write(async () => {
        await pool.query(
          `INSERT INTO chat_users (platform, directory_id, user_id) VALUES ($1, $2, $3)
           ON CONFLICT (platform, directory_id) DO UPDATE SET user_id = EXCLUDED.user_id WHERE chat_users.user_id <> EXCLUDED.user_id`,
          [platform, directoryId, userId],
        );
      }),
    card: async (conversation, messageId) =>
      (await pool.query<{ entry: Card }>('SELECT entry FROM chat_cards WHERE platform = $1 AND conversation = $2 AND message_id = $3', [platform, conversation, messageId])).rows[0]?.entry,
    rememberCard: (conversation, messageId, entry) =>
      write(async () => {
        await pool.query(
          `INSERT INTO chat_cards (platform, conversation, message_id, updated_at, entry) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (platform, conversation, message_id) DO UPDATE SET updated_at = EXCLUDED.updated_at, entry = EXCLUDED.entry`,
          [platform, conversation, messageId, entry.updatedAt, entry],
        );
        await pool.query(
          `DELETE FROM chat_cards WHERE platform = $1 AND (conversation, message_id) IN (
             SELECT conversation, message_id FROM chat_cards WHERE platform = $1 ORDER BY updated_at DESC OFFSET $2)`,
          [platform, maxCards],
        );
      }),
  };
}
