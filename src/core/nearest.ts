/** @module nearest: "did you mean" — the closest names by edit distance, transpositions counted once. */

/** Optimal string alignment distance (Damerau–Levenshtein without repeated edits of a substring). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const row = d[i]!;
      const prev = d[i - 1]!;
      let best = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      row[j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/** Longer names are not compared at all. */
const MAX_COMPARED = 256;

/** Up to `limit` candidates close to `wanted`, closest first, compared case-insensitively. */
export function nearestNames(wanted: string, candidates: Iterable<string>, limit = 3): string[] {
  // Edit distance costs length × length: a name this long is close to nothing anyone configured.
  if (wanted.length > MAX_COMPARED) return [];
  const w = wanted.toLowerCase();
  const allowed = Math.max(1, Math.min(3, Math.floor(w.length / 3)));
  const scored: { name: string; score: number }[] = [];
  for (const name of new Set(candidates)) {
    const n = name.toLowerCase();
    const distance = editDistance(w, n);
    const prefix = n.startsWith(w) || w.startsWith(n);
    if (distance <= allowed || (prefix && Math.min(w.length, n.length) >= 2)) {
      scored.push({ name, score: distance - (prefix ? 0.5 : 0) });
    }
  }
  return scored
    .sort((x, y) => x.score - y.score || x.name.localeCompare(y.name))
    .slice(0, limit)
    .map((s) => s.name);
}
