// Aggregation over seeds: Student t quantiles against the printed table, means and t intervals,
// records grouped by point (and by Q in a search sweep) with failed cells counted and left out,
// and a summary that says what is missing.
import { describe, expect, it } from 'vitest';
import { meanInterval, studentTQuantile } from '../../src/sweep/aggregate-interval.js';
import { aggregateRecords, entryMetrics } from '../../src/sweep/aggregate.js';
import { summarizeSweep } from '../../src/sweep/aggregate-summary.js';
import { parseSweepConfig } from '../../src/sweep/config.js';
import { failedRecord, makePlan, type SearchLine } from '../../src/sweep/execute.js';
import { gridPoints, makeCell } from '../../src/sweep/plan.js';
import type { Metrics } from '../../src/train/evaluate.js';
import type { LogEntry, RunRecord } from '../../src/train/record.js';

// t_{0.975, df} for df = 1..30, as printed in every statistics table (4 decimals).
const T975 = [12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.306, 2.2622, 2.2281, 2.201, 2.1788, 2.1604, 2.1448,
  2.1314, 2.1199, 2.1098, 2.1009, 2.093, 2.086, 2.0796, 2.0739, 2.0687, 2.0639, 2.0595, 2.0555, 2.0518, 2.0484, 2.0452, 2.0423];

describe('Student t quantiles', () => {
  it('match the printed table at 0.975 for df 1..30', () => {
    T975.forEach((expected, i) => expect(studentTQuantile(0.975, i + 1)).toBeCloseTo(expected, 4));
  });

  it('match closed forms and other levels, and are symmetric', () => {
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(Math.tan(Math.PI * 0.475), 10); // Cauchy
    expect(studentTQuantile(0.975, 2)).toBeCloseTo(0.95 * Math.sqrt(2 / (1 - 0.95 ** 2)), 10); // 2p-1 = t/sqrt(t^2+2)
    expect(studentTQuantile(0.95, 1)).toBeCloseTo(6.3138, 4);
    // to full precision (scipy.stats.t.ppf)
    expect(studentTQuantile(0.95, 10)).toBeCloseTo(1.8124611228116756, 11);
    expect(studentTQuantile(0.995, 4)).toBeCloseTo(4.604094871349992, 11);
    expect(studentTQuantile(0.975, 1000)).toBeCloseTo(1.9623390808264083, 11);
    expect(studentTQuantile(0.5, 3)).toBeCloseTo(0, 12);
    expect(studentTQuantile(0.025, 5)).toBeCloseTo(-studentTQuantile(0.975, 5), 12);
    expect(() => studentTQuantile(1, 3)).toThrow(/p must be in/);
    expect(() => studentTQuantile(0.9, 2.5)).toThrow(/df must be a whole number/);
  });

  it('give mean +- t s / sqrt(n), leaving out missing values', () => {
    const estimate = meanInterval([1, 2, null, 3, 4, NaN, 5]);
    const half = 2.7764451051977934 * Math.sqrt(2.5 / 5);
    expect(estimate.n).toBe(5);
    expect(estimate.mean).toBe(3);
    expect(estimate.low).toBeCloseTo(3 - half, 12);
    expect(estimate.high).toBeCloseTo(3 + half, 12);
    expect(meanInterval([7])).toEqual({ mean: 7, low: null, high: null, n: 1 });
    expect(meanInterval([null])).toMatchObject({ low: null, high: null, n: 0 });
  });
});

const metrics = (margin: number, acc: number): Metrics => ({
  loss: 1 - margin, acc, margin, margin_min: margin - 1, margin_max: margin + 1, chosen: margin / 2, rejected: -margin / 2, ranking_acc: null,
});

/** A log entry whose numbers are simple functions of (step, x), so means are known by hand. */
function entry(step: number, x: number, K: number): LogEntry {
  return {
    step, t: step / 10, train: metrics(step * x, 0.5 + x / 10), test: metrics(step * x / 2, 0.4 + x / 10),
    per_value_test_error: Array.from({ length: K }, (_, k) => (k + 1) * x / 100), per_value_train_error: Array.from({ length: K }, () => x / 100),
    weight_change: step * x,
  };
}

const raw = { schema: 'dposcale-sweep/1', name: 'hand', base: { d: 8 }, grid: { K: [2, 3] }, seeds: 3 };
const config = parseSweepConfig(raw);
const points = gridPoints(config);

function record(point: number, seed: number, x: number, extra: Record<string, number> = {}): RunRecord {
  const cell = makeCell(config, points[point]!, seed, extra);
  const K = cell.options.K;
  const log = [0, 5, 10].map((step) => entry(step, x, K));
  return { ...failedRecord(cell, ''), error: null, log, final: log[2]! };
}

