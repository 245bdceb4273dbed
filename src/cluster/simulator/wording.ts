/** @module simulator/wording: the plain words the simulator uses in messages for operators. */
import { assertNever } from './assert-never.js';
import type { PlanPosition } from './migration-plan.js';

/** 8192 → "8 GiB", 1536 → "1.5 GiB", 512 → "512 MB". */
export function formatMemory(mb: number): string {
  if (Math.abs(mb) < 1024) return `${Math.round(mb)} MB`;
  const gib = mb / 1024;
  return `${Number.isInteger(gib) ? gib : gib.toFixed(1)} GiB`;
}

/** "during the memory copy (pass 2, 48%)", "during the blackout (97%)", … */
export function describeWhen(position: PlanPosition): string {
  const pct = `${position.percent}%`;
  switch (position.phase) {
    case 'starting': return 'while the migration was starting';
    case 'memory-copy': return `during the memory copy (pass ${position.pass ?? 1}, ${pct})`;
    case 'blackout': return `during the blackout (${pct})`;
    case 'saving': return `while saving the VM (${pct})`;
    case 'moving': return `while moving the VM (${pct})`;
    case 'restoring': return `while restoring the VM (${pct})`;
    case 'done': return 'as the migration finished';
    default: return assertNever(position.phase);
  }
}
