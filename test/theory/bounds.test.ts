import { describe, expect, it } from 'vitest';
import { marginRangeAtTau1, rLower, rUpper, tau1 } from '../../src/theory/bounds.js';
import { dpoExactMargin, ipoExactMargin, slicExactMargin } from '../../src/theory/exact.js';

const LOG3 = Math.log(3);

describe('Theorem 4.2 trajectory', () => {
  it('tau_1 = K tau log(3) / (5 beta^2)', () => {
    expect(tau1(10, 1)).toBeCloseTo(2 * LOG3, 15);
    expect(tau1(4, 0.5, 2)).toBeCloseTo((4 * 2 * LOG3) / (5 * 0.25), 14);
  });

  it('r_L(t) = beta^2 t/(8 K tau), r_U(t) = 5 beta^2 t/(K tau): log(3)/40 and log(3) at tau_1', () => {
    expect(rLower(3, 2, 0.5)).toBeCloseTo((0.25 * 3) / 16, 15);
    expect(rUpper(3, 2, 0.5)).toBeCloseTo((5 * 0.25 * 3) / 2, 15);
    for (const [K, beta, tau] of [[1, 1, 1], [7, 0.1, 1], [3, 2, 0.5]] as const) {
      const t = tau1(K, beta, tau);
      expect(rLower(t, K, beta, tau)).toBeCloseTo(LOG3 / 40, 14);
      expect(rUpper(t, K, beta, tau)).toBeCloseTo(LOG3, 14);
      expect(rLower(t, K, beta, tau, true)).toBeCloseTo(LOG3 / 80, 14);
    }
    expect(marginRangeAtTau1()).toEqual({ lower: LOG3 / 40, upper: LOG3 });
    expect(marginRangeAtTau1(true)).toEqual({ lower: LOG3 / 80, upper: LOG3 });
  });
});

describe('exact noise-free margins (theory.md §2)', () => {
  it('DPO solves r + e^r - 1 = 2 beta^2 t/(K tau), about 0.208 at tau_1 for every K and beta', () => {
    for (const [t, K, beta] of [[0, 1, 1], [0.3, 2, 1], [5, 3, 0.7], [1000, 1, 1]] as const) {
      const r = dpoExactMargin(t, K, beta);
      expect(r + Math.exp(r) - 1).toBeCloseTo((2 * beta * beta * t) / K, 10);
    }
    for (const [K, beta] of [[1, 1], [16, 0.1], [5, 3]] as const) expect(dpoExactMargin(tau1(K, beta), K, beta)).toBeCloseTo(0.2081, 4);
  });

  it('DPO follows the flow tau dr/dt = (2 beta^2/K) sigmoid(-r)', () => {
    const K = 3, beta = 0.8, tau = 2, h = 1e-5;
    for (const t of [0.1, 1, 4]) {
      const slope = (dpoExactMargin(t + h, K, beta, tau) - dpoExactMargin(t - h, K, beta, tau)) / (2 * h);
      const r = dpoExactMargin(t, K, beta, tau);
      expect(tau * slope).toBeCloseTo(((2 * beta * beta) / K) / (1 + Math.exp(r)), 8);
    }
  });

  it('IPO: r = 1 - exp(-4 beta^2 t/(K tau)); SLiC: min(1, 2 beta^2 t/(K tau))', () => {
    expect(ipoExactMargin(0.5, 2, 1)).toBeCloseTo(1 - Math.exp(-1), 15);
    expect(ipoExactMargin(1e6, 1, 1)).toBe(1);
    expect(slicExactMargin(0.25, 2, 2)).toBeCloseTo(1, 15);
    expect(slicExactMargin(0.1, 2, 1, 2)).toBeCloseTo(0.05, 15);
    expect(slicExactMargin(100, 2, 1)).toBe(1);
  });
});
