// The fused single-token DPO step (theory.md §1-2). Trainable state is D = W - W0 [V x d];
// hidden states G [N x d]; tokens yw, yl [N] (i32). For each sample i in one pass over G:
//   r_i      = beta * (D[yw_i] - D[yl_i]) . g_i                       (the margin)
//   w_i      = -f'(r_i) * scale                                       (scale = 1/N or 1/batch)
//   grad[yw_i] -= beta * w_i * g_i,  grad[yl_i] += beta * w_i * g_i   (dL/dD, accumulated)
// Reading G once is the whole cost: D and grad rows stay in cache, the step is bandwidth-bound.
// (The push of sample i is grad[yw_i] -= c_i g_i, grad[yl_i] += c_i g_i with c_i = beta w_i.)
import { madd, horizontalSum } from './simd';
import { lossWeight } from './objective';
import { Workspace } from './workspace';

/** a . g over d floats. */
// @ts-ignore: decorator
@inline function dot(a: usize, g: usize, d: i32): f32 {
  let s0 = f32x4.splat(0), s1 = f32x4.splat(0);
  let k = 0;
  for (; k + 8 <= d; k += 8) {
    const o = <usize>k << 2;
    s0 = madd(v128.load(a + o), v128.load(g + o), s0);
    s1 = madd(v128.load(a + o, 16), v128.load(g + o, 16), s1);
  }
  for (; k + 4 <= d; k += 4) {
    const o = <usize>k << 2;
    s0 = madd(v128.load(a + o), v128.load(g + o), s0);
  }
  let s = horizontalSum(f32x4.add(s0, s1));
  for (; k < d; k++) s += load<f32>(a + (<usize>k << 2)) * load<f32>(g + (<usize>k << 2));
  return s;
}

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

/** a -= c * g and b += c * g over d floats: one sample's push, straight into its two rows. */
function pushSample(a: usize, b: usize, g: usize, d: i32, c: f32): void {
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

/** out = x - y over d floats. */
function difference(x: usize, y: usize, d: i32, out: usize): void {
  let k = 0;
  for (; k + 4 <= d; k += 4) {
    const o = <usize>k << 2;
    v128.store(out + o, f32x4.sub(v128.load(x + o), v128.load(y + o)));
  }
  for (; k < d; k++) {
    const o = <usize>k << 2;
    store<f32>(out + o, load<f32>(x + o) - load<f32>(y + o));
  }
}

/** acc += c * g over d floats. */
// @ts-ignore: decorator
@inline function accumulate(acc: usize, g: usize, d: i32, c: f32): void {
  const cv = f32x4.splat(c);
  let k = 0;
  for (; k + 4 <= d; k += 4) {
    const o = <usize>k << 2;
    v128.store(acc + o, madd(v128.load(g + o), cv, v128.load(acc + o)));
  }
  for (; k < d; k++) {
    const o = <usize>k << 2;
    store<f32>(acc + o, load<f32>(acc + o) + c * load<f32>(g + o));
  }
}

/** a -= acc and b += acc over d floats: a run's accumulated push, applied to its two rows. */
function pushApart(a: usize, b: usize, acc: usize, d: i32): void {
  let k = 0;
  for (; k + 4 <= d; k += 4) {
    const o = <usize>k << 2;
    const step = v128.load(acc + o);
    v128.store(a + o, f32x4.sub(v128.load(a + o), step));
    v128.store(b + o, f32x4.add(v128.load(b + o), step));
  }
  for (; k < d; k++) {
    const o = <usize>k << 2;
    const step = load<f32>(acc + o);
    store<f32>(a + o, load<f32>(a + o) - step);
    store<f32>(b + o, load<f32>(b + o) + step);
  }
}

/** Whether sample i's tokens are the unordered pair {a, b}. */
// @ts-ignore: decorator
@inline function samePair(yw: usize, yl: usize, i: i32, a: i32, b: i32): bool {
  const w = load<i32>(yw + (<usize>i << 2)), l = load<i32>(yl + (<usize>i << 2));
  return min(w, l) == a && max(w, l) == b;
}

/** The run's D[a] - D[b] and its accumulated push, [2 x d]. */
const workspace = new Workspace();

/**
 * One pass over `count` samples: the samples are index[0..count) when index != 0, else 0..count.
 * Writes r_i to margins[i] (when margins != 0), accumulates dL/dD into grad [V x d] (when
 * grad != 0), and returns sum_i r_i: the caller's cheap check that no margin is NaN or
 * infinite (the loss itself is summed at logging steps only: f(r) costs more than the rest
 * of a sample's work).
 *
 * Consecutive samples over the same unordered token pair {a, b} form a run (a whole cluster
 * of generated data, or every pair of yes-no data): within a run the margin needs one
 * difference row D[a] - D[b] instead of two rows, and the pushes add into one accumulator
 * applied to grad[a] and grad[b] when the run ends, instead of updating both rows per sample.
 * Per element that is four loads and one store instead of six loads and two stores. A sample
 * whose pair differs from the next sample's (interleaved values, shuffled minibatches) is not
 * worth a run's set-up and takes the direct way: both rows of D read, both rows of grad pushed.
 */
export function dpoStep(
  G: usize, d: i32, yw: usize, yl: usize, index: usize, count: i32,
  D: usize, beta: f32, loss: i32, eps: f32, scale: f32, grad: usize, margins: usize,
): f64 {
  const rowBytes = <usize>d << 2;
  const delta = workspace.reserve(rowBytes << 1);
  const push = delta + rowBytes;
  let total: f64 = 0;
  let runA = -1, runB = -1;
  for (let k = 0; k < count; k++) {
    const i = index ? load<i32>(index + (<usize>k << 2)) : k;
    const g = G + <usize>i * rowBytes;
    const w = load<i32>(yw + (<usize>i << 2));
    const l = load<i32>(yl + (<usize>i << 2));
    const a = min(w, l), b = max(w, l);
    if (a != runA || b != runB) {
      if (grad && runA >= 0) pushApart(grad + <usize>runA * rowBytes, grad + <usize>runB * rowBytes, push, d);
      runA = -1;
      if (k + 1 < count && samePair(yw, yl, index ? load<i32>(index + (<usize>(k + 1) << 2)) : k + 1, a, b)) {
        runA = a;
        runB = b;
        difference(D + <usize>a * rowBytes, D + <usize>b * rowBytes, d, delta);
        if (grad) memory.fill(push, 0, rowBytes);
      }
    }
    let r: f32;
    if (runA >= 0) {
      // (D[w] - D[l]) . g is +-(D[a] - D[b]) . g: the sign says which way round the pair is.
      const sign: f32 = w == a ? 1 : -1;
      r = sign * beta * dot(delta, g, d);
      if (grad) accumulate(push, g, d, sign * beta * (lossWeight(loss, r, beta, eps) * scale));
    } else {
      r = beta * differenceDot(D + <usize>w * rowBytes, D + <usize>l * rowBytes, g, d);
      if (grad) pushSample(grad + <usize>w * rowBytes, grad + <usize>l * rowBytes, g, d, beta * (lossWeight(loss, r, beta, eps) * scale));
    }
    if (margins) store<f32>(margins + (<usize>i << 2), r);
    total += r;
  }
  if (grad && runA >= 0) pushApart(grad + <usize>runA * rowBytes, grad + <usize>runB * rowBytes, push, d);
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
