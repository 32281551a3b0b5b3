// Appendix E's cluster spread against a direct computation: the d x d covariance (np.cov,
// n - 1) of each cluster's embeddings scaled to unit RMS norm, its Frobenius norm, and the
// mean squared distance to the mean; on both sides of the Gram / covariance switch (n <= d and
// n > d) and on every backend.
import { describe, expect, it } from 'vitest';
import { parseRunOptions } from '../../src/config/options.js';
import { generateDataset } from '../../src/data/clusters.js';
import type { Split } from '../../src/data/dataset.js';
import { clusterMoments, clusterSpread, rmsNorm } from '../../src/geometry/index.js';
import { expectClose, loadEngines } from '../helpers.js';

function direct(split: Split, d: number, value: number, side: number): { frobenius: number; msd: number } {
  const scale = rmsNorm(split);
  const rows = Array.from({ length: split.N }, (_, i) => i).filter((i) => split.value[i] === value && split.side[i] === side)
    .map((i) => Array.from({ length: d }, (_, j) => split.G[i * d + j]! / scale));
  const n = rows.length;
  const mean = Array.from({ length: d }, (_, j) => rows.reduce((s, row) => s + row[j]!, 0) / n);
  let frobenius = 0, msd = 0;
  for (let a = 0; a < d; a++) {
    for (let b = 0; b < d; b++) {
      const covariance = rows.reduce((s, row) => s + (row[a]! - mean[a]!) * (row[b]! - mean[b]!), 0) / (n - 1);
      frobenius += covariance * covariance;
    }
  }
  for (const row of rows) msd += row.reduce((s, x, j) => s + (x - mean[j]!) ** 2, 0) / n;
  return { frobenius: Math.sqrt(frobenius), msd };
}

describe('Appendix E spread', () => {
  for (const [what, Q, d] of [['n > d: covariance in row chunks', 30, 8], ['n <= d: Gram matrix', 10, 24]] as const) {
    it(`matches the direct computation (${what})`, async () => {
      const K = 2;
      const { train } = generateDataset(parseRunOptions({ K, Q, d, v: 0.3, lb: 0.4, imbalance: 0.5, seed: 6 }));
      const moments = clusterMoments(train, K, d);
      const expected = moments.map((cluster) => direct(train, d, cluster.value, cluster.side));
      for (const backend of (await loadEngines()).all) {
        const spread = clusterSpread(backend, train, moments, d);
        expect(spread.map((cluster) => cluster.count)).toEqual(moments.map((cluster) => cluster.count));
        expectClose(spread.map((cluster) => cluster.covarianceFrobenius), expected.map((e) => e.frobenius), { rel: 1e-4 }, `${backend.variant} Frobenius`);
        expectClose(spread.map((cluster) => cluster.meanSquaredDistance), expected.map((e) => e.msd), { rel: 1e-9 }, `${backend.variant} mean squared distance`);
      }
    });
  }

  it('gives the model its v^2 I: mean squared distance d v^2 and Frobenius norm near v^2 sqrt(d + d^2 / n), scaled', async () => {
    const K = 2, d = 32, v = 0.2;
    const { train } = generateDataset(parseRunOptions({ K, Q: 1000, d, v, lb: 0.5, seed: 7 }));
    const scale = rmsNorm(train) ** 2;
    const spread = clusterSpread((await loadEngines()).relaxed, train, clusterMoments(train, K, d), d);
    for (const cluster of spread) {
      expect(cluster.meanSquaredDistance * scale / (d * v * v)).toBeCloseTo(1, 1);
      // A sample covariance of n draws of N(0, v^2 I) has E ||C||_F^2 = v^4 d (d + n) / (n - 1) ~ v^4 (d + d^2 / n).
      expect(cluster.covarianceFrobenius * scale / (v * v * Math.sqrt(d + (d * d) / 1000))).toBeCloseTo(1, 1);
    }
  });
});
