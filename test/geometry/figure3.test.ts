// Figure 3's average cosines (sums of unit vectors) against the definition computed pair by
// pair, as the reference notebook does: np.mean(E_i_hat @ E_j_hat.T), self-pairs included.
import { describe, expect, it } from 'vitest';
import { parseRunOptions } from '../../src/config/options.js';
import { generateDataset } from '../../src/data/clusters.js';
import type { Split } from '../../src/data/dataset.js';
import { valueCosines } from '../../src/geometry/index.js';
import { expectClose } from '../helpers.js';

const K = 3, d = 5;

function bruteForce(split: Split, subtractMean: boolean): number[][] {
  const rows = Array.from({ length: split.N }, (_, i) => i).filter((i) => split.side[i]! > 0);
  const mean = new Array<number>(d).fill(0);
  if (subtractMean) for (const i of rows) for (let j = 0; j < d; j++) mean[j]! += split.G[i * d + j]! / rows.length;
  const vector = (i: number) => Array.from({ length: d }, (_, j) => split.G[i * d + j]! - mean[j]!);
  const cosine = (x: number[], y: number[]) => x.reduce((s, v, j) => s + v * y[j]!, 0) / Math.hypot(...x) / Math.hypot(...y);
  return Array.from({ length: K }, (_, a) => Array.from({ length: K }, (_, b) => {
    const first = rows.filter((i) => split.value[i] === a), second = rows.filter((i) => split.value[i] === b);
    let sum = 0;
    for (const i of first) for (const j of second) sum += cosine(vector(i), vector(j));
    return sum / (first.length * second.length);
  }));
}

describe('Figure 3 cosines', () => {
  it('equal the average over all pairs of aligned embeddings, as given and mean-subtracted', () => {
    const { train } = generateDataset(parseRunOptions({ K, Q: 12, d, v: 0.4, lb: 0.5, imbalance: 1, seed: 3 }));
    const cosines = valueCosines(train, K, d);
    expectClose(cosines.asGiven.flat(), bruteForce(train, false).flat(), { abs: 1e-12 }, 'as given');
    expectClose(cosines.meanSubtracted.flat(), bruteForce(train, true).flat(), { abs: 1e-12 }, 'mean subtracted');
  });

  it('show the shared component as given and the concepts once it is subtracted', () => {
    // Orthogonal unit concepts, lb = 0.5, little noise: as given, values i != j meet at about
    // lb^2 / (1 + lb^2) = 0.2; subtracting the mean leaves c_i - mean(c), whose cosines are -1/(K - 1).
    const { train } = generateDataset(parseRunOptions({ K, Q: 200, d: 16, v: 0.01, lb: 0.5, seed: 4 }));
    const { asGiven, meanSubtracted } = valueCosines(train, K, 16);
    expect(asGiven[0]![1]).toBeCloseTo(0.2, 2);
    expect(meanSubtracted[0]![1]).toBeCloseTo(-0.5, 2);
    expect(meanSubtracted[2]![2]).toBeCloseTo(1, 2);
  });
});
