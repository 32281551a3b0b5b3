import { describe, expect, it } from 'vitest';
import { parseRunOptions } from '../../src/config/options.js';
import { makeDirections } from '../../src/data/directions.js';
import { checkConditions, conditionMap, effectiveDelta, THEOREM_CONDITIONS, theoremApplies, type ConditionConfig } from '../../src/theory/conditions.js';
import { boundSummary } from '../../src/theory/summary.js';

/** Inside Theorem 4.2's conditions (issue 3): K = 2, Q = 64, d = 320, v = 1/256, lb = 0.5, disjoint. */
const INSIDE: ConditionConfig = { K: 2, Q: 64, d: 320, v: 1 / 256, lb: 0.5, tokens: 'disjoint' };

const failing = (config: ConditionConfig) => checkConditions(config).filter((c) => !c.holds).map((c) => c.name);

describe('theorem conditions by name', () => {
  it('the issue-3 configuration meets every condition of Theorems 4.2 and 4.3 and Appendices B and C', () => {
    const conditions = checkConditions(INSIDE);
    expect(failing(INSIDE)).toEqual([]);
    for (const theorem of ['theorem4.2', 'theorem4.3', 'appendixB', 'appendixC'] as const) expect(theoremApplies(theorem, conditions)).toBe(true);
    expect(Object.keys(conditionMap(conditions))).toEqual([
      'Z <= 1/(4 lb^2)', 'd <= 5Q', 'v <= 1/(32 sqrt(Q))', '1/4 <= lb <= 1/2', 'orthogonal concepts',
      'd >= K + 1', 'equal group sizes', 'no label noise', 'distinct response pairs', 'Q >= 40',
      'v <= 1/(4 sqrt(Q))', 'eps <= 1/(16 v (Z + 2))', 'delta <= min(eps v / 8, 1/4)',
    ]);
  });

  it('names each condition a config breaks', () => {
    expect(failing({ ...INSIDE, v: 0.1 })).toEqual(['v <= 1/(32 sqrt(Q))', 'v <= 1/(4 sqrt(Q))']);
    expect(failing({ ...INSIDE, d: 321 })).toEqual(['d <= 5Q']);
    expect(failing({ ...INSIDE, lb: 0.6 })).toEqual(['Z <= 1/(4 lb^2)', '1/4 <= lb <= 1/2']);
    expect(failing({ ...INSIDE, lb: 0.2 })).toEqual(['1/4 <= lb <= 1/2']);
    expect(failing({ ...INSIDE, Q: 30, d: 100, v: 0.001 })).toEqual(['Q >= 40']);
    expect(failing({ ...INSIDE, tokens: 'yes-no' })).toEqual(['Z <= 1/(4 lb^2)', 'distinct response pairs']);
    expect(failing({ ...INSIDE, K: 4, tokens: 'shared:2', lb: 0.25 })).toEqual([]);
    expect(failing({ ...INSIDE, Z: 2 })).toEqual(['Z <= 1/(4 lb^2)']);
    expect(failing({ ...INSIDE, imbalance: 1 })).toEqual(['equal group sizes']);
    expect(failing({ ...INSIDE, flip: 0.1 })).toEqual(['no label noise']);
    expect(failing({ ...INSIDE, K: 400 })).toEqual(['d >= K + 1']);
    expect(failing({ ...INSIDE, eps: 100 })).toEqual(['eps <= 1/(16 v (Z + 2))']);
  });

  it('Theorem 4.3 alone needs Q >= 40', () => {
    const conditions = checkConditions({ ...INSIDE, Q: 30, d: 100, v: 0.001 });
    expect(theoremApplies('theorem4.2', conditions)).toBe(true);
    expect(theoremApplies('theorem4.3', conditions)).toBe(false);
    expect(THEOREM_CONDITIONS['theorem4.3']).toContain('Q >= 40');
  });

  it('approximately orthogonal concepts fail Theorem 4.2 and meet Appendix C while delta is small enough', () => {
    const small = checkConditions({ ...INSIDE, delta: 0.001 });
    expect(theoremApplies('theorem4.2', small)).toBe(false);
    expect(theoremApplies('appendixC', small)).toBe(true);
    // With the default eps, eps v / 8 = 1/(128 (Z + 2)) = 0.0026 for Z = 1.
    const large = checkConditions({ ...INSIDE, delta: 0.01 });
    expect(large.find((c) => c.name === 'delta <= min(eps v / 8, 1/4)')).toMatchObject({ holds: false, detail: 'delta = 0.01, min(eps v / 8, 1/4) = 0.002604' });
    expect(failing({ ...INSIDE, conceptCos: 0.3 })).toEqual(['orthogonal concepts', 'delta <= min(eps v / 8, 1/4)']);
    expect(failing({ ...INSIDE, conceptCos: 0 })).toEqual([]);
  });

  it("conceptCos's effective delta is the one its concepts really have: <c_k, e_(c_k)> = 1 - delta^2/8", () => {
    for (const [K, rho] of [[4, 0.2], [5, -0.2], [2, 0.9]] as const) {
      const { concepts } = makeDirections(parseRunOptions({ K, d: K + 1, conceptCos: rho, axes: true }));
      const delta = effectiveDelta({ K, conceptCos: rho });
      concepts.forEach((c, k) => expect(c[1 + k]).toBeCloseTo(1 - delta ** 2 / 8, 12));
    }
  });

  it('boundSummary gathers tau_1, the trajectory, the probabilities with vacuous flags, and the conditions', () => {
    const summary = boundSummary({ ...INSIDE, beta: 1 });
    expect(summary.Z).toBe(1);
    expect(summary.tau1).toBeCloseTo((2 * Math.log(3)) / 5, 15);
    expect(summary.atTau1.rLower).toBeCloseTo(Math.log(3) / 40, 15);
    expect(summary.atTau1.rUpper).toBeCloseTo(Math.log(3), 15);
    expect(summary.approximate).toBe(false);
    expect(summary.theorem42.vacuous).toBe(true);
    expect(summary.theorem43.vacuous).toBe(true);
    expect(summary.applies).toEqual({ 'theorem4.2': true, 'theorem4.3': true, appendixB: true, appendixC: true });
    const approximate = boundSummary({ ...INSIDE, beta: 1, delta: 0.001 });
    expect(approximate.atTau1.rLower).toBeCloseTo(Math.log(3) / 80, 15);
    expect(approximate.marginRange.lower).toBeCloseTo(Math.log(3) / 80, 15);
  });
});
