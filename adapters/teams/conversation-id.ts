/**
 * @module teams/conversation-id: channel thread ids. In a channel, a thread is addressed as
 * `<channel conversation id>;messageid=<root message id>`; chats have no threads.
 */
import { THREAD_SEPARATOR } from './constants.js';

export interface SplitConversationId {
  /** The channel or chat id, as configured in conversation bindings. */
  base: string;
  /** The root message of a channel thread. */
  thread?: string;
}

export function splitConversationId(id: string): SplitConversationId {
  const at = id.indexOf(THREAD_SEPARATOR);
  if (at < 0) return { base: id };
  const thread = id.slice(at + THREAD_SEPARATOR.length);
  return thread ? { base: id.slice(0, at), thread } : { base: id.slice(0, at) };
}

export function threadConversationId(base: string, thread: string | undefined): string {
  return thread ? `${base}${THREAD_SEPARATOR}${thread}` : base;
}
