// Tables 1-2 analogue: the final test error and the final train margin against K, the mean over
// seeds with its 95% t interval, and the least-squares line in K with its R^2 (the paper reports
// that fit for its persona experiments).
import type { TopLevelSpec } from 'vega-lite';
import type { GroupAggregate } from '../sweep/aggregate.js';
import { seriesOf } from '../sweep/aggregate-search.js';
import { TREND_METRICS, type TrendFitRow } from '../sweep/aggregate-summary.js';
import { describeFit, FIGURE_CONFIG, orderedColors, VEGA_LITE_SCHEMA } from './spec-parts.js';

const TITLES: Record<(typeof TREND_METRICS)[number], string> = {
  test_error: 'final test error',
  'train.margin': 'final train margin (mean r)',
};

export function kTrendSpec(groups: readonly GroupAggregate[], fits: readonly TrendFitRow[]): TopLevelSpec {
  const trained = groups.filter((group) => group.final !== null);
  const series = [...new Set(trained.map((group) => seriesOf(group.values)))];
  const Ks = trained.map((group) => group.K);
  const [lowK, highK] = [Math.min(...Ks), Math.max(...Ks)];
  const x = { field: 'K', type: 'quantitative' as const, title: 'K (values)', axis: { values: [...new Set(Ks)], format: 'd' } };
  // One series needs no legend: the panel subtitles name it.
  const color = { field: 'series', type: 'nominal' as const, title: null, scale: orderedColors(series), ...(series.length > 1 ? {} : { legend: null }) };

  const panels = TREND_METRICS.map((metric) => {
    const points = trained.map((group) => {
      const estimate = group.final!.metrics[metric]!;
      return { K: group.K, series: seriesOf(group.values), mean: estimate.mean, low: estimate.low ?? estimate.mean, high: estimate.high ?? estimate.mean, n: estimate.n };
    });
    const mine = fits.filter((fit) => fit.metric === metric);
    const lines = mine.flatMap(({ series: name, result }) => (result.fit === null ? [] : [lowK, highK].map((K) => ({ K, series: name, mean: result.fit!.a + result.fit!.b * K }))));
    const y = (field: string) => ({ field, type: 'quantitative' as const, title: TITLES[metric], scale: { zero: false } });
    return {
      width: 300,
      height: 220,
      title: { text: `${TITLES[metric]} against K`, subtitle: mine.map((fit) => `${fit.series}: y = ${describeFit(fit.result, 'K')}`) },
      layer: [
        { data: { values: lines }, mark: { type: 'line' as const, strokeDash: [6, 3] }, encoding: { x, y: y('mean'), color } },
        { data: { values: points }, mark: { type: 'rule' as const, strokeWidth: 1.5 }, encoding: { x, y: y('low'), y2: { field: 'high' }, color } },
        {
          data: { values: points }, mark: { type: 'point' as const, filled: true, size: 60 },
          encoding: { x, y: y('mean'), color, tooltip: [{ field: 'K' }, { field: 'series' }, { field: 'mean' }, { field: 'low' }, { field: 'high' }, { field: 'n', title: 'seeds' }] },
        },
      ],
    };
  });

  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: 'Tables 1-2 analogue: the end of training against K', subtitle: 'dots: mean over seeds with 95% t interval; dashed: least-squares line in K' },
    hconcat: panels,
    // Vega guesses text widths high without a canvas: lay out by the plots, not the subtitles.
    bounds: 'flush',
    spacing: 100,
    resolve: { scale: { color: 'shared' } },
    config: FIGURE_CONFIG,
  };
}
