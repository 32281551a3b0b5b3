// Figure 5 / Appendix E analogue: the mean train and test reward margin, loss and reward accuracy
// against steps, one line per point (per K when only K varies) with its 95% t band over seeds.
// Under the paper's dynamics the margins grow at a rate ~ 1/K (theory.md §2).
import type { TopLevelSpec } from 'vega-lite';
import type { GroupAggregate } from '../sweep/aggregate.js';
import { FIGURE_CONFIG, orderedColors, VEGA_LITE_SCHEMA } from './spec-parts.js';

/** The logged metrics drawn, by their name in the record and on the figure. */
export const CURVE_METRICS = [
  ['margin', 'reward margin (mean r)'],
  ['loss', 'loss'],
  ['acc', 'reward accuracy'],
] as const;

/** Theorem 4.2's sandwich r_L(t) <= r_i(t) <= r_U(t) at each step, drawn on the train margin panel. */
export interface SandwichBand {
  step: number;
  lower: number;
  upper: number;
}

export function curvesSpec(groups: readonly GroupAggregate[], band: readonly SandwichBand[] = []): TopLevelSpec {
  const curves = groups.flatMap((group) => group.steps.flatMap((step) => (['train', 'test'] as const).flatMap((split) =>
    CURVE_METRICS.map(([name, title]) => {
      const estimate = step.metrics[`${split}.${name}`];
      return { point: group.label, step: step.step, split, metric: title, mean: estimate?.mean ?? null, low: estimate?.low ?? null, high: estimate?.high ?? null };
    }))));
  const sandwich = band.map(({ step, lower, upper }) => ({ step, split: 'train', metric: CURVE_METRICS[0][1], band_low: lower, band_high: upper }));
  const values = [...curves, ...sandwich];
  const x = { field: 'step', type: 'quantitative' as const, title: 'step' };
  const color = {
    field: 'point', type: 'nominal' as const, title: null, scale: orderedColors(groups.map((group) => group.label)),
    legend: { symbolType: 'stroke', symbolOpacity: 1, symbolStrokeWidth: 2 },
  };
  const seeds = Math.max(...groups.map((group) => group.seeds.length));
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: {
      text: 'Figure 5 analogue: margins, loss and accuracy during training',
      subtitle: `mean over ${seeds} seed${seeds === 1 ? '' : 's'}; bands: 95% t interval${band.length > 0 ? '; gray: Theorem 4.2\'s r_L(t) to r_U(t) up to tau_1' : ''}`,
    },
    data: { values },
    facet: {
      row: { field: 'split', type: 'nominal', sort: ['train', 'test'], title: null, header: { labelFontSize: 12, labelFontWeight: 'bold' } },
      column: { field: 'metric', type: 'nominal', sort: CURVE_METRICS.map(([, title]) => title), title: null, header: { labelFontSize: 12 } },
    },
    spec: {
      width: 230,
      height: 160,
      layer: [
        {
          transform: [{ filter: 'datum.band_low != null' }],
          mark: { type: 'area', color: '#999', opacity: 0.25 },
          encoding: { x, y: { field: 'band_low', type: 'quantitative', title: null }, y2: { field: 'band_high' } },
        },
        {
          transform: [{ filter: 'datum.low != null && datum.high != null' }],
          mark: { type: 'area', opacity: 0.18 },
          encoding: { x, y: { field: 'low', type: 'quantitative', title: null, scale: { zero: false } }, y2: { field: 'high' }, color },
        },
        {
          transform: [{ filter: 'datum.mean != null' }],
          mark: { type: 'line', strokeWidth: 1.6 },
          encoding: { x, y: { field: 'mean', type: 'quantitative', title: 'mean', scale: { zero: false } }, color },
        },
      ],
    },
    resolve: { scale: { y: 'independent' } },
    config: FIGURE_CONFIG,
  };
}
