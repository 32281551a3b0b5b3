// The Q* search finds a planted threshold by doubling then bisection, reports a floor when
// even max does not pass, and brackets Q* with a bootstrap interval over seeds.
import { describe, expect, it } from 'vitest';
import { parseSweepConfig, type SearchSpec } from '../../src/sweep/config.js';
import { searchQ } from '../../src/sweep/search.js';

function spec(search: Record<string, unknown>): SearchSpec {
  return parseSweepConfig({ schema: 'dposcale-sweep/1', name: 's', grid: { K: [1] }, search: { over: 'Q', ...search } }).searches[0]!;
}

describe('Q* search', () => {
  it('finds a planted threshold exactly, evaluating few Q values', async () => {
    for (const threshold of [2, 3, 37, 100, 255, 256, 257, 500]) {
      const asked: number[] = [];
      // error 0.2 below the threshold, 0.01 at and above it, slightly different per seed
      const outcome = await searchQ(spec({ metric: 'test_error', below: 0.05, min: 2, max: 512 }), async (Q) => {
        asked.push(Q);
        return [0, 1, 2].map((seed) => (Q >= threshold ? 0.01 : 0.2) + seed * 0.001);
      }, 'seed');
      expect(outcome.q_star, `threshold ${threshold}`).toBe(threshold);
      expect(outcome.floor).toBe(false);
      expect(new Set(asked).size).toBe(asked.length); // no Q trained twice
      expect(asked.length).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(512 / 2)) + 2);
    }
  });

  it('reports a floor with the value at max when max does not pass', async () => {
    const outcome = await searchQ(spec({ metric: 'worst_value_error', below: 0.05, min: 4, max: 100 }), async (Q) => [0.3 + 1 / Q, 0.3], 'seed');
    expect(outcome.q_star).toBeNull();
    expect(outcome.floor).toBe(true);
    expect(outcome.value_at_max).toBeCloseTo(0.305, 10);
    expect(outcome.evaluated.map((row) => row.Q)).toEqual([4, 8, 16, 32, 64, 100]);
  });

  it('uses above for metrics that must exceed a level', async () => {
    const outcome = await searchQ(spec({ metric: 'all_train_correct', above: 0.5, min: 2, max: 64 }), async (Q) => [Q >= 20 ? 1 : 0, Q >= 24 ? 1 : 0], 'seed');
    expect(outcome.q_star).toBe(24); // the mean first exceeds 0.5 when both seeds pass
  });

  it('gives a bootstrap interval that brackets Q* when seeds disagree', async () => {
    // seed s passes from Q = 10 (s + 1): the mean passes once most seeds do
    const outcome = await searchQ(spec({ metric: 'test_error', below: 0.5, min: 2, max: 128 }),
      async (Q) => Array.from({ length: 5 }, (_, s) => (Q >= 10 * (s + 1) ? 0 : 1)), 'seed');
    expect(outcome.q_star).toBe(30);
    const [low, high] = outcome.interval;
    expect(low!).toBeLessThanOrEqual(30);
    expect(low!).toBeLessThan(30); // some resamples draw mostly early seeds
    // Some resamples draw mostly late seeds, which pass at no Q evaluated: the upper end lies
    // beyond the range the search saw (null) or at least at Q*.
    expect(high === null || high >= 30).toBe(true);
  });
});
