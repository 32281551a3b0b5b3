// Figure 4: how many samples per cluster Theorem 4.3 asks for, as K grows. Q* grows like
// 45 log K (Theta(log K)): the price of aligning more values at once.
import { theorem43Bound } from './probabilities.js';

/** The theorem needs Q >= 40. */
export const THEOREM43_MIN_Q = 40;

/**
 * The smallest Q >= 40 with 2 K Q^2 exp(-Q/45) < eps. The bound rises until Q = 90 and falls
 * after, so the first Q below eps in an upward scan is the answer.
 */
export function figure4Q(K: number, eps = 0.05): number {
  if (!(eps > 0)) throw new RangeError(`eps must be > 0 (got ${eps})`);
  if (!(Number.isInteger(K) && K >= 1)) throw new RangeError(`K must be an integer >= 1 (got ${K})`);
  let Q = THEOREM43_MIN_Q;
  while (!(theorem43Bound({ K, Q }).value < eps)) Q++;
  return Q;
}

/** The Figure 4 curve: K -> Q* for each K. */
export function figure4Curve(Ks: readonly number[], eps = 0.05): { K: number; Q: number }[] {
  return Ks.map((K) => ({ K, Q: figure4Q(K, eps) }));
}
