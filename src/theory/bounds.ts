// The margin trajectory of Theorem 4.2 (theory.md §4): while t <= tau_1 every training margin
// stays between r_L(t) and r_U(t). tau is the time constant of gradient flow
// (tau dW/dt = -dL/dW); gradient descent with learning rate eta is tau = 1, t = steps * eta.

/** tau_1 = K tau log(3) / (5 beta^2): the time up to which the sandwich is proved. */
export function tau1(K: number, beta: number, tau = 1): number {
  return (K * tau * Math.log(3)) / (5 * beta * beta);
}

/**
 * r_L(t) = beta^2 t / (8 K tau); with `approximate` (Appendix C's delta-approximately
 * orthogonal concepts) the lower trajectory halves to beta^2 t / (16 K tau).
 */
export function rLower(t: number, K: number, beta: number, tau = 1, approximate = false): number {
  return (beta * beta * t) / ((approximate ? 16 : 8) * K * tau);
}

/** r_U(t) = 5 beta^2 t / (K tau). */
export function rUpper(t: number, K: number, beta: number, tau = 1): number {
  return (5 * beta * beta * t) / (K * tau);
}

/** Where every training margin lies at tau_1: [log(3)/40, log(3)], or [log(3)/80, log(3)] under Appendix C. */
export function marginRangeAtTau1(approximate = false): { lower: number; upper: number } {
  return { lower: Math.log(3) / (approximate ? 80 : 40), upper: Math.log(3) };
}
