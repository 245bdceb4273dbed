/**
 * @module teams/turn-scope: what the adapter knows about the turn a core call came from.
 * A card posted while handling a command belongs to that command's requester; an update or
 * a private note made while handling a card click becomes the click's invoke response.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { ChatMessage } from '../../src/core/chat.js';

export interface CommandScope {
  kind: 'command';
  /** AAD object id of the person who typed the command. */
  actorId: string;
}

export interface InvokeScope {
  kind: 'invoke';
  actorId: string;
  /** The card that was clicked (the invoke's replyToId). */
  cardId: string | undefined;
  /** Cleared when the invoke response has been written; later calls are ordinary sends. */
  open: boolean;
  card?: ChatMessage;
  note?: ChatMessage;
  /** Called when `card` is set. */
  onCard?: () => void;
}

export type TurnScope = CommandScope | InvokeScope;

const storage = new AsyncLocalStorage<TurnScope>();

export function runInScope<T>(scope: TurnScope, work: () => Promise<T>): Promise<T> {
  return storage.run(scope, work);
}

export function currentScope(): TurnScope | undefined {
  return storage.getStore();
}

/** The open invoke scope of this call chain, if any. */
export function openInvoke(): InvokeScope | undefined {
  const scope = storage.getStore();
  return scope?.kind === 'invoke' && scope.open ? scope : undefined;
}
