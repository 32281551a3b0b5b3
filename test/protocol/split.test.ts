// The reference protocol's split (theory.md §6): 90/10 within each value (or once over all
// pairs), seeded, reproducible, independent of how the pairs were ordered or divided between
// train_ and test_, and done by moving rows inside the dataset's arrays without breaking a pair.
import { describe, expect, it } from 'vitest';
import { parseRunOptions } from '../../src/config/options.js';
import { generateDataset } from '../../src/data/clusters.js';
import type { Dataset, Split } from '../../src/data/dataset.js';
import { Random } from '../../src/data/random.js';
import { referenceDataset, trainingCount } from '../../src/protocol/index.js';

const d = 6;
/** K = 3 values with 2 x 50 training and 2 x 10 test pairs each: 120 pooled pairs per value. */
const dataset = (Q = 50, test = 10): Dataset => generateDataset(parseRunOptions({ K: 3, Q, test, d, seed: 5, flip: 0.2, tokens: 'shared:2' }));

/** Each pair as text (hidden state, tokens, value, side), so pairs can be compared as sets. */
function pairs(split: Split): string[] {
  return Array.from({ length: split.N }, (_, i) =>
    `${Array.from(split.G.subarray(i * d, (i + 1) * d)).join(' ')}|${split.yw[i]}>${split.yl[i]}|${split.value[i]}|${split.side[i]}`);
}
const sorted = (split: Split) => pairs(split).sort();

interface Row { G: Float32Array; yw: number; yl: number; value: number; side: number }
const rowsOf = (split: Split): Row[] => Array.from({ length: split.N }, (_, i) => ({
  G: split.G.slice(i * d, (i + 1) * d), yw: split.yw[i]!, yl: split.yl[i]!, value: split.value[i]!, side: split.side[i]!,
}));
const splitOf = (rows: Row[]): Split => {
  const G = new Float32Array(rows.length * d);
  rows.forEach((row, r) => G.set(row.G, r * d));
  const column = (name: 'yw' | 'yl' | 'value') => Int32Array.from(rows, (row) => row[name]);
  return { N: rows.length, G, yw: column('yw'), yl: column('yl'), value: column('value'), side: Int8Array.from(rows, (row) => row.side) };
};
const perValue = (split: Split) => [0, 1, 2].map((k) => split.value.filter((value) => value === k).length);

describe('reference split', () => {
  it('keeps int(0.9 n) of each value for training and the rest for evaluation (per-value)', () => {
    const split = referenceDataset(dataset(), 'per-value', 0);
    expect(perValue(split.train)).toEqual([108, 108, 108]);
    expect(perValue(split.test)).toEqual([12, 12, 12]);
    expect([trainingCount(1), trainingCount(3), trainingCount(10), trainingCount(120)]).toEqual([0, 2, 9, 108]);
  });

  it('keeps int(0.9 N) of all pairs for training (global), values mixed', () => {
    const split = referenceDataset(dataset(), 'global', 0);
    expect(split.train.N).toBe(324);
    expect(split.test.N).toBe(36);
    expect(perValue(split.train)).not.toEqual([108, 108, 108]);
  });

  for (const mode of ['per-value', 'global'] as const) {
    it(`${mode}: the same seed gives the same split, another seed another`, () => {
      const first = referenceDataset(dataset(), mode, 7), again = referenceDataset(dataset(), mode, 7);
      expect(again.train).toEqual(first.train);
      expect(again.test).toEqual(first.test);
      const other = referenceDataset(dataset(), mode, 8);
      expect(sorted(other.test)).not.toEqual(sorted(first.test));
    });

    it(`${mode}: the split does not depend on the order of the pairs or on the train_/test_ division`, () => {
      const original = dataset();
      const expected = sorted(referenceDataset(dataset(), mode, 3).test);
      // The same 360 pairs, shuffled, with only 30 of them in test_.
      const rows = new Random('order').shuffle([...rowsOf(original.train), ...rowsOf(original.test)]);
      const reshuffled = { ...original, train: splitOf(rows.slice(30)), test: splitOf(rows.slice(0, 30)) };
      expect(sorted(referenceDataset(reshuffled, mode, 3).test)).toEqual(expected);
    });
  }

  it('splitting a dataset the split has reordered picks the same pairs again', () => {
    const data = dataset();
    const first = referenceDataset(data, 'per-value', 1);
    const expected = sorted(first.test);
    expect(sorted(referenceDataset(data, 'per-value', 1).test)).toEqual(expected);
    expect(sorted(referenceDataset(first, 'per-value', 1).test)).toEqual(expected);
  });

  it('moves whole pairs: the pool is the same set of pairs, only divided anew', () => {
    const data = dataset();
    const before = [...pairs(data.train), ...pairs(data.test)].sort();
    const split = referenceDataset(data, 'per-value', 2);
    expect([...pairs(split.train), ...pairs(split.test)].sort()).toEqual(before);
  });

  it('hands out the training pairs as a view of the train_ arrays when train_ holds enough pairs, copies otherwise', () => {
    const large = dataset(60, 5); // 120 train_ + 10 test_ pairs per value; 117 train
    const viewed = referenceDataset(large, 'per-value', 0);
    expect(viewed.train.G.buffer).toBe(large.train.G.buffer);
    const small = dataset(10, 50); // 20 train_ + 100 test_ pairs per value; 108 train
    const before = [...pairs(small.train), ...pairs(small.test)].sort();
    const copied = referenceDataset(small, 'per-value', 0);
    expect(copied.train.G.buffer).not.toBe(small.train.G.buffer);
    expect(perValue(copied.train)).toEqual([108, 108, 108]);
    expect([...pairs(copied.train), ...pairs(copied.test)].sort()).toEqual(before);
  });

  it('refuses a pool too small to leave any training pair', () => {
    const tiny = { ...dataset(), train: splitOf(rowsOf(dataset().train).slice(0, 1)), test: splitOf([]) };
    expect(() => referenceDataset(tiny, 'per-value', 0)).toThrow(/leaves no training pairs/);
  });
});
