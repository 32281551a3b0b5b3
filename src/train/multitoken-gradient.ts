// dL/dW of the multi-token objective at W (theory.md §5), chunk by chunk in the backend:
//   active rows:  dL/dW += Y^T (diag(c) G)   with c each row's factor (multitoken-objective.ts)
//   shared rows:  dL/dW += (alpha / N) Y^T G   (only the SFT term reaches a shared prefix)
// where Y = softmax(W g) - e_token are the rows the pass leaves in place of the logits.
import type { Backend, Float32Block } from '../backend/index.js';
import type { TokenPass } from './multitoken-pass.js';
import type { SequenceSplit } from './multitoken-split.js';
import { weighChunk, type SequenceObjective } from './multitoken-objective.js';

/**
 * Overwrites grad [V x d] with dL/dW at W and returns sum_i f(r_i) (the margins land in
 * split.margins). `scaled` is scratch for one chunk of scaled hidden states [chunkRows x d].
 */
export function sequenceGradient(backend: Backend, pass: TokenPass, split: SequenceSplit, W: Float32Block,
  objective: SequenceObjective, grad: Float32Block, scaled: Float32Block): number {
  const { V, d } = pass;
  backend.fill(grad, V * d, 0);
  let lossSum = 0;
  pass.run(split, W, split.activeChunks, split.logp, (chunk) => {
    lossSum += weighChunk(backend, split, chunk, objective, true);
    const rows = scaled.slice(0, chunk.rows * d);
    backend.scaleRows(chunk.G, chunk.rows, d, chunk.weight, rows);
    backend.gemm('tn', V, d, chunk.rows, 1, chunk.Y, rows, 1, grad);
  });
  if (objective.alpha > 0) {
    pass.run(split, W, split.sharedChunks, split.logp, (chunk) => {
      backend.gemm('tn', V, d, chunk.rows, objective.alpha / split.N, chunk.Y, chunk.G, 1, grad);
    });
  }
  return lossSum;
}
