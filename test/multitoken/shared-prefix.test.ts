// Positions in the shared prefix (same context, same token) contribute exactly zero to the
// margin and are left out of the DPO gradient; position L_p + 1 (same context, different
// tokens) contributes. Checked in the row layout, in the trained run's per-position rewards,
// and against float64 margins computed from the raw [N, 2, L, d] arrays.
import { describe, expect, it } from 'vitest';
import { parseRunOptions } from '../../src/config/options.js';
import { generateSequences } from '../../src/data/sequences.js';
import { trainOn } from '../../src/train/run.js';
import { SequenceSplit } from '../../src/train/multitoken-split.js';
import { SequenceEvaluator } from '../../src/train/multitoken-evaluate.js';
import { expectClose, loadEngines } from '../helpers.js';
import { hiddenOffset, objective64, residentTrain, tokenReward64 } from './helpers.js';

describe('shared prefix', async () => {
  const { relaxed } = await loadEngines();
  const options = parseRunOptions({ K: 2, Q: 6, test: 3, d: 6, V: 12, L: 5, prefix: 2, gamma: 0.6, vpos: 0.2, w0Scale: 0.7, steps: 30, lr: 0.3, seed: 8 });
  const dataset = generateSequences(options);
  const { L, d, V, K } = dataset.meta;
  const { prefix } = options;

  it('the data shares hidden states and tokens exactly up to position L_p, and the hidden state at L_p + 1', () => {
    const { train } = dataset;
    for (let i = 0; i < train.N; i++) {
      for (let j = 0; j <= prefix; j++) {
        const w = hiddenOffset(train, L, d, i, 0, j), l = hiddenOffset(train, L, d, i, 1, j);
        expect(Array.from(train.G.subarray(w, w + d))).toEqual(Array.from(train.G.subarray(l, l + d)));
        if (j < prefix) expect(train.yw[i * L + j]).toBe(train.yl[i * L + j]);
      }
      expect(train.yw[i * L + prefix]).not.toBe(train.yl[i * L + prefix]);
      const w = hiddenOffset(train, L, d, i, 0, prefix + 1), l = hiddenOffset(train, L, d, i, 1, prefix + 1);
      expect(Array.from(train.G.subarray(w, w + d))).not.toEqual(Array.from(train.G.subarray(l, l + d)));
    }
  });

  it('shared positions are single rows outside the active region; position L_p + 1 has two active rows', () => {
    const split = new SequenceSplit(relaxed, dataset.train, L, d, V, K, 'train', 2 * L);
    for (let i = 0; i < split.N; i++) {
      for (let j = 0; j < prefix; j++) {
        expect(split.rowOf(i, j, 0)).toBe(split.rowOf(i, j, 1));
        expect(split.rowOf(i, j, 0)).toBeGreaterThanOrEqual(split.activeRows);
      }
      expect(split.rowOf(i, prefix, 0)).not.toBe(split.rowOf(i, prefix, 1));
      expect(Math.max(split.rowOf(i, prefix, 0), split.rowOf(i, prefix, 1))).toBeLessThan(split.activeRows);
    }
    expect(split.activeRows).toBe(split.N * 2 * (L - prefix));
    expect(split.rows - split.activeRows).toBe(split.N * prefix);
    split.free();
  });

  it('a trained run logs equal rewards on both sides at shared positions, different ones at L_p + 1', () => {
    const rewards = trainOn(dataset, options, relaxed).final!.per_position_reward!.train;
    for (let j = 0; j < prefix; j++) expect(rewards.chosen[j]).toBe(rewards.rejected[j]);
    expect(Math.abs(rewards.chosen[prefix]! - rewards.rejected[prefix]!)).toBeGreaterThan(0.05);
  });

  it('margins of the row layout equal float64 margins over all L positions, where shared ones add exactly 0', () => {
    const objective = { loss: 'dpo' as const, beta: 0.9, eps: 0, K, alpha: 0 };
    const { split, pass } = residentTrain(relaxed, dataset, objective, 4 * L);
    const W0 = dataset.W0!;
    const W = Float32Array.from(W0, (value, k) => value + 0.4 * Math.sin(k));
    new SequenceEvaluator(relaxed, pass, split, objective).evaluate(relaxed.float32(V * d, W));
    expectClose(split.margins.view(), objective64(dataset, W, W0, objective).margins, { rel: 1e-4, abs: 1e-5 }, 'margins');
    const difference = (i: number, j: number) => tokenReward64(dataset, dataset.train, W, W0, 0.9, i, j, 0) - tokenReward64(dataset, dataset.train, W, W0, 0.9, i, j, 1);
    for (let i = 0; i < dataset.train.N; i++) {
      for (let j = 0; j < prefix; j++) expect(difference(i, j)).toBe(0);
      expect(Math.abs(difference(i, prefix))).toBeGreaterThan(1e-3);
    }
  });
});
