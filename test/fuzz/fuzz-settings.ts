/**
 * @module fuzz-settings: every fuzz target runs with a fixed seed and a bounded number of runs,
 * so `npm test` is repeatable and each target takes a few seconds at most. To search further
 * locally: FUZZ_RUNS=100000 FUZZ_SEED=<n> npx jest test/fuzz.
 */
import type { Parameters } from 'fast-check';

export function fuzzRuns(runs: number): Parameters<unknown> {
  const seed = Number(process.env.FUZZ_SEED ?? 20261202);
  const numRuns = Number(process.env.FUZZ_RUNS ?? runs);
  return { seed, numRuns, endOnFailure: true };
}

/** Strings made of the pieces a parser cares about, so random text reaches its deeper branches. */
export function pieces<T>(arb: import('fast-check').Arbitrary<T[]>, join = ''): import('fast-check').Arbitrary<string> {
  return arb.map((parts) => parts.join(join));
}
