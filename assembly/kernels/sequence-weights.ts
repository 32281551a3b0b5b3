// The per-pair part of a multi-token step (theory.md §5). Rows are response tokens, the rows
// of one pair consecutive: pair [rows] (i32) names each row's pair, sign [rows] is +1 for a
// token of the preferred response and -1 for one of the rejected, logp and logp0 [rows] are
// its log-probability under W and under the reference W0. For every pair p among the rows:
//   r_p = beta * sum_{rows of p} sign * (logp - logp0)                      -> margins[p]
// and, when weight != 0, each row's factor in dL/dW = sum_rows weight * (softmax - onehot)^T g:
//   weight = scale * (beta * sign * (-f'(r_p)) + alpha * [sign > 0])        (alpha: SFT term)
// Returns sum_p f(r_p). A pair's margin needs all its rows, so no pair may straddle two calls.
import { lossValue, lossWeight } from './objective';

export function sequenceWeights(rows: i32, pair: usize, sign: usize, logp: usize, logp0: usize,
  loss: i32, beta: f32, eps: f32, scale: f32, alpha: f32, margins: usize, weight: usize): f64 {
  let total: f64 = 0;
  let start = 0;
  while (start < rows) {
    const p = load<i32>(pair + (<usize>start << 2));
    let end = start;
    // f64 so that a long response's sum of small differences keeps its low bits.
    let sum: f64 = 0;
    while (end < rows && load<i32>(pair + (<usize>end << 2)) == p) {
      const o = <usize>end << 2;
      sum += <f64>load<f32>(sign + o) * (<f64>load<f32>(logp + o) - <f64>load<f32>(logp0 + o));
      end++;
    }
    const r = <f32>(<f64>beta * sum);
    store<f32>(margins + (<usize>p << 2), r);
    total += lossValue(loss, r, beta, eps);
    if (weight) {
      const push = <f64>beta * lossWeight(loss, r, beta, eps);
      for (let row = start; row < end; row++) {
        const s = <f64>load<f32>(sign + (<usize>row << 2));
        store<f32>(weight + (<usize>row << 2), <f32>(<f64>scale * (push * s + (s > 0 ? <f64>alpha : 0))));
      }
    }
    start = end;
  }
  return total;
}
