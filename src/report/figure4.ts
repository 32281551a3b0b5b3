// Figure 4 analogue: the samples per cluster Q* needed to push an error below the level, against
// K. One panel per series (token layout and the other grid values) holds the theorem's curve
// (Theorem 4.3: smallest Q >= 40 with 2 K Q^2 exp(-Q/45) < level), the empirical Q* per search
// metric with bootstrap intervals, floors (no Q up to max passed) as triangles at max, and the
// fits a + b log K and a + b K. A yes-no series gets a second panel with the floor
// Phi(-1/(v sqrt K)) of theory.md §2: the test error no Q can beat, which is why its searches floor.
import type { TopLevelSpec } from 'vega-lite';
import type { QStarRow } from '../sweep/aggregate-search.js';
import type { QStarFitRow } from '../sweep/aggregate-summary.js';
import { figure4Curve } from '../theory/figure4.js';
import { yesNoFloor } from '../theory/floor.js';
import { describeQStarFits, FIGURE_CONFIG, logGridK, VEGA_LITE_SCHEMA } from './spec-parts.js';

const THEOREM = 'Theorem 4.3: 2KQ² exp(-Q/45) < level';
const FLOOR = 'yes-no floor Φ(-1/(v√K))';
const FOUND = 'Q* found';
const FLOORED = 'no Q ≤ max passes (drawn at max)';
const FITS = ['a + b log K', 'a + b K'] as const;
const PANEL = { width: 280, height: 230 };

/** Metrics of the two Q* searches at the same K sit side by side, not on top of each other. */
const dodge = (index: number, count: number) => 1.07 ** (index - (count - 1) / 2);

