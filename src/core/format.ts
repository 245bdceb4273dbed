/** @module format: numbers as operators read them: sizes, durations, bars, lists. */

export function gib(mb: number): string {
  const value = mb / 1024;
  return `${Number.isInteger(value) ? value : value.toFixed(1)} GiB`;
}

export function duration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  const seconds = ms / 1000;
  if (seconds < 10) return `${seconds.toFixed(1)} s`;
  if (seconds < 90) return `${Math.round(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  const rest = Math.round(seconds - minutes * 60);
  return rest ? `${minutes} min ${rest} s` : `${minutes} min`;
}

export function bar(percent: number, width = 10): string {
  const p = Math.max(0, Math.min(100, percent));
  const filled = Math.round((p / 100) * width);
  return '▓'.repeat(filled) + '░'.repeat(width - filled);
}

export function clockTime(ms: number): string {
  return new Date(ms).toISOString().slice(11, 16) + ' UTC';
}

export function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** 8000 → "8,000": counts people read at a glance. */
export function thousands(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/**
 * One unit for a whole column of sizes given in GiB (PowerShell's 1GB is 2^30 bytes): TiB with two
 * decimals when the largest is a TiB or more, else GiB with one, so rows compare at a glance.
 */
export function sizeColumn(valuesGiB: readonly number[]): (gib: number) => string {
  if (Math.max(0, ...valuesGiB) >= 1024) return (g) => `${(g / 1024).toFixed(2)} TiB`;
  return (g) => `${g.toFixed(1)} GiB`;
}
