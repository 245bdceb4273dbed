/**
 * @module drain-board: the table a drain keeps in its one progress message: every VM moved,
 * moving (with its percent), queued or failed. A small drain shows every row; a large one shows
 * the counts, then only the rows that need eyes (moving and failed), so the message stays the
 * same size at 12 VMs or 125.
 *
 * The limits are the drain's own, chosen to sit well inside every platform's smallest budget:
 * Slack renders a table as monospaced sections of at most 3,000 characters and a message of at
 * most 50 blocks; a Teams activity must stay under about 28 KB. Fifteen rows of ~70 characters,
 * or eight failures with reasons cut at 160 characters, fit one Slack section and a few KB.
 */
import type { Block } from '../../src/core/chat.js';
import { duration, listOf } from '../../src/core/format.js';

export const DRAIN_BOARD_LIMITS = {
  /** Up to this many VMs, every row is shown. */
  fullTableRows: 15,
  /** Failed rows shown when the drain is summarised; the rest are counted. */
  failedRows: 8,
  /** A failure's reason is cut to this many characters in the table (the thread has it whole). */
  reasonChars: 160,
} as const;

export type BoardStatus =
  | { state: 'queued' }
  | { state: 'moving'; percent: number }
  | { state: 'moved'; type: string; durationMs: number }
  | { state: 'failed'; why: string }
  | { state: 'cancelled' };

export interface DrainBoard {
  set(vm: string, target: string | undefined, status: BoardStatus): void;
  /** The blocks for the progress message. */
  blocks(): Block[];
  counts(): Record<BoardStatus['state'], number>;
  /** The VMs not moved, with why. */
  leftBehind(): { vm: string; why: string }[];
}

interface Row {
  vm: string;
  target: string | undefined;
  status: BoardStatus;
}

export function createDrainBoard(vms: readonly { vm: string; target: string | undefined }[]): DrainBoard {
  const rows = new Map<string, Row>(vms.map((v) => [v.vm, { ...v, status: { state: 'queued' } }]));
  const counts = () => {
    const c = { queued: 0, moving: 0, moved: 0, failed: 0, cancelled: 0 };
    for (const r of rows.values()) c[r.status.state]++;
    return c;
  };
  return {
    set(vm, target, status) {
      rows.set(vm, { vm, target, status });
    },
    counts,
    blocks() {
      const all = [...rows.values()];
      const c = counts();
      const line = [`Moved ${c.moved} of ${all.length}`, `moving ${c.moving}`, `queued ${c.queued}`,
        ...(c.failed ? [`failed ${c.failed}`] : []), ...(c.cancelled ? [`cancelled ${c.cancelled}`] : [])].join(' · ');
      if (all.length <= DRAIN_BOARD_LIMITS.fullTableRows) return [{ type: 'context', text: line }, table(all)];
      const moving = all.filter((r) => r.status.state === 'moving');
      const failed = all.filter((r) => r.status.state === 'failed');
      const shownFailed = failed.slice(0, DRAIN_BOARD_LIMITS.failedRows);
      const more = failed.length - shownFailed.length;
      const picked = [...moving, ...shownFailed];
      return [
        { type: 'context', text: line },
        ...(picked.length ? [table(picked)] : []),
        ...(more > 0 ? [{ type: 'context' as const, text: `…and ${more} more failed; each is in the thread.` }] : []),
      ];
    },
    leftBehind() {
      return [...rows.values()].flatMap((r) => {
        switch (r.status.state) {
          case 'failed':
            return [{ vm: r.vm, why: r.status.why }];
          case 'cancelled':
            return [{ vm: r.vm, why: 'cancelled before it moved' }];
          case 'queued':
          case 'moving':
            return [{ vm: r.vm, why: 'not moved' }];
          case 'moved':
            return [];
        }
      });
    },
  };
}

function table(rows: readonly Row[]): Block {
  return { type: 'table', columns: ['VM', 'To', 'State'], rows: rows.map((r) => [r.vm, r.target ?? '—', stateText(r.status)]) };
}

function stateText(s: BoardStatus): string {
  switch (s.state) {
    case 'queued':
      return 'queued';
    case 'moving':
      return `moving ${Math.round(s.percent)}%`;
    case 'moved':
      return `moved (${s.type}, ${duration(s.durationMs)})`;
    case 'failed':
      return `failed: ${cut(s.why, DRAIN_BOARD_LIMITS.reasonChars)}`;
    case 'cancelled':
      return 'cancelled';
  }
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** "vm1 (why), vm2 (why) and 12 more": the VMs a drain left behind, for its summary. */
export function describeLeftBehind(left: readonly { vm: string; why: string }[], shown = 5): string {
  const named = left.slice(0, shown).map((l) => `${l.vm} (${cut(l.why, DRAIN_BOARD_LIMITS.reasonChars)})`);
  return left.length > shown ? `${named.join(', ')} and ${left.length - shown} more` : listOf(named);
}
