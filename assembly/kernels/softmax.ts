// Row-wise softmax, log-softmax and log-sum-exp of X [rows x cols] (row-major, f32).
// Stable form: lse(x) = m + log(sum_j exp(x_j - m)) with m = max_j x_j, so no exp
// argument is positive and the sum lies in [1, cols].
// Each row is read by a max pass, then an exp pass (then a scale or shift pass). The max pass
// keeps four running maxima, since one would wait on the previous max each step; the exp pass
// is bound by the exp's arithmetic, and two partial sums suffice there.
import { expV, expScalar } from './exp';
import { horizontalMax, horizontalSum } from './simd';

/** max_j x[j] over one row of n floats. */
export function rowMax(x: usize, n: i32): f32 {
  let m0 = f32x4.splat(-Infinity), m1 = m0, m2 = m0, m3 = m0;
  let j = 0;
  for (; j + 16 <= n; j += 16) {
    const p = x + (<usize>j << 2);
    m0 = f32x4.pmax(m0, v128.load(p));
    m1 = f32x4.pmax(m1, v128.load(p, 16));
    m2 = f32x4.pmax(m2, v128.load(p, 32));
    m3 = f32x4.pmax(m3, v128.load(p, 48));
  }
  for (; j + 4 <= n; j += 4) m0 = f32x4.pmax(m0, v128.load(x + (<usize>j << 2)));
  let m = horizontalMax(f32x4.pmax(f32x4.pmax(m0, m1), f32x4.pmax(m2, m3)));
  for (; j < n; j++) m = max(m, load<f32>(x + (<usize>j << 2)));
  return m;
}

/**
 * sum_j exp(x[j] - m), also writing each exp to out when `keep`. `keep` is a constant at each
 * use, so the loop carries no test (a run-time `if (out)` in it cost 5-10%).
 */
// @ts-ignore: decorator
@inline function expSum(x: usize, n: i32, m: f32, out: usize, keep: bool): f32 {
  const shift = f32x4.splat(m);
  let s0 = f32x4.splat(0), s1 = s0;
  let j = 0;
  for (; j + 8 <= n; j += 8) {
    const p = x + (<usize>j << 2);
    const e0 = expV(f32x4.sub(v128.load(p), shift));
    const e1 = expV(f32x4.sub(v128.load(p, 16), shift));
    if (keep) {
      const q = out + (<usize>j << 2);
      v128.store(q, e0); v128.store(q, e1, 16);
    }
    s0 = f32x4.add(s0, e0); s1 = f32x4.add(s1, e1);
  }
  for (; j + 4 <= n; j += 4) {
    const e = expV(f32x4.sub(v128.load(x + (<usize>j << 2)), shift));
    if (keep) v128.store(out + (<usize>j << 2), e);
    s0 = f32x4.add(s0, e);
  }
  let sum = horizontalSum(f32x4.add(s0, s1));
  for (; j < n; j++) {
    const e = expScalar(load<f32>(x + (<usize>j << 2)) - m);
    if (keep) store<f32>(out + (<usize>j << 2), e);
    sum += e;
  }
  return sum;
}

/** sum_j exp(x[j] - m) over one row of n floats. */
export function rowExpSum(x: usize, n: i32, m: f32): f32 {
  return expSum(x, n, m, 0, false);
}

/** out[j] = exp(x[j] - m) over one row of n floats (out may equal x); returns their sum. */
export function rowExp(x: usize, n: i32, m: f32, out: usize): f32 {
  return expSum(x, n, m, out, true);
}

/** out[j] = x[j] * s over one row (out may equal x). */
export function rowScale(x: usize, n: i32, s: f32, out: usize): void {
  const sv = f32x4.splat(s);
  let j = 0;
  for (; j + 4 <= n; j += 4) {
    const o = <usize>j << 2;
    v128.store(out + o, f32x4.mul(v128.load(x + o), sv));
  }
  for (; j < n; j++) store<f32>(out + (<usize>j << 2), load<f32>(x + (<usize>j << 2)) * s);
}

/**
 * out[j] = (x[j] - m) - l over one row (out may equal x). Subtracting m first keeps the result
 * exact to float32 when |x| is large: m + l rounded to float32 would be off by up to half an
 * ulp of m (5e-4 at m = 1e4).
 */
function rowShift(x: usize, n: i32, m: f32, l: f32, out: usize): void {
  const mv = f32x4.splat(m), lv = f32x4.splat(l);
  let j = 0;
  for (; j + 4 <= n; j += 4) {
    const o = <usize>j << 2;
    v128.store(out + o, f32x4.sub(f32x4.sub(v128.load(x + o), mv), lv));
  }
  for (; j < n; j++) store<f32>(out + (<usize>j << 2), (load<f32>(x + (<usize>j << 2)) - m) - l);
}

/** Y[r,:] = softmax(X[r,:]); X, Y: [rows x cols]; Y may equal X. */
export function softmaxRows(x: usize, rows: i32, cols: i32, y: usize): void {
  for (let r = 0; r < rows; r++) {
    const offset = <usize>r * <usize>cols << 2;
    const m = rowMax(x + offset, cols);
    const sum = rowExp(x + offset, cols, m, y + offset);
    rowScale(y + offset, cols, 1.0 / sum, y + offset);
  }
}

/** Y[r,:] = X[r,:] - lse(X[r,:]); Y may equal X. */
export function logSoftmaxRows(x: usize, rows: i32, cols: i32, y: usize): void {
  for (let r = 0; r < rows; r++) {
    const offset = <usize>r * <usize>cols << 2;
    const m = rowMax(x + offset, cols);
    const sum = rowExpSum(x + offset, cols, m);
    rowShift(x + offset, cols, m, Mathf.log(sum), y + offset);
  }
}

/** out[r] = lse(X[r,:]); out: [rows]. */
export function logSumExpRows(x: usize, rows: i32, cols: i32, out: usize): void {
  for (let r = 0; r < rows; r++) {
    const offset = <usize>r * <usize>cols << 2;
    const m = rowMax(x + offset, cols);
    store<f32>(out + (<usize>r << 2), m + Mathf.log(rowExpSum(x + offset, cols, m)));
  }
}
