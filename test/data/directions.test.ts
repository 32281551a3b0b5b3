import { describe, expect, it } from 'vitest';
import { parseRunOptions } from '../../src/config/options.js';
import { makeDirections, orthonormalFrame } from '../../src/data/directions.js';
import { Random } from '../../src/data/random.js';

const dot = (x: Float64Array, y: Float64Array) => x.reduce((sum, xi, i) => sum + xi * y[i]!, 0);
const options = (overrides: Record<string, unknown>) => parseRunOptions(overrides);

/** max |<f_i, f_j> - [i == j]| over a list of vectors. */
function orthonormalityError(vectors: Float64Array[]): number {
  let worst = 0;
  for (let i = 0; i < vectors.length; i++) {
    for (let j = 0; j < vectors.length; j++) worst = Math.max(worst, Math.abs(dot(vectors[i]!, vectors[j]!) - (i === j ? 1 : 0)));
  }
  return worst;
}

describe('directions of b and the concepts', () => {
  it('the default frame is orthonormal, also when d is barely K + 1', () => {
    for (const [K, d] of [[7, 8], [16, 64], [1, 2]] as const) {
      const { b, concepts } = makeDirections(options({ K, d, seed: 3 }));
      expect(orthonormalityError([b, ...concepts])).toBeLessThan(1e-12);
    }
  });

  it('is seeded: the same seed gives the same frame, another seed another one', () => {
    const a = makeDirections(options({ K: 3, d: 20, seed: 1 }));
    const again = makeDirections(options({ K: 3, d: 20, seed: 1 }));
    const other = makeDirections(options({ K: 3, d: 20, seed: 2 }));
    expect(again.b).toEqual(a.b);
    expect(again.concepts).toEqual(a.concepts);
    expect(Math.abs(dot(a.b, other.b))).toBeLessThan(0.99);
  });

  it('the frame for fewer values is a prefix of the frame for more', () => {
    const small = orthonormalFrame(3, 12, new Random('x'));
    const large = orthonormalFrame(6, 12, new Random('x'));
    expect(large.slice(0, 3)).toEqual(small);
  });

  it('axes puts b on e_0 and c_k on e_(1+k)', () => {
    const { b, concepts } = makeDirections(options({ K: 3, d: 6, axes: true }));
    expect([...b]).toEqual([1, 0, 0, 0, 0, 0]);
    concepts.forEach((c, k) => expect([...c].indexOf(1)).toBe(1 + k));
    expect(orthonormalityError([b, ...concepts])).toBe(0);
  });

  it('conceptCos gives unit concepts with exactly that pairwise cosine, orthogonal to b', () => {
    for (const [K, rho] of [[5, 0.3], [4, -1 / 3], [3, 1], [6, -0.1], [1, 0.7]] as const) {
      for (const axes of [true, false]) {
        const { b, concepts } = makeDirections(options({ K, d: K + 3, conceptCos: rho, axes, seed: 4 }));
        for (let i = 0; i < K; i++) {
          expect(dot(concepts[i]!, concepts[i]!)).toBeCloseTo(1, 12);
          expect(Math.abs(dot(concepts[i]!, b))).toBeLessThan(1e-12);
          for (let j = 0; j < i; j++) expect(dot(concepts[i]!, concepts[j]!)).toBeCloseTo(rho, 12);
        }
      }
    }
  });

  it('refuses a cosine no K unit vectors can have, saying the allowed range', () => {
    expect(() => makeDirections(options({ K: 4, d: 8, conceptCos: -0.5 }))).toThrow(/conceptCos: must lie in \[-1\/\(K - 1\), 1\] = \[-0\.333/);
  });

  it('delta tilts each concept off its axis by exactly cos(theta) = 1 - delta^2/8', () => {
    const delta = 0.4;
    const { b, concepts } = makeDirections(options({ K: 4, d: 10, delta, axes: true, seed: 5 }));
    const cos = 1 - delta ** 2 / 8;
    concepts.forEach((c, k) => {
      expect(dot(c, c)).toBeCloseTo(1, 12);
      expect(c[1 + k]).toBeCloseTo(cos, 12);
    });
    // The tilt lands partly on b and on the other concepts: the cross-talk Appendix C bounds.
    const crossTalk = Math.max(...concepts.map((c) => Math.abs(dot(c, b))));
    expect(crossTalk).toBeGreaterThan(0);
    expect(crossTalk).toBeLessThanOrEqual(Math.sqrt(1 - cos * cos) + 1e-12);
  });

  it('delta = 0 leaves the concepts orthonormal', () => {
    const { b, concepts } = makeDirections(options({ K: 3, d: 9, delta: 0, seed: 6 }));
    expect(orthonormalityError([b, ...concepts])).toBeLessThan(1e-12);
  });

  it('refuses d < K + 1, naming d, the minimum and the reason', () => {
    expect(() => makeDirections(options({ K: 4, d: 4 }))).toThrow('d: must be at least K + 1 = 5, because b and the K concept axes need K + 1 orthogonal directions (got d = 4)');
  });
});
