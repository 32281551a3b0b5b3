import { describe, expect, it } from 'vitest';
import { appendixBFailure, appendixBLargestEps, theorem42Failure, theorem43Bound } from '../../src/theory/probabilities.js';
import { figure4Curve, figure4Q } from '../../src/theory/figure4.js';

describe("the theorems' probabilities", () => {
  it('Theorem 4.2 without c: 8 K Q^(9/4) exp(-Q^(3/4)/256), about 1.8e8 at K = 10, Q = 880 (vacuous)', () => {
    const p = theorem42Failure({ K: 10, Q: 880 });
    expect(p.value / (80 * 880 ** 2.25 * Math.exp(-(880 ** 0.75) / 256))).toBeCloseTo(1, 12);
    expect(p.value).toBeGreaterThan(1.7e8);
    expect(p.value).toBeLessThan(1.9e8);
    expect(p.vacuous).toBe(true);
  });

  it('Theorem 4.2 stays vacuous until Q is about 143,000 at K = 1', () => {
    expect(theorem42Failure({ K: 1, Q: 140_000 }).vacuous).toBe(true);
    expect(theorem42Failure({ K: 1, Q: 146_000 }).vacuous).toBe(false);
  });

  it('Theorem 4.2 with c uses the smaller exponent', () => {
    const Q = 10_000;
    const slow = theorem42Failure({ K: 1, Q, c: 0.01 });
    expect(slow.value).toBeCloseTo(8 * Q ** 2.25 * Math.exp(-(0.01 * 100) / 5), 0);
    expect(theorem42Failure({ K: 1, Q, c: 1e6 }).value).toBeCloseTo(theorem42Failure({ K: 1, Q }).value, 6);
  });

  it('Theorem 4.3: 2 K Q^2 exp(-Q/45)', () => {
    const p = theorem43Bound({ K: 10, Q: 880 });
    expect(p.value).toBeCloseTo(20 * 880 ** 2 * Math.exp(-880 / 45), 14);
    expect(p.vacuous).toBe(false);
    expect(theorem43Bound({ K: 2, Q: 64 }).vacuous).toBe(true);
  });

  it('Appendix B: (8Z+4) K Q^2 (exp(-eps^2/16) + exp(-c eps/v min(1, eps/(d v)))), eps at its largest by default', () => {
    const input = { K: 2, Q: 64, Z: 1, d: 320, v: 1 / 256 };
    expect(appendixBLargestEps(1 / 256, 1)).toBeCloseTo(256 / 48, 14);
    const noC = appendixBFailure(input);
    expect(noC.eps).toBeCloseTo(256 / 48, 14);
    expect(noC.value).toBeCloseTo(12 * 2 * 64 * 64 * Math.exp(-((256 / 48) ** 2) / 16), 8);
    const eps = 3, c = 0.5;
    const withC = appendixBFailure({ ...input, eps, c });
    const tail = Math.exp(-((c * eps) / input.v) * Math.min(1, eps / (input.d * input.v)));
    expect(withC.value).toBeCloseTo(12 * 2 * 64 * 64 * (Math.exp(-(eps * eps) / 16) + tail), 8);
    expect(withC.vacuous).toBe(true);
    expect(appendixBFailure({ ...input, v: 0 }).value).toBe(0);
  });
});

describe('Figure 4: the smallest Q >= 40 with 2 K Q^2 exp(-Q/45) < eps', () => {
  it('K = 1 -> 764, K = 10 -> 880, K = 100 -> 995 at eps = 0.05', () => {
    expect(figure4Q(1)).toBe(764);
    expect(figure4Q(10)).toBe(880);
    expect(figure4Q(100)).toBe(995);
    expect(theorem43Bound({ K: 10, Q: 879 }).value).toBeGreaterThanOrEqual(0.05);
  });

  it('grows by about 45 log(2) / (1 - 90/Q) per doubling of K (Theta(log K)) and never goes below 40', () => {
    // Q/45 - 2 log Q = log(2K/eps) at Q*, so doubling K moves Q* by log(2) / (1/45 - 2/Q).
    const curve = figure4Curve([1, 2, 4, 8, 16, 32, 64, 128]);
    for (let i = 1; i < curve.length; i++) {
      const Q = curve[i - 1]!.Q;
      expect(Math.abs(curve[i]!.Q - Q - (45 * Math.log(2)) / (1 - 90 / Q))).toBeLessThanOrEqual(1.5);
    }
    expect(figure4Q(1, 1e9)).toBe(40);
    expect(() => figure4Q(1, 0)).toThrow(/eps must be > 0/);
  });
});
