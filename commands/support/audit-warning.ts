/** @module audit-warning: what an answer read from the audit log says of lines it could not read. */
import type { Block } from '../../src/core/chat.js';

/** Lines of the log that are no entry are said, never skipped in silence. */
export function unreadableWarning(count: number): Block[] {
  if (count === 0) return [];
  const lines = count === 1 ? '1 line of the audit log could not be read and is' : `${count} lines of the audit log could not be read and are`;
  return [{ type: 'context', text: `⚠ ${lines} not shown (torn by a write that failed, or edited). \`npm run cli -- audit verify\` on the bot's host names the line.` }];
}
