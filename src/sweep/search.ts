// The Q* search of one point: the smallest Q whose metric, averaged over seeds, passes the
// level. Doubling from `min` brackets it (or reaches `max` without passing: a floor, reported
// with the metric's value there), then bisection on whole numbers closes the bracket.
// A bootstrap over seeds gives an interval for Q*.
import { Random } from '../data/random.js';
import type { SearchSpec } from './config.js';

export interface SearchOutcome {
  metric: string;
  direction: 'below' | 'above';
  level: number;
  /** the smallest Q found to pass; null when even max does not (a floor) */
  q_star: number | null;
  /**
   * 95% bootstrap interval over seeds. A null end: in that share of resamples no Q the search
   * tried passes, so the end lies above the largest Q tried (which may be below max when Q*
   * was found early).
   */
  interval: [number | null, number | null];
  floor: boolean;
  /** the metric's mean at max, when even max does not pass */
  value_at_max: number | null;
  /** every Q evaluated: its per-seed values and their mean */
  evaluated: Array<{ Q: number; values: number[]; mean: number }>;
}

const mean = (values: readonly number[]) => values.reduce((sum, x) => sum + x, 0) / values.length;

export function passes(search: SearchSpec, value: number): boolean {
  return search.direction === 'below' ? value < search.level : value > search.level;
}

/** Runs the search; `evaluate(Q)` trains every seed at that Q and returns their metric values. */
export async function searchQ(search: SearchSpec, evaluate: (Q: number) => Promise<number[]>, bootstrapSeed: string): Promise<SearchOutcome> {
  const evaluated = new Map<number, number[]>();
  const passing = async (Q: number): Promise<boolean> => {
    const values = evaluated.get(Q) ?? await evaluate(Q);
    evaluated.set(Q, values);
    return passes(search, mean(values));
  };

  let lastFail: number | null = null, firstPass: number | null = null;
  for (let Q = search.min; ; Q = Math.min(2 * Q, search.max)) {
    if (await passing(Q)) { firstPass = Q; break; }
    lastFail = Q;
    if (Q >= search.max) break;
  }
  if (firstPass !== null && lastFail !== null) {
    let low = lastFail, high = firstPass;
    while (high - low > 1) {
      const middle = Math.floor((low + high) / 2);
      if (await passing(middle)) high = middle; else low = middle;
    }
    firstPass = high;
  }
  const table = [...evaluated.entries()].sort(([a], [b]) => a - b).map(([Q, values]) => ({ Q, values, mean: mean(values) }));
  return {
    metric: search.metric,
    direction: search.direction,
    level: search.level,
    q_star: firstPass,
    interval: bootstrapInterval(search, table, new Random(bootstrapSeed)),
    floor: firstPass === null,
    value_at_max: firstPass === null ? mean(evaluated.get(search.max)!) : null,
    evaluated: table,
  };
}

/**
 * Resample the seeds with replacement; in each resample Q* is the smallest evaluated Q whose
 * resampled mean passes (null: none does). The interval is the 2.5% and 97.5% quantiles, at the
 * resolution of the Q values the search evaluated.
 */
export function bootstrapInterval(search: SearchSpec, table: ReadonlyArray<{ Q: number; values: number[] }>, random: Random,
  resamples = 1000): [number | null, number | null] {
  const seeds = table[0]?.values.length ?? 0;
  if (seeds === 0) return [null, null];
  const found: number[] = [];
  const pick = new Int32Array(seeds);
  for (let b = 0; b < resamples; b++) {
    for (let s = 0; s < seeds; s++) pick[s] = random.int(seeds);
    const hit = table.find(({ values }) => passes(search, Array.from(pick, (s) => values[s]!).reduce((a, x) => a + x, 0) / seeds));
    found.push(hit ? hit.Q : Infinity);
  }
  found.sort((a, b) => a - b);
  const quantile = (p: number) => found[Math.min(resamples - 1, Math.floor(p * resamples))]!;
  const finite = (x: number) => (Number.isFinite(x) ? x : null);
  return [finite(quantile(0.025)), finite(quantile(0.975))];
}
