// The JS twin of assembly/kernels/sequence-weights.ts: per-pair margins of multi-token
// responses and each row's factor in the gradient.
import type { LossName } from '../backend.js';
import { lossValue, lossWeight } from './objective.js';

export function sequenceWeights(rows: number, pair: Int32Array, sign: Float32Array, logp: Float32Array, logp0: Float32Array,
  loss: LossName, beta: number, eps: number, scale: number, alpha: number, margins: Float32Array, weight: Float32Array | null): number {
  let total = 0;
  let start = 0;
  while (start < rows) {
    const p = pair[start]!;
    let end = start, sum = 0;
    while (end < rows && pair[end] === p) {
      sum += sign[end]! * (logp[end]! - logp0[end]!);
      end++;
    }
    const r = Math.fround(beta * sum);
    margins[p] = r;
    total += lossValue(loss, r, beta, eps);
    if (weight) {
      const push = beta * lossWeight(loss, r, beta, eps);
      for (let row = start; row < end; row++) {
        const s = sign[row]!;
        weight[row] = scale * (push * s + (s > 0 ? alpha : 0));
      }
    }
    start = end;
  }
  return total;
}
