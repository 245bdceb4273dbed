/**
 * @module input-limits: how much of a chat message the bot reads. Checked before tokenizing,
 * before the "did you mean" search and before any access check, so a pasted page or a
 * megabyte costs the same handful of microseconds as a typo.
 */
import { InputTooLongError } from './errors.js';

export const INPUT_LIMITS = {
  /** A command with a 500-character deny reason fits with room to spare. */
  commandChars: 2000,
  /** Words and options after tokenizing. */
  commandTokens: 120,
  /** A first word longer than this is no command: no "did you mean" search for it. */
  verbChars: 40,
} as const;

/** Throws InputTooLongError when the text is longer than any command. */
export function checkCommandLength(text: string): void {
  if (text.length > INPUT_LIMITS.commandChars) throw new InputTooLongError('characters', text.length, INPUT_LIMITS.commandChars);
}

export function checkTokenCount(count: number): void {
  if (count > INPUT_LIMITS.commandTokens) throw new InputTooLongError('words', count, INPUT_LIMITS.commandTokens);
}
