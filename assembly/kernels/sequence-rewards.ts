// Token rewards of multi-token responses summed per pair and per position, for the metrics
// (theory.md §1 and §5). Rows as in sequence-weights.ts, with position [rows] (i32, 0..L-1)
// and sign 0 for a token both responses share (same context, same token: it counts for both).
// For each row with reward rho = beta * (logp - logp0):
//   sign >= 0 (preferred):  chosen[p] += rho,   logpsChosen[p] += logp,   positionChosen[j] += rho
//   sign <= 0 (rejected):   rejected[p] += rho, logpsRejected[p] += logp, positionRejected[j] += rho
// Everything accumulates: the caller zeroes the outputs once and may spread the rows over calls.

// @ts-ignore: decorator
@inline function add(array: usize, index: i32, value: f32): void {
  const at = array + (<usize>index << 2);
  store<f32>(at, load<f32>(at) + value);
}

export function sequenceRewards(rows: i32, pair: usize, position: usize, sign: usize, logp: usize, logp0: usize,
  beta: f32, chosen: usize, rejected: usize, logpsChosen: usize, logpsRejected: usize,
  positionChosen: usize, positionRejected: usize): void {
  for (let row = 0; row < rows; row++) {
    const o = <usize>row << 2;
    const p = load<i32>(pair + o), j = load<i32>(position + o), s = load<f32>(sign + o);
    const lp = load<f32>(logp + o);
    const rho = beta * (lp - load<f32>(logp0 + o));
    if (s >= 0) {
      add(chosen, p, rho); add(logpsChosen, p, lp); add(positionChosen, j, rho);
    }
    if (s <= 0) {
      add(rejected, p, rho); add(logpsRejected, p, lp); add(positionRejected, j, rho);
    }
  }
}