export function figure4Spec(rows: readonly QStarRow[], fits: readonly QStarFitRow[]): TopLevelSpec {
  const Ks = rows.map((row) => row.K);
  const [lowK, highK] = [Math.min(...Ks), Math.max(...Ks)];
  const grid = logGridK(lowK, highK);
  // The theorem bounds the test error: its curve is drawn at the level of the error searches.
  const level = rows.find((row) => row.direction === 'below')?.level ?? null;
  const metrics = [...new Set(rows.map((row) => row.metric))];
  const theorem = level === null ? [] : figure4Curve(grid, level).map(({ K, Q }) => ({ K, Q, color: THEOREM }));

  const points = rows.map((row) => ({
    K: row.K * dodge(metrics.indexOf(row.metric), metrics.length),
    trueK: row.K,
    Q: row.q_star ?? row.max,
    // A null end is a bootstrap share where no Q the search tried passed: beyond max.
    low: row.interval[0] ?? row.max,
    high: row.interval[1] ?? row.max,
    open: row.interval[0] === null || row.interval[1] === null,
    color: row.metric,
    status: row.floor ? FLOORED : FOUND,
    series: row.series,
  }));
  const Qs = [...theorem.map((p) => p.Q), ...points.flatMap((p) => [p.low, p.high])];
  const yDomain = [Math.max(1, Math.min(...Qs) / 1.5), Math.max(...Qs) * 1.5];
  const x = { field: 'K', type: 'quantitative' as const, title: 'K (values)', scale: { type: 'log' as const, base: 2, domain: [lowK / 1.25, highK * 1.25] }, axis: { values: [...new Set(Ks)] } };
  const yQ = (field: string) => ({ field, type: 'quantitative' as const, title: 'Q* (samples per cluster)', scale: { type: 'log' as const, domain: yDomain } });
  const color = {
    field: 'color', type: 'nominal' as const, title: null,
    scale: { domain: [...metrics, THEOREM, FLOOR], range: ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e'].slice(0, metrics.length).concat(['#555555', '#8c564b']) },
  };

  const panels = [...new Set(rows.map((row) => row.series))].flatMap((series) => {
    const mine = rows.filter((row) => row.series === series);
    const curveFits = fits.filter((fit) => fit.series === series);
    const fitLines = curveFits.flatMap((fit) => [fit.log, fit.linear].flatMap((result, which) => (result.fit === null ? [] : grid.map((K) => ({
      K, Q: result.fit!.a + result.fit!.b * (which === 0 ? Math.log(K) : K), color: fit.metric, fit: FITS[which],
    })).filter((point) => point.Q > 0))));
    const subtitle = curveFits.flatMap(describeQStarFits);
    const qPanel = {
      ...PANEL,
      title: { text: `Q*(K), ${series}`, subtitle },
      layer: [
        { data: { values: theorem }, mark: { type: 'line' as const, strokeWidth: 2 }, encoding: { x, y: yQ('Q'), color } },
        {
          data: { values: fitLines }, mark: { type: 'line' as const, strokeWidth: 1.5, clip: true },
          encoding: { x, y: yQ('Q'), color, strokeDash: { field: 'fit', type: 'nominal' as const, title: 'fit', scale: { domain: [...FITS], range: [[6, 3], [1, 3]] } } },
        },
        {
          data: { values: points.filter((p) => p.series === series) }, mark: { type: 'rule' as const, strokeWidth: 1.5 },
          encoding: { x, y: yQ('low'), y2: { field: 'high' }, color, opacity: { condition: { test: 'datum.open', value: 0.3 }, value: 1 } },
        },
        {
          data: { values: points.filter((p) => p.series === series) }, mark: { type: 'point' as const, filled: true, size: 70, opacity: 1 },
          encoding: {
            x, y: yQ('Q'), color,
            shape: { field: 'status', type: 'nominal' as const, title: null, scale: { domain: [FOUND, FLOORED], range: ['circle', 'triangle-up'] } },
            tooltip: [{ field: 'trueK', title: 'K' }, { field: 'color', title: 'metric' }, { field: 'Q' }, { field: 'low' }, { field: 'high' }, { field: 'status' }],
          },
        },
      ],
    };
    const yesNo = mine.filter((row) => row.tokens === 'yes-no' && row.direction === 'below');
    if (yesNo.length === 0) return [qPanel];
    return [qPanel, floorPanel(series, yesNo, grid, x, color)];
  });

  return {
    $schema: VEGA_LITE_SCHEMA,
    title: {
      text: 'Figure 4 analogue: samples per cluster needed as the number of values K grows',
      subtitle: `${level === null ? '' : `error level ${level}; `}bars: 95% bootstrap interval over seeds (faint: an end beyond the Q values the search tried, drawn to max)`,
    },
    concat: panels,
    columns: 3,
    // Without a canvas, vega guesses text widths high; flush bounds keep the grid from
    // widening to the guessed subtitle widths (the subtitles are written to fit the panels).
    bounds: 'flush',
    spacing: { column: 90, row: 150 },
    resolve: { scale: { x: 'independent', y: 'independent', color: 'shared', shape: 'shared', strokeDash: 'shared' } },
    config: { ...FIGURE_CONFIG, legend: { ...FIGURE_CONFIG.legend, orient: 'bottom', direction: 'vertical' } },
  };
}

/** The yes-no floor against K, the search level, and each floored search's error at max. */
function floorPanel(series: string, rows: readonly QStarRow[], grid: readonly number[], x: object, color: object) {
  const v = rows[0]!.v;
  const floor = grid.map((K) => ({ K, error: yesNoFloor(v, K), color: FLOOR }));
  const atMax = rows.filter((row) => row.floor && row.value_at_max !== null)
    .map((row) => ({ K: row.K, error: row.value_at_max, color: row.metric, Q: row.max }));
  const level = rows[0]!.level;
  const y = { field: 'error', type: 'quantitative' as const, title: 'error' };
  return {
    ...PANEL,
    title: { text: `The yes-no floor, ${series}`, subtitle: [`Φ(-1/(v√K)), v = ${v}: the error no Q removes`, 'dots: mean error at Q = max (floored searches)', `dashed: the level ${level}`] },
    layer: [
      { data: { values: floor }, mark: { type: 'line' as const, strokeWidth: 2 }, encoding: { x, y, color } },
      { data: { values: [{ level }] }, mark: { type: 'rule' as const, strokeDash: [4, 4], color: '#888' }, encoding: { y: { field: 'level', type: 'quantitative' as const } } },
      { data: { values: atMax }, mark: { type: 'point' as const, filled: true, size: 70, shape: 'triangle-up' }, encoding: { x, y, color, tooltip: [{ field: 'K' }, { field: 'color', title: 'metric' }, { field: 'error' }, { field: 'Q' }] } },
    ],
  };
}
