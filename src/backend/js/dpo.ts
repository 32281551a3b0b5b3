// The JS twin of assembly/kernels/dpo.ts: the fused single-token step (returning the sum of the
// margins, a NaN check) and token rewards.
import type { LossName } from '../backend.js';
import { lossWeight } from './objective.js';

export function dpoStep(G: Float32Array, d: number, yw: Int32Array, yl: Int32Array,
  index: Int32Array | null, count: number, D: Float32Array, beta: number, loss: LossName, eps: number,
  scale: number, grad: Float32Array | null, margins: Float32Array | null): number {
  let total = 0;
  for (let k = 0; k < count; k++) {
    const i = index ? index[k]! : k;
    const g = i * d, w = yw[i]! * d, l = yl[i]! * d;
    let dot = 0;
    for (let c = 0; c < d; c++) dot += (D[w + c]! - D[l + c]!) * G[g + c]!;
    const r = Math.fround(beta * dot);
    if (margins) margins[i] = r;
    total += r;
    if (grad) {
      const push = beta * Math.fround(lossWeight(loss, r, beta, eps) * scale);
      for (let c = 0; c < d; c++) {
        const step = G[g + c]! * push;
        grad[w + c] = grad[w + c]! - step;
        grad[l + c] = grad[l + c]! + step;
      }
    }
  }
  return total;
}

export function tokenRewards(G: Float32Array, d: number, N: number, yw: Int32Array, yl: Int32Array,
  D: Float32Array, beta: number, chosen: Float32Array, rejected: Float32Array): void {
  for (let i = 0; i < N; i++) {
    let dotW = 0, dotL = 0;
    for (let c = 0; c < d; c++) {
      dotW += D[yw[i]! * d + c]! * G[i * d + c]!;
      dotL += D[yl[i]! * d + c]! * G[i * d + c]!;
    }
    chosen[i] = beta * dotW;
    rejected[i] = beta * dotL;
  }
}
