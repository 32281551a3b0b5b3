// Least-squares fits: exact recovery of a and b, R^2 = 1 on exact lines, a textbook R^2, and
// the Q*(K) comparison of a + b log K against a + b K (floors left out, reasons when no fit).
import { describe, expect, it } from 'vitest';
import { fitLine, fitQStar, linearFit } from '../../src/sweep/fits.js';

describe('linear fit', () => {
  it('recovers a and b exactly, with R^2 = 1, on exact lines', () => {
    for (const [a, b] of [[2, 3], [-1.5, 0.25], [100, -7], [0, 1e-3]] as const) {
      const x = [1, 2, 4, 8, 16, 32];
      const fit = linearFit(x, x.map((value) => a + b * value));
      expect(fit.a).toBeCloseTo(a, 12);
      expect(fit.b).toBeCloseTo(b, 12);
      expect(fit.r2).toBeCloseTo(1, 12);
      expect(fit.n).toBe(6);
    }
  });

  it('gives the textbook R^2: x = 1..5, y = 2 4 5 4 5 fits y = 2.2 + 0.6 x with R^2 = 0.6', () => {
    const fit = linearFit([1, 2, 3, 4, 5], [2, 4, 5, 4, 5]);
    expect(fit.a).toBeCloseTo(2.2, 12);
    expect(fit.b).toBeCloseTo(0.6, 12);
    expect(fit.r2).toBeCloseTo(0.6, 12);
  });

  it('has no R^2 when every y is the same, and no line through a single x', () => {
    expect(linearFit([1, 2, 3], [5, 5, 5])).toEqual({ a: 5, b: 0, r2: null, n: 3 });
    // no trend at all: R^2 is 0, never a rounded -0.000
    expect(Object.is(linearFit([1, 2, 3, 4, 5], [0.1, 0.3, 0.5, 0.3, 0.1]).r2, 0)).toBe(true);
    expect(() => linearFit([2, 2, 2], [1, 2, 3])).toThrow(/two distinct x/);
  });

  it('says why there is no fit: too few points, one x; non-finite points are left out', () => {
    expect(fitLine([1, 2], [1, 2])).toEqual({ fit: null, reason: 'needs at least 3 points, has 2' });
    expect(fitLine([1, 2, 3, 4], [1, NaN, 3, Infinity])).toEqual({ fit: null, reason: 'needs at least 3 points, has 2' });
    expect(fitLine([4, 4, 4], [1, 2, 3])).toEqual({ fit: null, reason: 'every point has the same x' });
    expect(fitLine([1, 2, 3, NaN], [3, 5, 7, 1]).fit).toMatchObject({ a: 1, b: 2, r2: 1, n: 3 });
  });
});

describe('Q*(K) fits', () => {
  const Ks = [1, 2, 4, 8, 16, 32, 64];

  it('prefers log K on Q* = 10 + 45 log K, and recovers it exactly', () => {
    const fits = fitQStar(Ks.map((K) => ({ K, q_star: 10 + 45 * Math.log(K) })));
    expect(fits.winner).toBe('log K');
    expect(fits.log.fit!.a).toBeCloseTo(10, 10);
    expect(fits.log.fit!.b).toBeCloseTo(45, 10);
    expect(fits.log.fit!.r2).toBeCloseTo(1, 12);
    expect(fits.linear.fit!.r2!).toBeLessThan(0.95);
    expect(fits.note).toBeNull();
  });

  it('prefers K on Q* = 3 + 2 K, leaving floors out', () => {
    const points = [...Ks.map((K) => ({ K, q_star: 3 + 2 * K })), { K: 128, q_star: null }];
    const fits = fitQStar(points);
    expect(fits.winner).toBe('K');
    expect(fits.linear.fit).toMatchObject({ n: 7 });
    expect(fits.linear.fit!.a).toBeCloseTo(3, 10);
    expect(fits.linear.fit!.b).toBeCloseTo(2, 12);
    expect(fits.floors).toBe(1);
  });

  it('names the reason when it cannot choose', () => {
    expect(fitQStar([{ K: 1, q_star: 4 }, { K: 2, q_star: null }, { K: 4, q_star: 9 }])).toMatchObject({
      winner: null, floors: 1, note: 'needs at least 3 points, has 2 with a finite Q*',
    });
    expect(fitQStar(Ks.map((K) => ({ K, q_star: 2 })))).toMatchObject({ winner: null, note: 'Q* is 2 at every K: nothing to tell the models apart' });
  });
});
