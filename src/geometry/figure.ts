// Figure 3 as a vega-lite spec: two heatmaps side by side, the average cosine between values
// as given and after subtracting the mean embedding, on one diverging scale from -1 to 1.
import type { TopLevelSpec } from 'vega-lite';
import { FIGURE_CONFIG, VEGA_LITE_SCHEMA } from '../report/spec-parts.js';
import type { ValueCosines } from './cosines.js';

/** Cells get their number written in them up to this many values. */
const LABELLED_VALUES = 16;

export function cosineHeatmap(cosines: ValueCosines, title = 'Average cosine between values (Figure 3)'): TopLevelSpec {
  const K = cosines.asGiven.length;
  const kinds = [['as given', cosines.asGiven], ['mean subtracted', cosines.meanSubtracted]] as const;
  const values = kinds.flatMap(([kind, matrix]) => matrix.flatMap((row, i) => row.map((cosine, j) => ({ kind, i, j, cosine }))));
  const size = Math.max(120, Math.min(480, 28 * K));
  const cells = { mark: 'rect' as const, encoding: { color: { field: 'cosine', type: 'quantitative' as const, scale: { scheme: 'redblue', domain: [-1, 1], reverse: true } } } };
  const labels = {
    mark: { type: 'text' as const, fontSize: 9 },
    encoding: {
      text: { field: 'cosine', type: 'quantitative' as const, format: '.2f' },
      color: { condition: { test: 'abs(datum.cosine) > 0.6', value: 'white' }, value: 'black' },
    },
  };
  return {
    $schema: VEGA_LITE_SCHEMA,
    config: FIGURE_CONFIG,
    title: { text: title, subtitle: `K = ${K} values, aligned pairs (side +1); a value with itself includes each embedding with itself` },
    data: { values },
    facet: { column: { field: 'kind', type: 'nominal', title: null, sort: kinds.map(([kind]) => kind) } },
    spec: {
      width: size,
      height: size,
      encoding: {
        x: { field: 'j', type: 'ordinal', title: 'value' },
        y: { field: 'i', type: 'ordinal', title: 'value' },
      },
      layer: K <= LABELLED_VALUES ? [cells, labels] : [cells],
    },
  } as TopLevelSpec;
}
