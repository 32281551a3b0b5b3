// The JS twin of assembly/kernels/softmax-onehot.ts.
import { rowLogSumExp } from './softmax.js';

export function softmaxMinusOneHot(x: Float32Array, rows: number, V: number, y: Int32Array,
  out: Float32Array, logp: Float32Array): void {
  for (let r = 0; r < rows; r++) {
    const offset = r * V;
    const lse = rowLogSumExp(x, offset, V);
    const target = y[r]!;
    logp[r] = target >= 0 ? x[offset + target]! - lse : 0;
    for (let j = 0; j < V; j++) out[offset + j] = Math.exp(x[offset + j]! - lse);
    if (target >= 0) out[offset + target] = out[offset + target]! - 1;
  }
}
