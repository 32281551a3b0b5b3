// Row-wise softmax, log-softmax and log-sum-exp of X [rows x cols] (row-major, f32).
// Stable form: lse(x) = m + log(sum_j exp(x_j - m)) with m = max_j x_j, so no exp
// argument is positive and the sum lies in [1, cols].
// Each row is read by a max pass, then an exp pass; four vector accumulators keep
// the adds independent (throughput) and the partial sums short (accuracy).
import { expV, expScalar } from './exp';
import { horizontalMax, horizontalSum } from './simd';

/** max_j x[j] over one row of n floats. */
export function rowMax(x: usize, n: i32): f32 {
  let best = f32x4.splat(-Infinity);
  let j = 0;
  for (; j + 4 <= n; j += 4) best = f32x4.pmax(best, v128.load(x + (<usize>j << 2)));
  let m = horizontalMax(best);
  for (; j < n; j++) m = max(m, load<f32>(x + (<usize>j << 2)));
  return m;
}

/** sum_j exp(x[j] - m); writes each exp to out when out != 0. */
export function rowExpSum(x: usize, n: i32, m: f32, out: usize): f32 {
  const shift = f32x4.splat(m);
  let s0 = f32x4.splat(0), s1 = f32x4.splat(0), s2 = f32x4.splat(0), s3 = f32x4.splat(0);
  let j = 0;
  for (; j + 16 <= n; j += 16) {
    const p = x + (<usize>j << 2);
    const e0 = expV(f32x4.sub(v128.load(p), shift));
    const e1 = expV(f32x4.sub(v128.load(p, 16), shift));
    const e2 = expV(f32x4.sub(v128.load(p, 32), shift));
    const e3 = expV(f32x4.sub(v128.load(p, 48), shift));
    if (out) {
      const q = out + (<usize>j << 2);
      v128.store(q, e0); v128.store(q, e1, 16); v128.store(q, e2, 32); v128.store(q, e3, 48);
    }
    s0 = f32x4.add(s0, e0); s1 = f32x4.add(s1, e1); s2 = f32x4.add(s2, e2); s3 = f32x4.add(s3, e3);
  }
  for (; j + 4 <= n; j += 4) {
    const e = expV(f32x4.sub(v128.load(x + (<usize>j << 2)), shift));
    if (out) v128.store(out + (<usize>j << 2), e);
    s0 = f32x4.add(s0, e);
  }
  let sum = horizontalSum(f32x4.add(f32x4.add(s0, s1), f32x4.add(s2, s3)));
  for (; j < n; j++) {
    const e = expScalar(load<f32>(x + (<usize>j << 2)) - m);
    if (out) store<f32>(out + (<usize>j << 2), e);
    sum += e;
  }
  return sum;
}

/** out[j] = x[j] * s over one row (out may equal x). */
function rowScale(x: usize, n: i32, s: f32, out: usize): void {
  const sv = f32x4.splat(s);
  let j = 0;
  for (; j + 4 <= n; j += 4) {
    const o = <usize>j << 2;
    v128.store(out + o, f32x4.mul(v128.load(x + o), sv));
  }
  for (; j < n; j++) store<f32>(out + (<usize>j << 2), load<f32>(x + (<usize>j << 2)) * s);
}

/** out[j] = x[j] - c over one row (out may equal x). */
function rowShift(x: usize, n: i32, c: f32, out: usize): void {
  const cv = f32x4.splat(c);
  let j = 0;
  for (; j + 4 <= n; j += 4) {
    const o = <usize>j << 2;
    v128.store(out + o, f32x4.sub(v128.load(x + o), cv));
  }
  for (; j < n; j++) store<f32>(out + (<usize>j << 2), load<f32>(x + (<usize>j << 2)) - c);
}

/** Y[r,:] = softmax(X[r,:]); X, Y: [rows x cols]; Y may equal X. */
export function softmaxRows(x: usize, rows: i32, cols: i32, y: usize): void {
  for (let r = 0; r < rows; r++) {
    const offset = <usize>r * <usize>cols << 2;
    const m = rowMax(x + offset, cols);
    const sum = rowExpSum(x + offset, cols, m, y + offset);
    rowScale(y + offset, cols, 1.0 / sum, y + offset);
  }
}

/** Y[r,:] = X[r,:] - lse(X[r,:]); Y may equal X. */
export function logSoftmaxRows(x: usize, rows: i32, cols: i32, y: usize): void {
  for (let r = 0; r < rows; r++) {
    const offset = <usize>r * <usize>cols << 2;
    const m = rowMax(x + offset, cols);
    const sum = rowExpSum(x + offset, cols, m, 0);
    rowShift(x + offset, cols, m + Mathf.log(sum), y + offset);
  }
}

/** out[r] = lse(X[r,:]); out: [rows]. */
export function logSumExpRows(x: usize, rows: i32, cols: i32, out: usize): void {
  for (let r = 0; r < rows; r++) {
    const offset = <usize>r * <usize>cols << 2;
    const m = rowMax(x + offset, cols);
    store<f32>(out + (<usize>r << 2), m + Mathf.log(rowExpSum(x + offset, cols, m, 0)));
  }
}
