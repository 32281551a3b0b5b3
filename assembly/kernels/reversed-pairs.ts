// Section 7's failure mode, counted (theory.md §4). Margins gain at most log 3 by tau_1, so a
// pair whose reference model prefers the rejected response by a factor above 3^(1/beta) should
// keep its wrong ranking. For reference [n] = log pi_ref(yw) - log pi_ref(yl) and
// current [n] = log pi(yw) - log pi(yl) per pair, and threshold = log(3) / beta, writes f64s:
//   out[0] = #(reference < -threshold)                       (pairs beyond the factor)
//   out[1] = #(reference < -threshold and current > 0)       (of those, how many flipped)
export function reversedPairs(reference: usize, current: usize, n: i32, threshold: f32, out: usize): void {
  let reversed: f64 = 0, flipped: f64 = 0;
  for (let i = 0; i < n; i++) {
    const o = <usize>i << 2;
    if (load<f32>(reference + o) < -threshold) {
      reversed += 1;
      if (load<f32>(current + o) > 0) flipped += 1;
    }
  }
  store<f64>(out, reversed);
  store<f64>(out + 8, flipped);
}
