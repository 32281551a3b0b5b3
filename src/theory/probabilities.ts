// The probabilities the theorems state (theory.md §4). They are tiny only for enormous Q
// (Theorem 4.2's failure term is >= 1 until Q is about 143,000 at K = 1), so each comes with a
// `vacuous` flag, set when the number is >= 1 and therefore says nothing.

export interface Probability {
  /** the bound's value; may exceed 1 (or be Infinity) */
  value: number;
  /** true when value >= 1: the guarantee is empty */
  vacuous: boolean;
}

const probability = (logValue: number): Probability => {
  const value = Math.exp(logValue);
  return { value, vacuous: value >= 1 };
};

/**
 * Theorem 4.2's failure probability 8 K Q^(9/4) exp(-min(c sqrt(Q)/5, Q^(3/4)/256)).
 * The constant c is not given by the paper. When it is not given (null) we keep only the
 * Q^(3/4)/256 term, i.e. assume c is large enough (c >= 5 Q^(1/4)/256) for that term to be the
 * minimum: the number is then the smallest the theorem can promise, an optimistic reading.
 */
export function theorem42Failure({ K, Q, c = null }: { K: number; Q: number; c?: number | null }): Probability {
  const rate = Q ** 0.75 / 256;
  const exponent = c === null ? rate : Math.min((c * Math.sqrt(Q)) / 5, rate);
  return probability(Math.log(8 * K) + 2.25 * Math.log(Q) - exponent);
}

/** Theorem 4.3's test-error bound 2 K Q^2 exp(-Q/45) at tau_1 (the theorem needs Q >= 40). */
export function theorem43Bound({ K, Q }: { K: number; Q: number }): Probability {
  return probability(Math.log(2 * K) + 2 * Math.log(Q) - Q / 45);
}

export interface AppendixBInput {
  K: number;
  Q: number;
  Z: number;
  d: number;
  v: number;
  /** the deviation eps of Appendix B; null: the largest it allows, 1/(16 v (Z + 2)) */
  eps?: number | null;
  /** the unknown constant; null keeps only the exp(-eps^2/16) term (as for Theorem 4.2) */
  c?: number | null;
}

/**
 * Appendix B's failure probability
 * (8Z+4) K Q^2 exp(-eps^2/16) + (8Z+4) K Q^2 exp(-c eps/v min(1, eps/(d v))).
 * Both terms fall as eps grows, so the default eps is the largest its condition
 * eps <= 1/(16 v (Z + 2)) allows.
 */
export function appendixBFailure(input: AppendixBInput): Probability & { eps: number } {
  const { K, Q, Z, d, v, c = null } = input;
  const eps = input.eps ?? appendixBLargestEps(v, Z);
  const factor = (8 * Z + 4) * K * Q * Q;
  const concentration = Math.exp(-(eps * eps) / 16);
  const tail = c === null ? 0 : Math.exp(-((c * eps) / v) * Math.min(1, eps / (d * v)));
  const value = factor * (concentration + tail);
  return { value, vacuous: value >= 1, eps };
}

/** The largest eps Appendix B allows: 1/(16 v (Z + 2)) (Infinity when v = 0). */
export function appendixBLargestEps(v: number, Z: number): number {
  return 1 / (16 * v * (Z + 2));
}
