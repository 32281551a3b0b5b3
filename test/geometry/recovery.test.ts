// The estimates recover the parameters the data was drawn with (theory.md §3): lb, v, the
// concept norms and the pairwise cosines between concept directions, from N >= 2000 pairs.
import { describe, expect, it } from 'vitest';
import { parseRunOptions, type RunOptions } from '../../src/config/options.js';
import { generateDataset } from '../../src/data/clusters.js';
import { makeDirections } from '../../src/data/directions.js';
import { estimateDataset } from '../../src/geometry/index.js';

/** Within 5% of the planted value. */
function expectNear(estimate: number, planted: number, what: string): void {
  expect(Math.abs(estimate - planted) / planted, `${what}: estimated ${estimate}, planted ${planted}`).toBeLessThan(0.05);
}

const dot = (x: Float64Array, y: Float64Array) => x.reduce((sum, value, i) => sum + value * y[i]!, 0);

const cases: Array<[string, Partial<RunOptions>]> = [
  ['orthogonal concepts in a random frame', { K: 4, Q: 250, d: 32, v: 0.1, lb: 0.4, seed: 1 }],
  ['concepts with pairwise cosine 0.3, shared tokens', { K: 5, Q: 200, d: 48, v: 0.15, lb: 0.3, conceptCos: 0.3, tokens: 'shared:2', seed: 2 }],
  ['delta-approximate concepts on the axes, yes-no tokens', { K: 8, Q: 150, d: 40, v: 0.05, lb: 0.5, delta: 0.45, axes: true, tokens: 'yes-no', seed: 3 }],
];

describe('parameter estimates', () => {
  for (const [what, planted] of cases) {
    it(`recover lb, v and the concept cosines: ${what}`, () => {
      const options = parseRunOptions(planted);
      const dataset = generateDataset(options);
      expect(dataset.train.N).toBeGreaterThanOrEqual(2000);
      const { estimate } = estimateDataset(dataset);
      expectNear(estimate.lb, options.lb, 'lb');
      expectNear(estimate.v, options.v, 'v');
      estimate.conceptNorms.forEach((norm, k) => expectNear(norm, 1, `|c_${k}|`));
      const { b, concepts } = makeDirections(options);
      const cosines = concepts.map((ci) => concepts.map((cj) => dot(ci, cj)));
      estimate.conceptCosines.forEach((row, i) => row.forEach((cosine, j) => {
        expect(Math.abs(cosine - cosines[i]![j]!), `cos(c_${i}, c_${j}): estimated ${cosine}, planted ${cosines[i]![j]}`).toBeLessThan(0.02);
      }));
      // |b| = lb < 1 carries the noise of 2K means against the concepts' 2: a wider margin.
      estimate.conceptBCosines.forEach((cosine, k) => expect(Math.abs(cosine - dot(concepts[k]!, b)), `cos(c_${k}, b)`).toBeLessThan(0.05));
    });
  }

  it('correct the norms for the noise of the means: lb and |c_k| stay right when d v^2 / Q is large', () => {
    // d = 1024, v = 0.5, 250 pairs per cluster: uncorrected, |c_k| would come out near 1.23 and lb near 0.62.
    const options = parseRunOptions({ K: 4, Q: 250, d: 1024, v: 0.5, lb: 0.5, seed: 4 });
    const { estimate } = estimateDataset(generateDataset(options));
    expectNear(estimate.lb, 0.5, 'lb');
    expectNear(estimate.v, 0.5, 'v');
    estimate.conceptNorms.forEach((norm, k) => expectNear(norm, 1, `|c_${k}|`));
  });

  it('measure lb and v in units of |c_k|, whatever the scale of the embeddings', () => {
    const dataset = generateDataset(parseRunOptions({ K: 3, Q: 400, d: 16, v: 0.2, lb: 0.3, seed: 5 }));
    const before = estimateDataset(dataset).estimate;
    for (const split of [dataset.train, dataset.test]) split.G.forEach((x, i) => { split.G[i] = 7 * x; });
    const after = estimateDataset(dataset).estimate;
    expect(after.scale / before.scale).toBeCloseTo(7, 4);
    expect(after.lb).toBeCloseTo(before.lb, 5);
    expect(after.v).toBeCloseTo(before.v, 5);
    expect(after.lbRaw / before.lbRaw).toBeCloseTo(7, 4);
  });

  it('refuse a value without pairs on one side', () => {
    const dataset = generateDataset(parseRunOptions({ K: 2, Q: 5, d: 4 }));
    dataset.train.side.fill(1);
    expect(() => estimateDataset(dataset)).toThrow(/value 0 has no misaligned \(-1\) training pairs/);
  });
});
