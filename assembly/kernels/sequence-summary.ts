// The scalars of a split's multi-token metrics, from per-pair arrays [n] (sequence-rewards.ts):
// chosen and rejected rewards, and the summed log-probabilities of each response. Writes f64s:
//   out[0..3] = sum chosen, sum rejected, sum logpsChosen, sum logpsRejected
//   out[4]    = #(logpsChosen > logpsRejected)                     (ranking accuracy's count)
//   out[5]    = #(chosen < 0 and rejected < 0)                     (likelihood displacement)
// Rewards are log-ratios to the reference, which is the model at step 0, so a negative reward
// is a log-probability that fell since step 0.
export function sequenceSummary(n: i32, chosen: usize, rejected: usize, logpsChosen: usize, logpsRejected: usize, out: usize): void {
  let sumChosen: f64 = 0, sumRejected: f64 = 0, sumLogpsChosen: f64 = 0, sumLogpsRejected: f64 = 0;
  let ranked: f64 = 0, displaced: f64 = 0;
  for (let i = 0; i < n; i++) {
    const o = <usize>i << 2;
    const c = load<f32>(chosen + o), r = load<f32>(rejected + o);
    const lc = load<f32>(logpsChosen + o), lr = load<f32>(logpsRejected + o);
    sumChosen += c; sumRejected += r; sumLogpsChosen += lc; sumLogpsRejected += lr;
    if (lc > lr) ranked += 1;
    if (c < 0 && r < 0) displaced += 1;
  }
  store<f64>(out, sumChosen);
  store<f64>(out + 8, sumRejected);
  store<f64>(out + 16, sumLogpsChosen);
  store<f64>(out + 24, sumLogpsRejected);
  store<f64>(out + 32, ranked);
  store<f64>(out + 40, displaced);
}
