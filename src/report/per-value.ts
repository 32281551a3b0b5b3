// Which values lag: the final test error of each value, mean over seeds with its 95% t interval,
// one panel per group, the group's mean test error as a dashed line. With unequal group sizes
// (the imbalance option: value 0 the majority) the minority values sit above the line.
import type { TopLevelSpec } from 'vega-lite';
import type { GroupAggregate } from '../sweep/aggregate.js';
import { FIGURE_CONFIG, VEGA_LITE_SCHEMA } from './spec-parts.js';

/** `note` says which groups were chosen when not all are drawn (search sweeps: one Q per point). */
export function perValueSpec(groups: readonly GroupAggregate[], note: string): TopLevelSpec {
  const trained = groups.filter((group) => group.final !== null);
  // Each row carries its group's mean error too: a layer with data of its own would not be faceted.
  const values = trained.flatMap((group) => group.final!.per_value_test_error.map((estimate, value) => ({
    group: group.label, value, mean: estimate.mean, low: estimate.low ?? estimate.mean, high: estimate.high ?? estimate.mean,
    error: group.final!.metrics['test_error']?.mean ?? null,
  })));
  const x = { field: 'value', type: 'quantitative' as const, title: 'value k', axis: { tickMinStep: 1, format: 'd' }, scale: { nice: false, padding: 8 } };
  const y = (field: string) => ({ field, type: 'quantitative' as const, title: 'test error' });
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: 'Test error of each value at the end of training', subtitle: [`dots: mean over seeds with 95% t interval; dashed: the mean over all values. ${note}`] },
    data: { values },
    facet: { field: 'group', type: 'nominal', sort: trained.map((group) => group.label), title: null, header: { labelFontSize: 12 } },
    columns: Math.min(4, trained.length),
    spec: {
      width: 200,
      height: 140,
      layer: [
        { mark: { type: 'rule', strokeWidth: 1.5, color: '#1f77b4' }, encoding: { x, y: y('low'), y2: { field: 'high' } } },
        { mark: { type: 'point', filled: true, size: 40, color: '#1f77b4' }, encoding: { x, y: y('mean'), tooltip: [{ field: 'value' }, { field: 'mean' }, { field: 'low' }, { field: 'high' }] } },
        {
          transform: [{ filter: 'datum.value == 0 && datum.error != null' }],
          mark: { type: 'rule', strokeDash: [4, 3], color: '#d62728' },
          encoding: { y: { field: 'error', type: 'quantitative' } },
        },
      ],
    },
    resolve: { scale: { x: 'independent' } },
    config: FIGURE_CONFIG,
  };
}
