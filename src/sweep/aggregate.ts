// Result records of a sweep, grouped and averaged over seeds. A group is the cells that share
// every option but the seed: one per point, or one per point and Q in a search sweep (each Q the
// search tried is its own group). For every logged metric at every logged step, and for the
// final values, a group holds the mean over its seeds and a 95% t interval.
import type { LogEntry, RunRecord } from '../train/record.js';
import { canonicalJson, configId } from '../train/record.js';
import { meanInterval, type Estimate } from './aggregate-interval.js';
import type { Point } from './plan.js';

/** Metrics derived from a log entry besides the logged train.* and test.* ones (as metrics.ts names them). */
const DERIVED = ['weight_change', 'test_error', 'worst_value_error'] as const;

export interface StepAggregate {
  step: number;
  /** k * lr, the gradient-flow time (the same for every seed of a group) */
  t: number;
  /** `train.loss`, `test.acc`, ..., `weight_change`, `test_error`, `worst_value_error` */
  metrics: Record<string, Estimate>;
  per_value_test_error: Estimate[];
  per_value_train_error: Estimate[];
}

export interface GroupAggregate {
  /** id of the group's options without the seed */
  key: string;
  point: number;
  /** the point's grid values */
  values: Record<string, unknown>;
  /** the searched Q of this group, null in a sweep without search */
  Q: number | null;
  /** grid values (and Q when searched) as text, e.g. "K=4 tokens=yes-no" */
  label: string;
  K: number;
  /** the options every cell of the group shares (the seed left out) */
  options: Record<string, unknown>;
  /** cells recorded, of which failed (an error instead of a log; left out of every mean) */
  cells: number;
  failed: number;
  /** the distinct error messages of the failed cells */
  errors: string[];
  /** replicate seeds of the cells that trained */
  seeds: number[];
  steps: StepAggregate[];
  /** the last logged step of each seed; null when every cell failed */
  final: StepAggregate | null;
}

/** Every metric of one log entry by its flat name; null where the run did not compute it. */
export function entryMetrics(entry: LogEntry): Record<string, number | null> {
  const metrics: Record<string, number | null> = {};
  for (const split of ['train', 'test'] as const) {
    for (const [name, value] of Object.entries(entry[split])) metrics[`${split}.${name}`] = value as number | null;
  }
  const perValue = entry.per_value_test_error.filter((x) => x !== null && Number.isFinite(x));
  const derived: Record<(typeof DERIVED)[number], number | null> = {
    weight_change: entry.weight_change,
    test_error: 1 - entry.test.acc,
    worst_value_error: perValue.length > 0 ? Math.max(...perValue) : null,
  };
  return { ...metrics, ...derived };
}

/** "K=4 tokens=yes-no": option values as text, in the order given. */
export function describeValues(values: Record<string, unknown>): string {
  return Object.entries(values).map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`).join(' ');
}

/** The point a record belongs to: the one whose every grid value its options share. */
export function pointOf(record: RunRecord, points: readonly Point[]): Point | undefined {
  return points.find((point) => Object.entries(point.values).every(([key, value]) => canonicalJson(record.config[key]) === canonicalJson(value)));
}

/** Mean and interval of each metric, and of each value's error, over the entries of one step. */
export function aggregateEntries(entries: readonly LogEntry[]): StepAggregate {
  const flat = entries.map(entryMetrics);
  const names = [...new Set(flat.flatMap((metrics) => Object.keys(metrics)))];
  const perValue = (field: 'per_value_test_error' | 'per_value_train_error') => {
    const K = Math.max(...entries.map((entry) => entry[field].length));
    return Array.from({ length: K }, (_, k) => meanInterval(entries.map((entry) => entry[field][k] ?? null)));
  };
  return {
    step: entries[0]!.step,
    t: entries[0]!.t,
    metrics: Object.fromEntries(names.map((name) => [name, meanInterval(flat.map((metrics) => metrics[name] ?? null))])),
    per_value_test_error: perValue('per_value_test_error'),
    per_value_train_error: perValue('per_value_train_error'),
  };
}

/**
 * Groups records by their options without the seed, and averages each group over its seeds,
 * step by step. Records whose grid values match no point are left out (the caller counts them).
 * `searched` tells whether Q is searched, so groups of one point are told apart by Q.
 */
export function aggregateRecords(records: readonly RunRecord[], points: readonly Point[], searched: boolean): GroupAggregate[] {
  const groups = new Map<string, { point: Point; records: RunRecord[] }>();
  for (const record of records) {
    const point = pointOf(record, points);
    if (!point) continue;
    const key = configId({ ...record.config, seed: undefined });
    const group = groups.get(key) ?? { point, records: [] };
    group.records.push(record);
    groups.set(key, group);
  }
  const aggregates = [...groups.entries()].map(([key, { point, records: cells }]) => aggregateGroup(key, point, cells, searched));
  return aggregates.sort((a, b) => a.point - b.point || (a.Q ?? 0) - (b.Q ?? 0));
}

function aggregateGroup(key: string, point: Point, cells: readonly RunRecord[], searched: boolean): GroupAggregate {
  const trained = cells.filter((record) => record.error === null && record.final !== null);
  const failed = cells.filter((record) => record.error !== null);
  const { seed: _seed, ...options } = cells[0]!.config;
  const Q = searched ? Number(options['Q']) : null;
  const byStep = new Map<number, LogEntry[]>();
  for (const record of trained) {
    for (const entry of record.log) {
      const entries = byStep.get(entry.step) ?? [];
      entries.push(entry);
      byStep.set(entry.step, entries);
    }
  }
  return {
    key,
    point: point.index,
    values: point.values,
    Q,
    label: describeValues(Q === null ? point.values : { ...point.values, Q }),
    K: Number(options['K']),
    options,
    cells: cells.length,
    failed: failed.length,
    errors: [...new Set(failed.map((record) => record.error!))],
    seeds: trained.map((record) => Number(record.config['seed'])).sort((a, b) => a - b),
    steps: [...byStep.keys()].sort((a, b) => a - b).map((step) => aggregateEntries(byStep.get(step)!)),
    final: trained.length > 0 ? aggregateEntries(trained.map((record) => record.final!)) : null,
  };
}
