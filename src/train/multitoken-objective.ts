// The objective of the multi-token path on one chunk of active rows: every pair's margin
// r_i = beta sum_j (token reward of y_w^(j) - of y_l^(j)) and, for training and --explain,
// every row's factor in dL/dW (assembly/kernels/sequence-weights.ts), with the SFT term
// alpha * mean -log pi(y_w) folded into the preferred rows' factors.
import type { Backend, LossName } from '../backend/index.js';
import type { Chunk } from './multitoken-pass.js';
import type { SequenceSplit } from './multitoken-split.js';

export interface SequenceObjective {
  loss: LossName;
  beta: number;
  eps: number;
  K: number;
  /** the SFT/RPO coefficient */
  alpha: number;
}

/**
 * Writes the margins of the chunk's pairs into split.margins and, with `weights`, each row's
 * factor into chunk.weight (the objective's mean over the split's N pairs); returns sum f(r_i).
 */
export function weighChunk(backend: Backend, split: SequenceSplit, chunk: Chunk, objective: SequenceObjective, weights: boolean): number {
  const { loss, beta, eps, alpha } = objective;
  return backend.sequenceWeights({
    rows: chunk.rows, pair: chunk.pair, sign: chunk.sign, logp: chunk.logp, logp0: chunk.logp0,
    loss, beta, eps, scale: 1 / split.N, alpha, margins: split.margins, weight: weights ? chunk.weight : null,
  });
}
