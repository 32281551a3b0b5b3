import { describe, expect, it } from 'vitest';
import { parseRunOptions } from '../../src/config/options.js';
import type { Split } from '../../src/data/dataset.js';
import { generateDataset, groupSizes } from '../../src/data/clusters.js';
import { makeDirections } from '../../src/data/directions.js';
import { tokenPairs } from '../../src/data/tokens.js';

const options = (overrides: Record<string, unknown>) => parseRunOptions(overrides);
const bytes = (array: ArrayBufferView) => Buffer.from(array.buffer, array.byteOffset, array.byteLength);

/** Rows of one cluster, in order. */
function clusterRows(split: Split, k: number, side: number): number[] {
  const rows: number[] = [];
  for (let i = 0; i < split.N; i++) if (split.value[i] === k && split.side[i] === side) rows.push(i);
  return rows;
}

describe('generateDataset (single token)', () => {
  it('has the shapes of the dataset directory: N = 2KQ training pairs, 2K test per cluster', () => {
    const data = generateDataset(options({ K: 3, Q: 5, test: 7, d: 8 }));
    expect(data.train.N).toBe(30);
    expect(data.test.N).toBe(42);
    for (const split of [data.train, data.test]) {
      expect(split.G.length).toBe(split.N * 8);
      for (const array of [split.yw, split.yl, split.value, split.side]) expect(array.length).toBe(split.N);
    }
    expect(data.W0).toBeNull();
  });

  it('is deterministic: the same options give bit-identical arrays, another seed other ones', () => {
    const settings = { K: 3, Q: 20, d: 16, flip: 0.1, w0Scale: 0.2, seed: 9 };
    const a = generateDataset(options(settings));
    const b = generateDataset(options(settings));
    for (const split of ['train', 'test'] as const) {
      for (const field of ['G', 'yw', 'yl', 'value', 'side'] as const) expect(bytes(b[split][field]).equals(bytes(a[split][field]))).toBe(true);
    }
    expect(bytes(b.W0!).equals(bytes(a.W0!))).toBe(true);
    const c = generateDataset(options({ ...settings, seed: 10 }));
    expect(bytes(c.train.G).equals(bytes(a.train.G))).toBe(false);
  });

  it('gives each cluster its own stream: adding values or samples leaves the others bit-identical', () => {
    const small = generateDataset(options({ K: 2, Q: 10, d: 12, seed: 1 }));
    const large = generateDataset(options({ K: 3, Q: 25, d: 12, seed: 1 }));
    for (const k of [0, 1]) {
      for (const side of [1, -1]) {
        const a = clusterRows(small.train, k, side), b = clusterRows(large.train, k, side);
        a.forEach((row, i) => expect(bytes(small.train.G.subarray(row * 12, row * 12 + 12)).equals(bytes(large.train.G.subarray(b[i]! * 12, b[i]! * 12 + 12)))).toBe(true));
      }
    }
  });

  it('draws each cluster around +-c_k + b with noise v, preferring a_k on the aligned side', () => {
    const settings = { K: 3, Q: 2000, test: 1, d: 8, v: 0.2, lb: 0.4, seed: 2 };
    const data = generateDataset(options(settings));
    const { b, concepts } = makeDirections(options(settings));
    const pairs = tokenPairs('disjoint', 3);
    for (let k = 0; k < 3; k++) {
      for (const side of [1, -1]) {
        const rows = clusterRows(data.train, k, side);
        expect(rows.length).toBe(2000);
        const mean = new Float64Array(8);
        let squares = 0;
        for (const row of rows) for (let j = 0; j < 8; j++) mean[j]! += data.train.G[row * 8 + j]! / rows.length;
        for (let j = 0; j < 8; j++) {
          const expected = side * concepts[k]![j]! + 0.4 * b[j]!;
          // 5 standard errors of a mean of 2000 draws with std 0.2.
          expect(Math.abs(mean[j]! - expected)).toBeLessThan(5 * 0.2 / Math.sqrt(2000));
          for (const row of rows) squares += (data.train.G[row * 8 + j]! - expected) ** 2;
        }
        expect(Math.sqrt(squares / (rows.length * 8))).toBeCloseTo(0.2, 2);
        const [a, bk] = pairs[k]!;
        for (const row of rows) {
          expect([data.train.yw[row], data.train.yl[row]]).toEqual(side > 0 ? [a, bk] : [bk, a]);
        }
      }
    }
  });

  it('v = 0 puts every sample exactly on its cluster mean', () => {
    const data = generateDataset(options({ K: 2, Q: 3, d: 5, v: 0, axes: true, lb: 0.5 }));
    const first = [...data.train.G.subarray(0, 5)];
    expect(first).toEqual([0.5, 1, 0, 0, 0]);
  });

  it('imbalance: Q_k proportional to (k + 1)^-s, total about KQ, at least 1; test sets stay equal', () => {
    expect(groupSizes(4, 100, 0)).toEqual([100, 100, 100, 100]);
    expect(groupSizes(4, 100, 1)).toEqual([192, 96, 64, 48]);
    expect(groupSizes(10, 1, 3).every((n) => n >= 1)).toBe(true);
    const data = generateDataset(options({ K: 4, Q: 100, test: 10, d: 6, imbalance: 1 }));
    const counts = (split: Split) => [0, 1, 2, 3].map((k) => split.value.filter((x) => x === k).length);
    expect(counts(data.train)).toEqual([384, 192, 128, 96]);
    expect(counts(data.test)).toEqual([20, 20, 20, 20]);
    expect(data.meta.Qk).toEqual([192, 96, 64, 48]);
  });

  it('flip swaps about that fraction of training pairs, leaves hidden states and the test set alone', () => {
    const settings = { K: 2, Q: 5000, test: 500, d: 4, seed: 3 };
    const clean = generateDataset(options(settings));
    const noisy = generateDataset(options({ ...settings, flip: 0.2 }));
    expect(bytes(noisy.train.G).equals(bytes(clean.train.G))).toBe(true);
    let flipped = 0;
    for (let i = 0; i < clean.train.N; i++) {
      if (noisy.train.yw[i] !== clean.train.yw[i]) {
        flipped++;
        expect([noisy.train.yw[i], noisy.train.yl[i]]).toEqual([clean.train.yl[i], clean.train.yw[i]]);
      }
    }
    const rate = flipped / clean.train.N;
    expect(Math.abs(rate - 0.2)).toBeLessThan(4 * Math.sqrt(0.2 * 0.8 / clean.train.N));
    expect(bytes(noisy.test.yw).equals(bytes(clean.test.yw))).toBe(true);
  });

  it('W0 has N(0, w0Scale^2) entries over the whole vocabulary', () => {
    const data = generateDataset(options({ K: 2, d: 50, V: 40, w0Scale: 0.5 }));
    expect(data.W0!.length).toBe(40 * 50);
    const std = Math.sqrt(data.W0!.reduce((sum, x) => sum + x * x, 0) / data.W0!.length);
    expect(Math.abs(std - 0.5)).toBeLessThan(0.03);
  });

  it('meta.json records the format, V, d, L = 1, K and every generation parameter', () => {
    const data = generateDataset(options({ K: 3, Q: 4, d: 8, tokens: 'shared:2', V: 20, seed: 5 }));
    expect(data.meta).toMatchObject({
      format: 'dposcale-dataset', version: 1, V: 20, d: 8, L: 1, K: 3,
      Q: 4, test: 100, v: 0.1, lb: 0.5, tokens: 'shared:2', axes: false, conceptCos: null, delta: null,
      imbalance: 0, flip: 0, w0Scale: 0, seed: 5, Z: 2, Qk: [4, 4, 4],
    });
    expect(data.meta.pairs).toEqual(tokenPairs('shared:2', 3).map((pair) => [...pair]));
    expect(Object.keys(data.meta).slice(0, 6)).toEqual(['format', 'version', 'V', 'd', 'L', 'K']);
  });

  it('refuses a vocabulary too small for the layout and d too small for K', () => {
    expect(() => generateDataset(options({ K: 4, V: 5 }))).toThrow(/^V: must be at least 8/);
    expect(() => generateDataset(options({ K: 8, d: 8 }))).toThrow(/^d: must be at least K \+ 1 = 9/);
  });
});
