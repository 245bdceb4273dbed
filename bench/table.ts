/** @module bench/table: what a benchmark reports — rows of measured figures, printed as one table. */

export interface BenchRow {
  /** What was measured. */
  metric: string;
  value: string;
  /** The comparison the issue asks for, e.g. "ratio 1.04 (aim ≤ 1.10)". */
  note?: string;
}

export interface BenchResult {
  title: string;
  rows: BenchRow[];
}

export interface Bench {
  name: string;
  run(): Promise<BenchResult>;
}

export function printTable(result: BenchResult): void {
  const width = (pick: (r: BenchRow) => string, head: string) => Math.max(head.length, ...result.rows.map((r) => pick(r).length));
  const w1 = width((r) => r.metric, 'metric');
  const w2 = width((r) => r.value, 'value');
  const line = (a: string, b: string, c: string) => `| ${a.padEnd(w1)} | ${b.padStart(w2)} | ${c}`;
  console.log(`\n## ${result.title}\n`);
  console.log(line('metric', 'value', 'note'));
  console.log(`|${'-'.repeat(w1 + 2)}|${'-'.repeat(w2 + 2)}|------`);
  for (const r of result.rows) console.log(line(r.metric, r.value, r.note ?? ''));
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}
