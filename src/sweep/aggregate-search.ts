// Q* of every point and search, read from search.jsonl, with what Figure 4 needs beside it (K,
// the token layout and v, for the theorem's curve and the yes-no floor), and the searches the
// plan expects that have not finished yet.
import { describeValues } from './aggregate.js';
import type { SweepConfig } from './config.js';
import type { SearchLine } from './execute.js';
import { makeCell, type Point } from './plan.js';

export interface QStarRow {
  point: number;
  values: Record<string, unknown>;
  /** index into the config's searches */
  search: number;
  metric: string;
  direction: 'below' | 'above';
  level: number;
  K: number;
  tokens: string;
  v: number;
  /** the grid values other than K as text ("tokens=yes-no"): one Q*(K) curve each */
  series: string;
  /** the searched range */
  min: number;
  max: number;
  q_star: number | null;
  /** 95% bootstrap interval over seeds; a null end lies above every Q the search tried (tried_max) */
  interval: [number | null, number | null];
  /** the largest Q the search trained */
  tried_max: number;
  /** true when even max did not pass */
  floor: boolean;
  value_at_max: number | null;
  /** how many Q values the search trained */
  evaluated: number;
}

export interface PendingSearch {
  point: number;
  values: Record<string, unknown>;
  search: number;
  metric: string;
}

/** The grid values a curve over K is drawn for: all but K ("all" when K is the only one). */
export function seriesOf(values: Record<string, unknown>): string {
  const { K: _K, ...others } = values;
  return Object.keys(others).length > 0 ? describeValues(others) : 'all';
}

/** One row per finished search, in point then search order; a search logged twice counts once. */
export function qStarRows(config: SweepConfig, points: readonly Point[], lines: readonly SearchLine[]): QStarRow[] {
  const latest = new Map(lines.map((line) => [`${line.point}:${line.search}`, line]));
  const rows: QStarRow[] = [];
  for (const line of latest.values()) {
    const point = points.find((candidate) => candidate.index === line.point);
    const spec = config.searches[line.search];
    if (!point || !spec) continue;
    // The options the search trained with (Q aside), resolved as the sweep resolved them.
    const options = makeCell(config, point, config.seeds[0]!, { Q: spec.min }).options;
    const { outcome } = line;
    rows.push({
      point: point.index, values: point.values, search: line.search,
      metric: outcome.metric, direction: outcome.direction, level: outcome.level,
      K: options.K, tokens: options.tokens, v: options.v, series: seriesOf(point.values),
      min: spec.min, max: spec.max,
      q_star: outcome.q_star, interval: outcome.interval, floor: outcome.floor, value_at_max: outcome.value_at_max,
      evaluated: outcome.evaluated.length, tried_max: Math.max(...outcome.evaluated.map((row) => row.Q)),
    });
  }
  return rows.sort((a, b) => a.point - b.point || a.search - b.search);
}

/** The searches of these points that search.jsonl does not hold yet. */
export function pendingSearches(config: SweepConfig, points: readonly Point[], rows: readonly QStarRow[]): PendingSearch[] {
  const done = new Set(rows.map((row) => `${row.point}:${row.search}`));
  return points.flatMap((point) => config.searches.flatMap((spec, search) =>
    (done.has(`${point.index}:${search}`) ? [] : [{ point: point.index, values: point.values, search, metric: spec.metric }])));
}
