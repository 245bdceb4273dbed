/**
 * @module failure: the error boundary's rule. Errors written for people (CommandError,
 * ClusterError) are shown as written; anything else is logged with a correlation id and
 * the user sees only that id, never a stack or an exception's text.
 */
import { randomBytes } from 'node:crypto';
import { ClusterError } from '../cluster/errors.js';
import { CommandError } from './errors.js';
import type { Logger } from './logger.js';

export interface Failure {
  text: string;
  /** true when the failure is a cancellation the user asked for. */
  cancelled: boolean;
  correlationId?: string;
}

/** An AbortSignal's reason (a DOMException named AbortError); checked by name, as DOMException may come from another realm. */
export function isAbortError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError';
}

/** A short id that ties what a person was told to the log lines about it. */
export function newCorrelationId(): string {
  return randomBytes(4).toString('hex');
}

export function describeFailure(error: unknown, logger: Logger, context: string, correlationId = newCorrelationId()): Failure {
  if (error instanceof CommandError) return { text: error.message, cancelled: false };
  if (error instanceof ClusterError) return { text: error.message, cancelled: error.code === 'migration-cancelled' };
  // A job's signal aborted (AbortSignal.throwIfAborted): the cancel someone asked for, not a fault.
  if (isAbortError(error)) return { text: 'cancelled before it finished', cancelled: true };
  logger.error({ err: error, correlationId }, context);
  return { text: `Something went wrong on my side (ref ${correlationId}); the details are in the bot's log.`, cancelled: false, correlationId };
}
