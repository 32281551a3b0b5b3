// The JS twin of assembly/kernels/objective.ts: f(r) and -f'(r) for the GPO family
// (formulas in that file and theory.md §1), in float64, overflow-free for any |r|.
import type { LossName } from '../backend.js';

export function softplus(x: number): number {
  return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
}

export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

export function lossValue(loss: LossName, r: number, beta: number, eps: number): number {
  switch (loss) {
    case 'dpo': return softplus(-r);
    case 'ipo': return (r - 1) ** 2;
    case 'ipo-trl': return (r - 0.5) ** 2 / (beta * beta);
    case 'slic': return Math.max(0, 1 - r);
    case 'cdpo': return (1 - eps) * softplus(-r) + eps * softplus(r);
    case 'robust': return ((1 - eps) * softplus(-r) - eps * softplus(r)) / (1 - 2 * eps);
  }
}

export function lossWeight(loss: LossName, r: number, beta: number, eps: number): number {
  switch (loss) {
    case 'dpo': return sigmoid(-r);
    case 'ipo': return 2 * (1 - r);
    case 'ipo-trl': return (1 - 2 * r) / (beta * beta);
    case 'slic': return r < 1 ? 1 : 0;
    case 'cdpo': return (1 - eps) * sigmoid(-r) - eps * sigmoid(r);
    case 'robust': return ((1 - eps) * sigmoid(-r) + eps * sigmoid(r)) / (1 - 2 * eps);
  }
}

export function objective(loss: LossName, r: Float32Array, n: number, beta: number, eps: number,
  value: Float32Array | null, weight: Float32Array | null): void {
  for (let i = 0; i < n; i++) {
    if (value) value[i] = lossValue(loss, r[i]!, beta, eps);
    if (weight) weight[i] = lossWeight(loss, r[i]!, beta, eps);
  }
}
