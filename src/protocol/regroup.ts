// The dataset the reference protocol trains on: every pair of the given dataset (train and test
// rows pooled), split 90/10 (split.ts) by a seeded key of each pair's contents (pair-key.ts).
import type { Dataset } from '../data/dataset.js';
import { pairKeys } from './pair-key.js';
import { PooledPairs } from './pooled.js';
import { chooseTraining, type SplitMode } from './split.js';

/**
 * The protocol's training pairs become `train`, its evaluation pairs `test`. Rows are moved
 * inside the given dataset's own arrays (swaps, no copy): the training pairs are views into
 * the arrays of `dataset.train` whenever it holds at least that many pairs, which a directory
 * written with 90% or more of each value in train_ guarantees; only the evaluation pairs that
 * straddle the two arrays are copied. `dataset` is therefore reordered (its train and test rows
 * mixed); since the keys depend on contents only, splitting it again picks the same pairs.
 */
export function referenceDataset(dataset: Dataset, mode: SplitMode, seed: number): Dataset {
  const pool = new PooledPairs(dataset);
  const value = Int32Array.from({ length: pool.N }, (_, row) => {
    const [split, i] = pool.locate(row);
    return split.value[i]!;
  });
  const training = chooseTraining(pairKeys(pool, seed), value, dataset.meta.K, mode);
  const count = training.reduce((sum, x) => sum + x, 0);
  // Two fingers: an evaluation pair in the first `count` rows changes places with a training
  // pair after them, until the first `count` rows are exactly the training pairs.
  for (let low = 0, high = count; ; low++, high++) {
    while (low < count && training[low] === 1) low++;
    while (high < pool.N && training[high] === 0) high++;
    if (low >= count || high >= pool.N) break;
    pool.swap(low, high);
    training[low] = 1;
    training[high] = 0;
  }
  return { ...dataset, train: pool.rows(0, count), test: pool.rows(count, pool.N) };
}
