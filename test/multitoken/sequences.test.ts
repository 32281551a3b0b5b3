// The multi-token data of theory.md §5: layout and determinism, prompts shared with the
// single-token data, the hidden-state formula, shared contexts, flips, the options' range
// checks, and the round trip through a dataset directory.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRunOptions } from '../../src/config/options.js';
import { generateDataset } from '../../src/data/clusters.js';
import { generateData, generateSequences } from '../../src/data/sequences.js';
import { readDatasetDirectory, writeDatasetDirectory } from '../../src/data/directory.js';
import { Random } from '../../src/data/random.js';
import { expectClose } from '../helpers.js';
import { hiddenOffset } from './helpers.js';

const options = parseRunOptions({ K: 3, Q: 4, test: 2, d: 8, V: 30, L: 5, prefix: 2, gamma: 0.8, vpos: 0.1, w0Scale: 0.4, seed: 5 });

describe('multi-token data', () => {
  const dataset = generateSequences(options);
  const { train } = dataset;
  const { L, d, V } = dataset.meta;

  it('has the [N, 2, L, d] layout, is deterministic, and keeps the single-token prompts, values, sides and W0', () => {
    const single = generateDataset({ ...options, L: 1, prefix: 0 });
    expect(dataset.meta).toMatchObject({ L: 5, prefix: 2, V: 30, d: 8, K: 3, gamma: 0.8, vpos: 0.1 });
    expect(train.G).toHaveLength(train.N * 2 * L * d);
    expect(train.yw).toHaveLength(train.N * L);
    expect(train.value).toEqual(single.train.value);
    expect(train.side).toEqual(single.train.side);
    expect(dataset.W0).toEqual(single.W0);
    expect(generateData(options)).toEqual(dataset);
    expect(generateData({ ...options, L: 1, prefix: 0 })).toEqual(single);
    expect(generateSequences({ ...options, seed: 6 }).train.G).not.toEqual(train.G);
  });

  it('follows g(i, j, s) = x_i + gamma sum_{m<j} E[s^(m)] / sqrt(j) without position noise', () => {
    const quiet = { ...options, vpos: 0 };
    const data = generateSequences(quiet);
    const x = generateDataset({ ...quiet, L: 1 }).train.G;
    const E = new Random(`${quiet.seed}:token-embeddings`).normalArray(V * d, 1 / Math.sqrt(d));
    for (const i of [0, 7, data.train.N - 1]) {
      for (const s of [0, 1]) {
        const tokens = (s === 0 ? data.train.yw : data.train.yl).subarray(i * L, (i + 1) * L);
        for (let j = 0; j < L; j++) {
          const expected = Float64Array.from({ length: d }, (_, c) => {
            let history = 0;
            for (let m = 0; m < j; m++) history += E[tokens[m]! * d + c]!;
            return x[i * d + c]! + (quiet.gamma / Math.sqrt(j + 1)) * history;
          });
          const at = hiddenOffset(data.train, L, d, i, s, j);
          expectClose(data.train.G.subarray(at, at + d), expected, { rel: 1e-5, abs: 1e-6 }, `pair ${i} side ${s} position ${j + 1}`);
        }
      }
    }
  });

  it('responses follow their value: one pair of sequences per value, preferred by cluster side', () => {
    const sequences = dataset.meta['sequences'] as number[][][];
    for (let i = 0; i < train.N; i++) {
      const [a, b] = sequences[train.value[i]!]!;
      const [preferred, rejected] = train.side[i]! > 0 ? [a!, b!] : [b!, a!];
      expect(Array.from(train.yw.subarray(i * L, (i + 1) * L))).toEqual(preferred);
      expect(Array.from(train.yl.subarray(i * L, (i + 1) * L))).toEqual(rejected);
    }
    for (const [a, b] of sequences) {
      expect(a!.slice(0, 2)).toEqual(b!.slice(0, 2));
      expect(a![2]).not.toBe(b![2]);
    }
  });

  it('a flipped training pair swaps the two responses and their hidden states', () => {
    const flipped = generateSequences({ ...options, flip: 1 });
    const N = train.N;
    expect(flipped.train.yw).toEqual(train.yl);
    expect(flipped.train.yl).toEqual(train.yw);
    for (let i = 0; i < N; i++) {
      const a = hiddenOffset(train, L, d, i, 0, 0);
      expect(flipped.train.G.subarray(a, a + 2 * L * d)).toEqual(Float32Array.from([
        ...train.G.subarray(hiddenOffset(train, L, d, i, 1, 0), hiddenOffset(train, L, d, i, 1, 0) + L * d),
        ...train.G.subarray(a, a + L * d),
      ]));
    }
    expect(flipped.test).toEqual(dataset.test);
  });

  it('round-trips through a dataset directory', async () => {
    const folder = join(mkdtempSync(join(tmpdir(), 'dposcale-sequences-')), 'data');
    await writeDatasetDirectory(folder, dataset);
    const read = await readDatasetDirectory(folder);
    expect(read.train).toEqual(dataset.train);
    expect(read.test).toEqual(dataset.test);
    expect(read.meta.L).toBe(5);
  });

  it('options refuse a prefix as long as L, token layouts with L > 1, position noise with L = 1, margin space and minibatches on the multi-token path', () => {
    expect(() => parseRunOptions({ L: 3, prefix: 3 })).toThrow(/prefix: .* must be below L = 3 \(got 3\)/);
    expect(() => parseRunOptions({ L: 3, tokens: 'yes-no' })).toThrow(/tokens: multi-token responses are drawn uniformly/);
    expect(() => parseRunOptions({ L: 2, space: 'margin' })).toThrow(/space: margin space .* single-token responses without an SFT term/);
    expect(() => parseRunOptions({ sft: 0.1, batchSize: 8 })).toThrow(/batchSize: the multi-token path .* trains full batch/);
    expect(() => parseRunOptions({ L: 0 })).toThrow(/L/);
    expect(() => parseRunOptions({ vpos: 0.1 })).toThrow(/vpos: position noise is drawn per context of a multi-token response/);
    expect(() => generateDataset({ ...options })).toThrow(/generateDataset draws single-token responses/);
  });
});
