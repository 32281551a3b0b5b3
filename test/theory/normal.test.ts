import { describe, expect, it } from 'vitest';
import { erfc, normalCdf } from '../../src/theory/normal.js';
import { yesNoFloor } from '../../src/theory/floor.js';

// Reference values from libm (Python's math.erfc), 17 significant digits.
const ERFC: [number, number][] = [
  [0, 1],
  [0.1, 0.8875370839817152],
  [0.49, 0.4883317388114769],
  [0.5, 0.4795001221869535],
  [1, 0.15729920705028513],
  [2, 0.004677734981047265],
  [5, 1.5374597944280351e-12],
  [10, 2.088487583762545e-45],
  [26, 5.663192408856143e-296],
  [-1, 1.842700792949715],
];

const PHI: [number, number][] = [
  [0, 0.5],
  [-1, 0.15865525393145707],
  [-2, 0.02275013194817922],
  [-3, 0.0013498980316300957],
  [-5, 2.866515718791946e-7],
  [-10, 7.619853024160593e-24],
  [-20, 2.7536241186063314e-89],
  [1.96, 0.9750021048517795],
  [0.5, 0.6914624612740131],
];

const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('normal CDF', () => {
  it('erfc matches libm to 1e-14 relative, far into the tail', () => {
    for (const [x, expected] of ERFC) expect(relative(erfc(x), expected), `erfc(${x})`).toBeLessThan(1e-14);
  });

  it('Phi matches known values to 1e-14 relative and is symmetric', () => {
    for (const [z, expected] of PHI) expect(relative(normalCdf(z), expected), `Phi(${z})`).toBeLessThan(1e-14);
    for (const z of [0.3, 1.7, 4]) expect(normalCdf(z) + normalCdf(-z)).toBeCloseTo(1, 15);
  });

  it('handles the ends', () => {
    expect(normalCdf(-Infinity)).toBe(0);
    expect(normalCdf(Infinity)).toBe(1);
    expect(normalCdf(-40)).toBe(0);
    expect(Number.isNaN(normalCdf(NaN))).toBe(true);
  });

  it('the yes-no floor Phi(-1/(v sqrt(K))) rises with K (theory.md: 0.27 at K = 16, 0.38 at K = 64 for v = 0.4)', () => {
    expect(yesNoFloor(0.4, 16)).toBeCloseTo(0.26598552904870054, 14);
    expect(yesNoFloor(0.4, 64)).toBeCloseTo(0.37733028152984294, 14);
    expect(yesNoFloor(0.4, 1)).toBeLessThan(yesNoFloor(0.4, 16));
  });
});
