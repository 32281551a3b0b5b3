// Float64 references for the multi-token path, computed straight from a dataset's arrays
// ([N, 2, L, d] hidden states, or [N, d] when L = 1) without the row layout the trainer uses.
import type { Backend, LossName } from '../../src/backend/index.js';
import { lossValue } from '../../src/backend/js/objective.js';
import type { Dataset, Split } from '../../src/data/dataset.js';
import { generateSequences } from '../../src/data/sequences.js';
import { parseRunOptions, type RunOptions } from '../../src/config/options.js';
import { SequenceSplit } from '../../src/train/multitoken-split.js';
import { TokenPass } from '../../src/train/multitoken-pass.js';
import { SequenceEvaluator } from '../../src/train/multitoken-evaluate.js';
import type { SequenceObjective } from '../../src/train/multitoken-objective.js';

export interface Objective64 { loss: LossName; beta: number; eps: number; alpha: number }

/** Where side s's hidden state at position j of pair i starts. */
export function hiddenOffset(split: Split, L: number, d: number, i: number, s: number, j: number): number {
  return L === 1 ? i * d : ((i * 2 + s) * L + j) * d;
}

/** log softmax(W g)[y] in float64, g = G[offset .. offset + d). */
export function logSoftmax64(W: ArrayLike<number>, V: number, d: number, G: Float32Array, offset: number, y: number): number {
  const logits = new Float64Array(V);
  for (let v = 0; v < V; v++) {
    let dot = 0;
    for (let c = 0; c < d; c++) dot += W[v * d + c]! * G[offset + c]!;
    logits[v] = dot;
  }
  const top = Math.max(...logits);
  let sum = 0;
  for (const x of logits) sum += Math.exp(x - top);
  return logits[y]! - top - Math.log(sum);
}

/** Token reward beta (log S(W g)[y] - log S(W0 g)[y]) of pair i, position j, side s. */
export function tokenReward64(dataset: Dataset, split: Split, W: ArrayLike<number>, W0: ArrayLike<number>, beta: number, i: number, j: number, s: number): number {
  const { V, d, L } = dataset.meta;
  const offset = hiddenOffset(split, L, d, i, s, j);
  const y = (s === 0 ? split.yw : split.yl)[i * L + j]!;
  return beta * (logSoftmax64(W, V, d, split.G, offset, y) - logSoftmax64(W0, V, d, split.G, offset, y));
}

/** The objective (1/N) sum f(r_i) + alpha (1/N) sum -log pi(y_w) on the training split, and the margins. */
export function objective64(dataset: Dataset, W: ArrayLike<number>, W0: ArrayLike<number>, o: Objective64): { loss: number; margins: Float64Array } {
  const { V, d, L } = dataset.meta;
  const split = dataset.train;
  const margins = new Float64Array(split.N);
  let total = 0;
  for (let i = 0; i < split.N; i++) {
    let r = 0, nll = 0;
    for (let j = 0; j < L; j++) {
      r += tokenReward64(dataset, split, W, W0, o.beta, i, j, 0) - tokenReward64(dataset, split, W, W0, o.beta, i, j, 1);
      nll -= logSoftmax64(W, V, d, split.G, hiddenOffset(split, L, d, i, 0, j), split.yw[i * L + j]!);
    }
    margins[i] = r;
    total += lossValue(o.loss, r, o.beta, o.eps) + o.alpha * nll;
  }
  return { loss: total / split.N, margins };
}

/** A small multi-token dataset. */
export function smallSequences(options: Partial<RunOptions> = {}): Dataset {
  return generateSequences(parseRunOptions({ K: 2, Q: 2, test: 1, d: 5, V: 9, L: 3, prefix: 1, gamma: 0.7, vpos: 0.1, w0Scale: 0.5, seed: 3, ...options }));
}

/** The training split resident in `backend`, its reference log-probabilities filled, chunks of `chunkRows` rows. */
export function residentTrain(backend: Backend, dataset: Dataset, objective: SequenceObjective, chunkRows: number) {
  const { V, d, K, L } = dataset.meta;
  const split = new SequenceSplit(backend, dataset.train, L, d, V, K, 'train', chunkRows);
  const pass = new TokenPass(backend, V, d, chunkRows);
  const W0 = backend.float32(V * d, dataset.W0 ?? undefined);
  new SequenceEvaluator(backend, pass, split, objective).prepareReference(W0);
  return { split, pass, W0 };
}
