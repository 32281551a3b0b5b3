// The fused single-token DPO step (theory.md §1-2). Trainable state is D = W - W0 [V x d];
// hidden states G [N x d]; tokens yw, yl [N] (i32). For each sample i in one pass over G:
//   r_i      = beta * (D[yw_i] - D[yl_i]) . g_i                       (the margin)
//   w_i      = -f'(r_i) * scale                                       (scale = 1/N or 1/batch)
//   grad[yw_i] -= beta * w_i * g_i,  grad[yl_i] += beta * w_i * g_i   (dL/dD, accumulated)
// Reading G once is the whole cost: D and grad rows stay in cache, the step is bandwidth-bound.
import { madd, horizontalSum } from './simd';
import { lossValue, lossWeight } from './objective';

/** (a - b) . g over d floats. */
// @ts-ignore: decorator
@inline function differenceDot(a: usize, b: usize, g: usize, d: i32): f32 {
  let s0 = f32x4.splat(0), s1 = f32x4.splat(0);
  let k = 0;
  for (; k + 8 <= d; k += 8) {
    const o = <usize>k << 2;
    s0 = madd(f32x4.sub(v128.load(a + o), v128.load(b + o)), v128.load(g + o), s0);
    s1 = madd(f32x4.sub(v128.load(a + o, 16), v128.load(b + o, 16)), v128.load(g + o, 16), s1);
  }
  for (; k + 4 <= d; k += 4) {
    const o = <usize>k << 2;
    s0 = madd(f32x4.sub(v128.load(a + o), v128.load(b + o)), v128.load(g + o), s0);
  }
  let s = horizontalSum(f32x4.add(s0, s1));
  for (; k < d; k++) {
    const o = <usize>k << 2;
    s += (load<f32>(a + o) - load<f32>(b + o)) * load<f32>(g + o);
  }
  return s;
}

/** a . g over d floats. */
// @ts-ignore: decorator
@inline function dot(a: usize, g: usize, d: i32): f32 {
  let s0 = f32x4.splat(0);
  let k = 0;
  for (; k + 4 <= d; k += 4) {
    const o = <usize>k << 2;
    s0 = madd(v128.load(a + o), v128.load(g + o), s0);
  }
  let s = horizontalSum(s0);
  for (; k < d; k++) s += load<f32>(a + (<usize>k << 2)) * load<f32>(g + (<usize>k << 2));
  return s;
}

/** a -= c * g and b += c * g over d floats. */
// @ts-ignore: decorator
@inline function pushApart(a: usize, b: usize, g: usize, d: i32, c: f32): void {
  const cv = f32x4.splat(c);
  let k = 0;
  for (; k + 4 <= d; k += 4) {
    const o = <usize>k << 2;
    const step = f32x4.mul(v128.load(g + o), cv);
    v128.store(a + o, f32x4.sub(v128.load(a + o), step));
    v128.store(b + o, f32x4.add(v128.load(b + o), step));
  }
  for (; k < d; k++) {
    const o = <usize>k << 2;
    const step = load<f32>(g + o) * c;
    store<f32>(a + o, load<f32>(a + o) - step);
    store<f32>(b + o, load<f32>(b + o) + step);
  }
}

/**
 * One pass over `count` samples: the samples are index[0..count) when index != 0, else 0..count.
 * Writes r_i to margins[i] (when margins != 0), accumulates dL/dD into grad [V x d] (when
 * grad != 0), and returns sum_i f(r_i).
 */
export function dpoStep(
  G: usize, d: i32, yw: usize, yl: usize, index: usize, count: i32,
  D: usize, beta: f32, loss: i32, eps: f32, scale: f32, grad: usize, margins: usize,
): f64 {
  const rowBytes = <usize>d << 2;
  let total: f64 = 0;
  for (let k = 0; k < count; k++) {
    const i = index ? load<i32>(index + (<usize>k << 2)) : k;
    const g = G + <usize>i * rowBytes;
    const w = <usize>load<i32>(yw + (<usize>i << 2));
    const l = <usize>load<i32>(yl + (<usize>i << 2));
    const r = beta * differenceDot(D + w * rowBytes, D + l * rowBytes, g, d);
    if (margins) store<f32>(margins + (<usize>i << 2), r);
    total += lossValue(loss, r, beta, eps);
    if (grad) {
      const weight = <f32>lossWeight(loss, r, beta, eps) * scale;
      pushApart(grad + w * rowBytes, grad + l * rowBytes, g, d, beta * weight);
    }
  }
  return total;
}

/** chosen[i] = beta * D[yw_i] . g_i and rejected[i] = beta * D[yl_i] . g_i for i < N. */
export function tokenRewards(G: usize, d: i32, N: i32, yw: usize, yl: usize, D: usize, beta: f32, chosen: usize, rejected: usize): void {
  const rowBytes = <usize>d << 2;
  for (let i = 0; i < N; i++) {
    const g = G + <usize>i * rowBytes;
    const w = D + <usize>load<i32>(yw + (<usize>i << 2)) * rowBytes;
    const l = D + <usize>load<i32>(yl + (<usize>i << 2)) * rowBytes;
    store<f32>(chosen + (<usize>i << 2), beta * dot(w, g, d));
    store<f32>(rejected + (<usize>i << 2), beta * dot(l, g, d));
  }
}
