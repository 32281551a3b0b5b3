// Exact margins of the noise-free setting (theory.md §2: v = 0, disjoint tokens, equal
// cluster sizes). Every training margin then follows the same r(t), and the flow reduces to
// tau dr/dt = (2 beta^2 / K) (-f'(r)), solved here in closed form or by Newton's method.
// Training tests compare gradient descent against these.

/** DPO: the root r of r + exp(r) - 1 = 2 beta^2 t / (K tau). */
export function dpoExactMargin(t: number, K: number, beta: number, tau = 1): number {
  const x = (2 * beta * beta * t) / (K * tau);
  // h(r) = r + e^r - 1 - x is increasing and convex, and h(log(1 + x)) = log(1 + x) >= 0, so
  // Newton's method from there descends monotonically onto the root.
  let r = Math.log1p(x);
  for (let i = 0; i < 100; i++) {
    const step = (r + Math.expm1(r) - x) / (1 + Math.exp(r));
    r -= step;
    if (Math.abs(step) <= 1e-16 * Math.max(1, Math.abs(r))) break;
  }
  return r;
}

/** IPO (f = (r - 1)^2): r = 1 - exp(-4 beta^2 t / (K tau)). */
export function ipoExactMargin(t: number, K: number, beta: number, tau = 1): number {
  return -Math.expm1((-4 * beta * beta * t) / (K * tau));
}

/** SLiC (f = max(0, 1 - r)): r = 2 beta^2 t / (K tau) until it reaches 1, then 1. */
export function slicExactMargin(t: number, K: number, beta: number, tau = 1): number {
  return Math.min(1, (2 * beta * beta * t) / (K * tau));
}
