/**
 * @module teams/teams-directory: what the Teams adapter must remember across restarts. The
 * core stores only a MessageRef (conversation, message id, thread); to continue a
 * conversation proactively the adapter also needs its service URL, type, tenant and the
 * bot's id there, kept here per conversation. It also keeps the Teams user id (MRI) seen for
 * each AAD object id, for card refresh lists, and the live approval cards, so that a
 * refresh after a restart still shows the approvers their buttons. The port is the core's
 * ConversationDirectory; here lowdb: a JSON file beside the state file (atomic
 * write-and-rename), or memory. With replicas the composition root gives the adapter the
 * database's instead (src/store/postgres), so every replica reaches every conversation.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Low, Memory } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import type { ChatMessage } from '../../src/core/chat.js';
import type { ConversationDirectory } from '../../src/core/conversation-directory.js';
import { createSerial } from '../../src/core/serial.js';

export interface ConversationEntry {
  serviceUrl: string;
  conversationType?: string;
  tenantId?: string;
  botId: string;
  botName?: string;
}

export interface CardEntry {
  requestId: number;
  /** AAD object id of the requester: never shown the buttons. */
  requesterId?: string;
  message: ChatMessage;
  updatedAt: number;
}

export interface TeamsDirectoryDocument {
  version: 1;
  conversations: Record<string, ConversationEntry>;
  /** AAD object id → Teams user id (29:…) as this bot sees it. */
  users: Record<string, string>;
  /** `<conversation>|<activity id>` → the approval card shown there. */
  cards: Record<string, CardEntry>;
}

/** Directory ids are AAD (Entra) object ids; user ids are Teams ids (29:…); cards are keyed by activity id. */
export type TeamsDirectory = ConversationDirectory<ConversationEntry, CardEntry>;

const MAX_CARDS = 500;
const empty = (): TeamsDirectoryDocument => ({ version: 1, conversations: {}, users: {}, cards: {} });
const cardKey = (conversation: string, activityId: string) => `${conversation}|${activityId}`;

export function createTeamsDirectory(db: Low<TeamsDirectoryDocument>): TeamsDirectory {
  const serial = createSerial();
  let loaded = false;
  const data = async () => {
    if (!loaded) {
      await db.read();
      loaded = true;
    }
    return db.data;
  };
  /** Applies a change and writes only when something is different. */
  const change = (apply: (d: TeamsDirectoryDocument) => boolean) =>
    serial(async () => {
      if (apply(await data())) await db.write();
    });
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

  return {
    conversation: async (id) => structuredClone((await data()).conversations[id]),
    rememberConversation: async (id, entry) => {
      let fresh = false;
      await change((d) => {
        fresh = d.conversations[id] === undefined;
        if (same(d.conversations[id], entry)) return false;
        d.conversations[id] = entry;
        return true;
      });
      return fresh;
    },
    userIds: async (aadObjectIds) => {
      const users = (await data()).users;
      return aadObjectIds.flatMap((aad) => (users[aad] ? [users[aad]] : []));
    },
    rememberUser: (aadObjectId, userId) =>
      change((d) => {
        if (d.users[aadObjectId] === userId) return false;
        d.users[aadObjectId] = userId;
        return true;
      }),
    card: async (conversation, activityId) => structuredClone((await data()).cards[cardKey(conversation, activityId)]),
    rememberCard: (conversation, activityId, entry) =>
      change((d) => {
        d.cards[cardKey(conversation, activityId)] = structuredClone(entry);
        const keys = Object.keys(d.cards);
        if (keys.length > MAX_CARDS) {
          keys.sort((a, b) => d.cards[a]!.updatedAt - d.cards[b]!.updatedAt);
          for (const old of keys.slice(0, keys.length - MAX_CARDS)) delete d.cards[old];
        }
        return true;
      }),
  };
}

export function createMemoryTeamsDirectory(): TeamsDirectory {
  return createTeamsDirectory(new Low(new Memory<TeamsDirectoryDocument>(), empty()));
}

export function createFileTeamsDirectory(file: string): TeamsDirectory {
  mkdirSync(dirname(file), { recursive: true });
  return createTeamsDirectory(new Low(new JSONFile<TeamsDirectoryDocument>(file), empty()));
}
