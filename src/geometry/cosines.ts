// Figure 3 of the paper: for each pair of values, the average cosine similarity between their
// embeddings, as given and after subtracting the mean embedding. As in the reference notebook
// (persona_structure.ipynb) it uses each value's aligned pairs (side +1: the statements whose
// behaviour-matching answer is the preferred token a_k), averages over all pairs of embeddings
// including an embedding with itself, and the mean is that of the aligned embeddings of all
// values. The average of x_hat . y_hat over two sets is (sum x_hat) . (sum y_hat) / (n_i n_j),
// so one pass of unit-vector sums per value replaces the N x N products.
import type { Split } from '../data/dataset.js';
import { dot } from './vectors.js';

export interface ValueCosines {
  /** K x K average cosines of the embeddings as given */
  asGiven: number[][];
  /** K x K average cosines after subtracting the mean embedding */
  meanSubtracted: number[][];
}

export function valueCosines(split: Split, K: number, d: number): ValueCosines {
  const aligned: number[] = [];
  for (let i = 0; i < split.N; i++) if (split.side[i]! > 0) aligned.push(i);
  const mean = new Float64Array(d);
  for (const i of aligned) for (let j = 0; j < d; j++) mean[j]! += split.G[i * d + j]! / aligned.length;
  return { asGiven: averageCosines(split, aligned, K, d, null), meanSubtracted: averageCosines(split, aligned, K, d, mean) };
}

function averageCosines(split: Split, rows: readonly number[], K: number, d: number, shift: Float64Array | null): number[][] {
  const sums = Array.from({ length: K }, () => new Float64Array(d));
  const counts = new Array<number>(K).fill(0);
  const x = new Float64Array(d);
  for (const i of rows) {
    for (let j = 0; j < d; j++) x[j] = split.G[i * d + j]! - (shift ? shift[j]! : 0);
    const norm = Math.sqrt(dot(x, x));
    const k = split.value[i]!;
    for (let j = 0; j < d; j++) sums[k]![j]! += x[j]! / norm;
    counts[k]!++;
  }
  return sums.map((si, i) => sums.map((sj, j) => dot(si, sj) / (counts[i]! * counts[j]!)));
}
