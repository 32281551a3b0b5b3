// The JS twin of assembly/kernels/summary.ts.
import type { LossName, MarginSummary } from '../backend.js';
import { lossValue } from './objective.js';

export function marginSummary(r: Float32Array, n: number, values: Int32Array | null, K: number,
  loss: LossName, beta: number, eps: number): MarginSummary {
  const summary: MarginSummary = {
    sum: 0, min: Infinity, max: -Infinity, positive: 0, lossSum: 0,
    errors: new Array<number>(K).fill(0), counts: new Array<number>(K).fill(0),
  };
  for (let i = 0; i < n; i++) {
    const ri = r[i]!;
    summary.sum += ri;
    summary.min = Math.min(summary.min, ri);
    summary.max = Math.max(summary.max, ri);
    if (ri > 0) summary.positive++;
    summary.lossSum += lossValue(loss, ri, beta, eps);
    if (values) {
      const k = values[i]!;
      if (ri <= 0) summary.errors[k]!++;
      summary.counts[k]!++;
    }
  }
  return summary;
}

export function axpy(a: number, x: Float32Array, y: Float32Array, n: number, out: Float32Array): void {
  for (let k = 0; k < n; k++) out[k] = a * x[k]! + y[k]!;
}

export function sum(x: Float32Array, n: number): number {
  let s = 0;
  for (let k = 0; k < n; k++) s += x[k]!;
  return s;
}