describe('aggregation', () => {
  it('averages every metric at every step over seeds, with t intervals; failed cells are counted and left out', () => {
    const records = [record(0, 0, 1), record(0, 1, 2), record(0, 2, 3), record(1, 0, 4), failedRecord(makeCell(config, points[1]!, 1), 'boom')];
    const [two, three] = aggregateRecords(records, points, false);
    expect(two).toMatchObject({ point: 0, K: 2, label: 'K=2', Q: null, cells: 3, failed: 0, seeds: [0, 1, 2] });
    expect(three).toMatchObject({ point: 1, K: 3, cells: 2, failed: 1, errors: ['boom'], seeds: [0] });
    expect(two!.steps.map((step) => step.step)).toEqual([0, 5, 10]);

    // x = 1, 2, 3: at step 10 the train margin is 10, 20, 30 (mean 20, s = 10).
    const margin = two!.steps[2]!.metrics['train.margin']!;
    const half = studentTQuantile(0.975, 2) * 10 / Math.sqrt(3);
    expect(margin.mean).toBeCloseTo(20, 12);
    expect(margin.low).toBeCloseTo(20 - half, 10);
    expect(margin.high).toBeCloseTo(20 + half, 10);
    expect(two!.steps[2]!.metrics['test_error']!.mean).toBeCloseTo(1 - 0.6, 12);
    expect(two!.steps[2]!.metrics['worst_value_error']!.mean).toBeCloseTo(2 * 2 / 100, 12);
    expect(two!.steps[2]!.metrics['weight_change']!.mean).toBeCloseTo(20, 12);
    expect(two!.steps[2]!.metrics['train.ranking_acc']).toMatchObject({ n: 0 });
    expect(two!.final!.per_value_test_error.map((e) => e.mean)).toEqual([0.02, 0.04]);
    expect(two!.final).toEqual(two!.steps[2]);
    // One trained seed: a mean without an interval.
    expect(three!.final!.metrics['train.margin']).toEqual({ mean: 40, low: null, high: null, n: 1 });
  });

  it('flattens a log entry into named metrics', () => {
    const flat = entryMetrics(entry(5, 2, 3));
    expect(flat).toMatchObject({ 'train.margin': 10, 'test.acc': 0.6000000000000001, test_error: 0.3999999999999999, worst_value_error: 0.06, weight_change: 10 });
  });

  it('tells the Q a search tried apart, and summarizes a search sweep with unfinished searches', () => {
    const searched = parseSweepConfig({ ...raw, seeds: 2, search: { over: 'Q', metric: 'test_error', below: 0.1, min: 2, max: 8 } });
    const cellsAt = (point: number, Q: number) => [0, 1].map((seed) => {
      const cell = makeCell(searched, points[point]!, seed, { Q });
      const log = [entry(0, 1, cell.options.K), entry(5, seed + 1, cell.options.K)];
      return { ...failedRecord(cell, ''), error: null, log, final: log[1]! } as RunRecord;
    });
    const records = [...cellsAt(0, 2), ...cellsAt(0, 4), ...cellsAt(1, 2)];
    const groups = aggregateRecords(records, points, true);
    expect(groups.map((group) => group.label)).toEqual(['K=2 Q=2', 'K=2 Q=4', 'K=3 Q=2']);

    const line: SearchLine = {
      point: 0, values: { K: 2 }, search: 0,
      outcome: { metric: 'test_error', direction: 'below', level: 0.1, q_star: 4, interval: [2, null], floor: false, value_at_max: null, evaluated: [] },
    };
    const summary = summarizeSweep({ plan: makePlan(searched, null), records, searchLines: [line], torn: ['results.jsonl'] });
    expect(summary.counts).toEqual({ points: 2, records: 6, trained: 6, failed: 0, unmatched: 0 });
    expect(summary.qstar).toEqual([expect.objectContaining({ point: 0, K: 2, tokens: 'disjoint', v: 0.1, series: 'all', q_star: 4, min: 2, max: 8 })]);
    expect(summary.pending_searches).toEqual([{ point: 1, values: { K: 3 }, search: 0, metric: 'test_error' }]);
    expect(summary.notes.join('\n')).toMatch(/1 of 2 Q\* searches have not finished/);
    expect(summary.notes.join('\n')).toMatch(/results\.jsonl ends in a torn line/);
    expect(summary.fits.final_vs_K).toEqual([]);
    expect(summary.fits.qstar[0]).toMatchObject({ series: 'all', metric: 'test_error', points: 1, winner: null });
  });

  it('says so when there are no results, and fits the final test error against K', () => {
    const empty = summarizeSweep({ plan: makePlan(config, null), records: [], searchLines: [], torn: [] });
    expect(empty.notes).toEqual(['results.jsonl holds no records yet: nothing to average (run the sweep, or wait for it)']);
    const wide = parseSweepConfig({ ...raw, grid: { K: [1, 2, 3] } });
    const records = gridPoints(wide).flatMap((point) => [0, 1].map((seed) => {
      const cell = makeCell(wide, point, seed);
      // test acc 0.9 - 0.1 K: the final test error is exactly 0.1 + 0.1 K
      const final = { ...entry(10, 1, cell.options.K), test: metrics(1, 0.9 - 0.1 * cell.options.K) };
      return { ...failedRecord(cell, ''), error: null, log: [final], final } as RunRecord;
    }));
    const summary = summarizeSweep({ plan: makePlan(wide, null), records, searchLines: [], torn: [] });
    const error = summary.fits.final_vs_K.find((fit) => fit.metric === 'test_error')!.result.fit!;
    expect(error.a).toBeCloseTo(0.1, 12);
    expect(error.b).toBeCloseTo(0.1, 12);
    expect(error.r2).toBeCloseTo(1, 12);
  });
});
