// With disjoint tokens no two values share a response token (P_ij = 0 across values), so a
// value's margins cannot depend on another value's data: change only value j's samples and
// value i's trajectory stays the same, bit for bit.
import { describe, expect, it } from 'vitest';
import { parseRunOptions } from '../../src/config/options.js';
import { generateDataset } from '../../src/data/clusters.js';
import type { Dataset } from '../../src/data/dataset.js';
import { loadEngines, Random } from '../helpers.js';
import { traced } from './helpers.js';

/** A copy of the dataset with value j's training hidden states redrawn (same count, same tokens). */
function redrawValue(dataset: Dataset, j: number): Dataset {
  const random = new Random('other samples');
  const G = Float32Array.from(dataset.train.G);
  const d = dataset.meta.d;
  for (let i = 0; i < dataset.train.N; i++) {
    if (dataset.train.value[i] !== j) continue;
    for (let c = 0; c < d; c++) G[i * d + c] = G[i * d + c]! + 0.5 * random.normal();
  }
  return { ...dataset, train: { ...dataset.train, G } };
}

describe('values do not interact with disjoint tokens', async () => {
  const { relaxed } = await loadEngines();
  for (const optimizer of ['gd', 'adam'] as const) {
    it(`${optimizer}: value 0's margins ignore value 2's samples`, () => {
      const options = { K: 3, Q: 20, test: 10, d: 16, v: 0.3, optimizer, steps: 50, logEvery: 5, seed: 9 };
      const dataset = generateDataset(parseRunOptions(options));
      const original = traced(relaxed, options, dataset);
      const changed = traced(relaxed, options, redrawValue(dataset, 2));
      const values = dataset.train.value, testValues = dataset.test.value;
      let compared = 0;
      original.margins.forEach(([train, test], step) => {
        const [train2, test2] = changed.margins[step]!;
        for (let i = 0; i < train.length; i++) if (values[i] !== 2) { expect(train2[i], `train ${i} step ${step}`).toBe(train[i]); compared++; }
        for (let i = 0; i < test.length; i++) if (testValues[i] !== 2) expect(test2[i], `test ${i} step ${step}`).toBe(test[i]);
      });
      expect(compared).toBeGreaterThan(0);
      // and value 2 itself did change
      const last = original.margins.length - 1;
      const moved = Array.from(original.margins[last]![0]).some((r, i) => values[i] === 2 && r !== changed.margins[last]![0][i]);
      expect(moved).toBe(true);
    });
  }
});
