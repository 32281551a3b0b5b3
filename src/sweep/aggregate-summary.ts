// The summary of a sweep output directory (summary.json, schema dposcale-summary/1): counts,
// notes on what is missing, the groups' means and intervals, Q* per point and search, and the
// fits: Q*(K) against log K and K, and the final test error and train margin against K.
import type { RunRecord } from '../train/record.js';
import { VERSION } from '../version.js';
import { aggregateRecords, type GroupAggregate } from './aggregate.js';
import { pendingSearches, qStarRows, seriesOf, type PendingSearch, type QStarRow } from './aggregate-search.js';
import type { SearchSpec } from './config.js';
import type { Plan, SearchLine } from './execute.js';
import { fitLine, fitQStar, type FitResult, type QStarFits } from './fits.js';

export const SUMMARY_SCHEMA = 'dposcale-summary/1';

/** The final metrics Tables 1-2 fit against K. */
export const TREND_METRICS = ['test_error', 'train.margin'] as const;

export interface QStarFitRow extends QStarFits {
  series: string;
  search: number;
  metric: string;
  /** searches that finished for this curve, floors included */
  points: number;
}

export interface TrendFitRow {
  series: string;
  metric: (typeof TREND_METRICS)[number];
  /** final mean against K */
  result: FitResult;
}

export interface SweepSummary {
  schema: typeof SUMMARY_SCHEMA;
  version: string;
  name: string;
  config_id: string;
  grid: string[];
  searches: SearchSpec[];
  counts: {
    /** points of this directory (its shard's, or all after a merge) */
    points: number;
    /** records read, of which trained and failed; unmatched: records of no point in the plan */
    records: number;
    trained: number;
    failed: number;
    unmatched: number;
  };
  /** what a reader should know: no results yet, failed cells, unfinished searches, torn lines */
  notes: string[];
  groups: GroupAggregate[];
  qstar: QStarRow[];
  pending_searches: PendingSearch[];
  fits: { qstar: QStarFitRow[]; final_vs_K: TrendFitRow[] };
}

export interface SweepContents {
  plan: Plan;
  records: RunRecord[];
  searchLines: SearchLine[];
  /** files that end in a torn line (a sweep still writing, or killed), which was ignored */
  torn: string[];
}

export function summarizeSweep({ plan, records, searchLines, torn }: SweepContents): SweepSummary {
  const { config } = plan;
  const points = plan.points.filter((point) => plan.shard_points.includes(point.index));
  const searched = config.searches.length > 0;
  const groups = aggregateRecords(records, points, searched);
  const grouped = groups.reduce((sum, group) => sum + group.cells, 0);
  const failed = records.filter((record) => record.error !== null).length;
  const qstar = qStarRows(config, points, searchLines);
  const pending = searched ? pendingSearches(config, points, qstar) : [];

  const notes: string[] = [];
  if (records.length === 0) notes.push('results.jsonl holds no records yet: nothing to average (run the sweep, or wait for it)');
  for (const file of torn) notes.push(`${file} ends in a torn line (a sweep still writing, or killed); it was ignored`);
  if (failed > 0) {
    const messages = [...new Set(groups.flatMap((group) => group.errors))];
    notes.push(`${failed} of ${records.length} cells failed and are left out of every mean; first error: ${messages[0]}`);
  }
  if (grouped < records.length) notes.push(`${records.length - grouped} records match no point of plan.json and are left out`);
  if (pending.length > 0) {
    const total = points.length * config.searches.length;
    notes.push(`${pending.length} of ${total} Q* searches have not finished (not in search.jsonl): Q* and its fits cover the finished ones only`);
  }

  return {
    schema: SUMMARY_SCHEMA, version: VERSION, name: config.name, config_id: plan.config_id,
    grid: Object.keys(config.grid), searches: config.searches,
    counts: { points: points.length, records: records.length, trained: records.length - failed, failed, unmatched: records.length - grouped },
    notes, groups, qstar, pending_searches: pending,
    fits: { qstar: qStarFits(qstar), final_vs_K: searched || !('K' in config.grid) ? [] : trendFits(groups) },
  };
}

/** One Q*(K) curve per series and search. */
function qStarFits(rows: readonly QStarRow[]): QStarFitRow[] {
  const curves = new Map<string, QStarRow[]>();
  for (const row of rows) {
    const key = `${row.series}\u0000${row.search}`;
    curves.set(key, [...(curves.get(key) ?? []), row]);
  }
  return [...curves.values()].map((curve) => ({
    series: curve[0]!.series, search: curve[0]!.search, metric: curve[0]!.metric, points: curve.length, ...fitQStar(curve),
  }));
}

/** Tables 1-2: each final metric's mean against K, one line per series. */
function trendFits(groups: readonly GroupAggregate[]): TrendFitRow[] {
  const series = [...new Set(groups.map((group) => seriesOf(group.values)))];
  return series.flatMap((name) => {
    const members = groups.filter((group) => seriesOf(group.values) === name && group.final !== null);
    return TREND_METRICS.map((metric) => ({
      series: name, metric,
      result: fitLine(members.map((group) => group.K), members.map((group) => group.final!.metrics[metric]?.mean ?? NaN)),
    }));
  });
}
