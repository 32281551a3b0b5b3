// The diverse preference distribution of theory.md §3, single-token responses (L = 1).
// Value k has an aligned cluster C_{k,+} ~ N(+c_k + b, v^2 I), where a_k is preferred over b_k,
// and a misaligned cluster C_{k,-} ~ N(-c_k + b, v^2 I), where b_k is preferred over a_k.
// Every cluster draws from its own seeded stream, so changing one value's sample count leaves
// every other value's samples bit-identical, and a smaller Q gives a prefix of a larger one.
import type { DataOptions } from '../config/options.js';
import type { Dataset, DatasetMeta, Split } from './dataset.js';
import { makeDirections, type Directions } from './directions.js';
import { Random } from './random.js';
import { maxSharing, tokenPairs, vocabularySize, type TokenPair } from './tokens.js';

const SIDES = [{ sign: 1, name: 'plus' }, { sign: -1, name: 'minus' }] as const;

/**
 * Samples a dataset: Q_k pairs per cluster for training (see groupSizes), `test` per cluster
 * for testing. `directions` (b's unit direction and K unit concepts) default to the ones the
 * options describe; given explicitly, they place the clusters where another dataset has them.
 */
export function generateDataset(options: DataOptions, directions: Directions = makeDirections(options)): Dataset {
  const { K, d, v, lb, seed } = options;
  if (options.L > 1) throw new RangeError(`L: generateDataset draws single-token responses; generateData (sequences.ts) draws L = ${options.L}`);
  const pairs = tokenPairs(options.tokens, K);
  const V = vocabularySize(options.tokens, K, options.V);
  const { b, concepts } = directions;
  const means = concepts.map((c) => SIDES.map(({ sign }) => c.map((value, i) => sign * value + lb * b[i]!)));
  const Qk = groupSizes(K, options.Q, options.imbalance);
  const sample = (split: 'train' | 'test', counts: number[]): Split => {
    const N = 2 * counts.reduce((sum, n) => sum + n, 0);
    const out: Split = { N, G: new Float32Array(N * d), yw: new Int32Array(N), yl: new Int32Array(N), value: new Int32Array(N), side: new Int8Array(N) };
    let row = 0;
    for (let k = 0; k < K; k++) {
      SIDES.forEach(({ sign, name }, s) => {
        const noise = new Random(`${seed}:value:${k}:${name}:${split}`);
        // Annotator noise touches training labels only: the test set measures the true preference.
        const flips = split === 'train' && options.flip > 0 ? new Random(`${seed}:value:${k}:${name}:flip`) : null;
        const mean = means[k]![s]!;
        const [preferred, rejected] = sign > 0 ? pairs[k]! : [pairs[k]![1], pairs[k]![0]];
        for (let i = 0; i < counts[k]!; i++, row++) {
          for (let j = 0; j < d; j++) out.G[row * d + j] = mean[j]! + v * noise.normal();
          const flipped = flips !== null && flips.uniform() < options.flip;
          out.yw[row] = flipped ? rejected : preferred;
          out.yl[row] = flipped ? preferred : rejected;
          out.value[row] = k;
          out.side[row] = sign;
        }
      });
    }
    return out;
  };
  return {
    meta: generationMeta(options, V, pairs, Qk),
    train: sample('train', Qk),
    test: sample('test', Qk.map(() => options.test)),
    // N(0, w0Scale^2) entries make a reference logit w_y^T g ~ N(0, (w0Scale |g|)^2).
    W0: options.w0Scale > 0 ? new Random(`${seed}:W0`).normalArray(V * d, options.w0Scale) : null,
  };
}

/**
 * Training pairs per cluster for each value. With Zipf exponent s > 0, Q_k is proportional to
 * (k + 1)^-s (value 0 the majority), scaled so the total stays about K Q, rounded, and at least
 * 1 so every value is still seen. s = 0 gives Q for every value. Test sets stay `test` per
 * cluster for every value, so minority values are measured as precisely as the majority.
 */
export function groupSizes(K: number, Q: number, imbalance: number): number[] {
  if (imbalance === 0) return Array.from({ length: K }, () => Q);
  const weights = Array.from({ length: K }, (_, k) => (k + 1) ** -imbalance);
  const total = weights.reduce((sum, w) => sum + w, 0);
  return weights.map((w) => Math.max(1, Math.round((K * Q * w) / total)));
}

function generationMeta(options: DataOptions, V: number, pairs: TokenPair[], Qk: number[]): DatasetMeta {
  // meta's V is the vocabulary actually used (the option may be 0 for "just what is needed"),
  // and its L is 1 whatever the options say: these are single-token responses.
  const { V: _vocabularyOption, L: _length, d, K, ...parameters } = options;
  return {
    format: 'dposcale-dataset',
    version: 1,
    V,
    d,
    L: 1,
    K,
    ...parameters,
    Z: maxSharing(pairs),
    Qk,
    pairs: pairs.map((pair) => [...pair]),
  };
}
