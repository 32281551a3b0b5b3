// The GPO family of theory.md §1 on beta-scaled margins r: f(r) and -f'(r).
//   dpo      f = softplus(-r)                              -f' = sigmoid(-r)
//   ipo      f = (r - 1)^2                                 -f' = 2 (1 - r)
//   ipo-trl  f = (r - 1/2)^2 / beta^2  (TRL's "ipo")       -f' = (1 - 2r) / beta^2
//   slic     f = max(0, 1 - r)                             -f' = 1 if r < 1 else 0
//   cdpo     f = (1-eps) softplus(-r) + eps softplus(r)    -f' = (1-eps) sigmoid(-r) - eps sigmoid(r)
//   robust   f = ((1-eps) softplus(-r) - eps softplus(r)) / (1 - 2 eps)
//                                                          -f' = ((1-eps) sigmoid(-r) + eps sigmoid(r)) / (1 - 2 eps)
// softplus and sigmoid are written so that no exp argument is positive: exact for |r| up to
// 1e4 and beyond, no overflow. f is computed in f64 (it is summed into logged losses);
// -f' is computed in f32 with the vectorised exp, because the fused step needs it for every
// sample of every step and float32 is all a gradient weight keeps.

import { expScalar } from './exp';

export const DPO = 0;
export const IPO = 1;
export const IPO_TRL = 2;
export const SLIC = 3;
export const CDPO = 4;
export const ROBUST = 5;

/** log(1 + exp(x)) without overflow. */
// @ts-ignore: decorator
@inline export function softplus(x: f64): f64 {
  return max(x, 0.0) + Math.log1p(Math.exp(-Math.abs(x)));
}

/** 1 / (1 + exp(-x)) without overflow: e = exp(-|x|) lies in (0, 1]. */
// @ts-ignore: decorator
@inline export function sigmoid(x: f32): f32 {
  const e = expScalar(-abs(x));
  return x >= 0 ? 1 / (1 + e) : e / (1 + e);
}

/** f(r) for the loss code. */
export function lossValue(loss: i32, r: f64, beta: f64, eps: f64): f64 {
  switch (loss) {
    case DPO: return softplus(-r);
    case IPO: return (r - 1) * (r - 1);
    case IPO_TRL: return (r - 0.5) * (r - 0.5) / (beta * beta);
    case SLIC: return max(0.0, 1 - r);
    case CDPO: return (1 - eps) * softplus(-r) + eps * softplus(r);
    case ROBUST: return ((1 - eps) * softplus(-r) - eps * softplus(r)) / (1 - 2 * eps);
  }
  return NaN;
}

/** -f'(r) for the loss code: the weight a sample's gradient gets. */
export function lossWeight(loss: i32, r: f32, beta: f32, eps: f32): f32 {
  switch (loss) {
    case DPO: return sigmoid(-r);
    case IPO: return 2 * (1 - r);
    case IPO_TRL: return (1 - 2 * r) / (beta * beta);
    case SLIC: return r < 1 ? 1 : 0;
    case CDPO: return (1 - eps) * sigmoid(-r) - eps * sigmoid(r);
    case ROBUST: return ((1 - eps) * sigmoid(-r) + eps * sigmoid(r)) / (1 - 2 * eps);
  }
  return NaN;
}

/** For margins r [n]: value[i] = f(r[i]), weight[i] = -f'(r[i]) (either pointer may be 0). */
export function objective(loss: i32, r: usize, n: i32, beta: f32, eps: f32, value: usize, weight: usize): void {
  for (let i = 0; i < n; i++) {
    const ri = load<f32>(r + (<usize>i << 2));
    if (value) store<f32>(value + (<usize>i << 2), <f32>lossValue(loss, ri, beta, eps));
    if (weight) store<f32>(weight + (<usize>i << 2), lossWeight(loss, ri, beta, eps));
  }
}
