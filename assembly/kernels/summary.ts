// Reductions that turn a per-sample array into the few scalars the host logs, so only
// scalars leave the core at logging steps.
import { lossValue } from './objective';

/**
 * For margins r [n] with value ids values [n] (i32, or 0 for none) and K values, writes f64s:
 * out[0] = sum r, out[1] = min r, out[2] = max r, out[3] = #(r > 0), out[4] = sum f(r),
 * then for each value k: out[5 + 2k] = #(r <= 0) among its samples, out[6 + 2k] = #samples.
 */
export function marginSummary(r: usize, n: i32, values: usize, K: i32, loss: i32, beta: f32, eps: f32, out: usize): void {
  let sum: f64 = 0, lossSum: f64 = 0, positive: f64 = 0;
  let lowest: f32 = Infinity, highest: f32 = -Infinity;
  memory.fill(out + 40, 0, <usize>K << 4);
  for (let i = 0; i < n; i++) {
    const ri = load<f32>(r + (<usize>i << 2));
    sum += ri;
    lowest = min(lowest, ri);
    highest = max(highest, ri);
    if (ri > 0) positive += 1;
    lossSum += lossValue(loss, ri, beta, eps);
    if (values) {
      const slot = out + 40 + (<usize>load<i32>(values + (<usize>i << 2)) << 4);
      if (ri <= 0) store<f64>(slot, load<f64>(slot) + 1);
      store<f64>(slot + 8, load<f64>(slot + 8) + 1);
    }
  }
  store<f64>(out, sum);
  store<f64>(out + 8, lowest);
  store<f64>(out + 16, highest);
  store<f64>(out + 24, positive);
  store<f64>(out + 32, lossSum);
}

/** out[i] = a * x[i] + y[i] (out may equal x or y). */
export function axpy(a: f32, x: usize, y: usize, n: i32, out: usize): void {
  const av = f32x4.splat(a);
  let k = 0;
  for (; k + 4 <= n; k += 4) {
    const o = <usize>k << 2;
    v128.store(out + o, f32x4.add(f32x4.mul(av, v128.load(x + o)), v128.load(y + o)));
  }
  for (; k < n; k++) {
    const o = <usize>k << 2;
    store<f32>(out + o, a * load<f32>(x + o) + load<f32>(y + o));
  }
}

/** sum x[i] in f64. */
export function sum(x: usize, n: i32): f64 {
  let s: f64 = 0;
  for (let i = 0; i < n; i++) s += load<f32>(x + (<usize>i << 2));
  return s;
}

/** x[i] = value for i < n. */
export function fill(x: usize, n: i32, value: f32): void {
  const v = f32x4.splat(value);
  let k = 0;
  for (; k + 4 <= n; k += 4) v128.store(x + (<usize>k << 2), v);
  for (; k < n; k++) store<f32>(x + (<usize>k << 2), value);
}
