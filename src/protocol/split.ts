// The reference protocol's 90/10 split (theory.md §6). The paper's Appendix F and its full
// fine-tuning script split within each persona (`per-value`, our default); its last-layer
// script shuffles all personas together and splits once (`global`). Either way a group of n
// pairs keeps int(0.9 * n) for training, the script's own rounding, and the rest for evaluation.
import { OptionsError } from '../config/options.js';

export type SplitMode = 'per-value' | 'global';

export const TRAINING_SHARE = 0.9;

/** How many of n pairs train: floor(0.9 n) in the same float arithmetic as the reference script. */
export function trainingCount(n: number): number {
  return Math.floor(TRAINING_SHARE * n);
}

/**
 * Which pairs train (1) and which evaluate (0): in each group (one per value, or one for all),
 * the pairs with the smallest keys train. With pseudo-random keys (pairKeys) this is a seeded
 * shuffle of the group followed by a cut; ties keep pool order.
 */
export function chooseTraining(keys: Float64Array, value: Int32Array, K: number, mode: SplitMode): Uint8Array {
  const groups: number[][] = mode === 'global' ? [[]] : Array.from({ length: K }, () => []);
  for (let row = 0; row < keys.length; row++) groups[mode === 'global' ? 0 : value[row]!]!.push(row);
  const training = new Uint8Array(keys.length);
  for (const group of groups) {
    group.sort((a, b) => keys[a]! - keys[b]! || a - b);
    for (const row of group.slice(0, trainingCount(group.length))) training[row] = 1;
  }
  const count = training.reduce((sum, x) => sum + x, 0);
  if (count === 0) {
    throw new OptionsError(`split: ${mode} leaves no training pairs (int(0.9 n) is 0 for every group of the ${keys.length} pairs); the protocol needs at least 2 pairs per group`);
  }
  return training;
}
