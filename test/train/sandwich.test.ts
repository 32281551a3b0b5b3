// Theorem 4.2 on data inside its conditions: every training margin stays between r_L(t) and
// r_U(t) up to tau_1, and at tau_1 lies in [log(3)/40, log(3)]. The record's bounds block
// says so, and we check its claim against the log ourselves.
import { describe, expect, it } from 'vitest';
import { rLower, rUpper, tau1 } from '../../src/theory/index.js';
import { loadEngines } from '../helpers.js';
import { traced } from './helpers.js';

describe('Theorem 4.2 sandwich', async () => {
  const { relaxed } = await loadEngines();
  it('K = 2, Q = 64, d = 320, v = 1/256, lb = 0.5, beta = 1, gd until tau_1', () => {
    const { record } = traced(relaxed, { K: 2, Q: 64, d: 320, v: 1 / 256, lb: 0.5, beta: 1, until: 'tau1', logEvery: 1 });
    const bounds = record.bounds as Record<string, any>;
    for (const name of ['Z <= 1/(4 lb^2)', 'd <= 5Q', 'v <= 1/(32 sqrt(Q))', '1/4 <= lb <= 1/2', 'orthogonal concepts']) {
      expect(bounds.conditions[name], name).toBe(true);
    }
    expect(bounds.applies['theorem4.2']).toBe(true);
    expect(record.log.at(-1)!.t).toBeCloseTo(tau1(2, 1), 10);
    for (const entry of record.log) {
      expect(entry.train.margin_min).toBeGreaterThanOrEqual(rLower(entry.t, 2, 1));
      expect(entry.train.margin_max).toBeLessThanOrEqual(rUpper(entry.t, 2, 1));
    }
    expect(bounds.sandwich.inside).toBe(true);
    expect(bounds.sandwich.checked_steps).toBe(101);
    expect(bounds.sandwich.at_tau1.inside).toBe(true);
    const last = record.log.at(-1)!.train;
    expect(last.margin_min).toBeGreaterThanOrEqual(Math.log(3) / 40);
    expect(last.margin_max).toBeLessThanOrEqual(Math.log(3));
    // theory.md reports wide slack here: r / r_L >= 7 and r / r_U <= 0.21.
    expect(bounds.sandwich.min_ratio_to_lower).toBeGreaterThan(5);
    expect(bounds.sandwich.max_ratio_to_upper).toBeLessThan(0.3);
    expect(bounds.theorem4_2_failure.vacuous).toBe(true);
  });

  it('a run outside the conditions is reported as such', () => {
    const { record } = traced(relaxed, { K: 4, Q: 10, d: 64, v: 0.4, tokens: 'yes-no', until: 'tau1' });
    const bounds = record.bounds as Record<string, any>;
    expect(bounds.conditions['v <= 1/(32 sqrt(Q))']).toBe(false);
    expect(bounds.conditions['Z <= 1/(4 lb^2)']).toBe(false);
    expect(bounds.applies['theorem4.2']).toBe(false);
  });
});
