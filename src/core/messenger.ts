/**
 * @module messenger: sends to whichever adapter a conversation belongs to. A chat outage
 * is logged, never allowed to break a job or an approval: delivery returns undefined.
 */
import type { ChatAdapter, ChatMessage, MessageRef, PostOptions, ReplyOptions, Where } from './chat.js';
import type { Logger } from './logger.js';

export interface Messenger {
  post(where: Where, message: ChatMessage, options?: PostOptions): Promise<MessageRef | undefined>;
  reply(parent: MessageRef, message: ChatMessage, options?: ReplyOptions): Promise<MessageRef | undefined>;
  update(ref: MessageRef, message: ChatMessage): Promise<void>;
}

export function createMessenger(adapters: readonly ChatAdapter[], logger: Logger): Messenger {
  const byPlatform = new Map(adapters.map((a) => [a.platform, a]));
  const deliver = async <T>(platform: string, what: string, send: (a: ChatAdapter) => Promise<T>): Promise<T | undefined> => {
    const adapter = byPlatform.get(platform);
    if (!adapter) {
      logger.warn({ platform, what }, 'no chat adapter for this platform; message dropped');
      return undefined;
    }
    try {
      return await send(adapter);
    } catch (error) {
      logger.error({ platform, what, err: error }, 'chat delivery failed');
      return undefined;
    }
  };
  return {
    post: (where, message, options) => deliver(where.platform, 'post', (a) => a.post(where, message, options)),
    reply: (parent, message, options) => deliver(parent.platform, 'reply', (a) => a.reply(parent, message, options)),
    update: async (ref, message) => {
      await deliver(ref.platform, 'update', (a) => a.update(ref, message));
    },
  };
}
