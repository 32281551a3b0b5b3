// Noise-free clusters (v = 0), disjoint tokens, equal sizes: every training margin follows the
// closed form of theory.md §2. Training is the Euler method on that ODE, so the simulator must
// match the scalar Euler iteration to rounding, and the closed form within Euler's error.
import { describe, expect, it } from 'vitest';
import { dpoExactMargin, ipoExactMargin, slicExactMargin } from '../../src/theory/exact.js';
import { loadEngines } from '../helpers.js';
import { traced } from './helpers.js';

const rates = {
  // dr/dt = rate(r) for the common margin, from Lemma 4.1 with P = +-2 and S = +-1 + lb^2.
  dpo: (r: number, c: number) => c / (1 + Math.exp(r)),
  ipo: (r: number, c: number) => 2 * c * (1 - r),
  slic: (r: number, c: number) => (r < 1 ? c : 0),
};
const exact = { dpo: dpoExactMargin, ipo: ipoExactMargin, slic: slicExactMargin };

describe('exact noise-free solutions', async () => {
  const { relaxed } = await loadEngines();
  for (const loss of ['dpo', 'ipo', 'slic'] as const) {
    for (const [K, beta] of [[1, 1], [4, 1], [8, 0.5]] as const) {
      it(`${loss}, K = ${K}, beta = ${beta}`, () => {
        // lr chosen so that no step lands exactly on SLiC's kink at r = 1, where rounding would decide.
        const lr = 0.023, steps = 150;
        const { record } = traced(relaxed, { K, Q: 5, test: 2, d: 16, v: 0, beta, loss, lr, steps, logEvery: 1 });
        const c = 2 * beta * beta / K;
        let euler = 0;
        for (const entry of record.log) {
          const t = entry.step * lr;
          const closed = exact[loss](t, K, beta);
          expect(entry.train.margin_max - entry.train.margin_min).toBeLessThan(1e-5);
          expect(Math.abs(entry.train.margin - euler), `step ${entry.step}: simulated ${entry.train.margin}, Euler ${euler}`).toBeLessThan(1e-5);
          expect(Math.abs(entry.train.margin - closed), `step ${entry.step}: simulated ${entry.train.margin}, exact ${closed}`)
            .toBeLessThanOrEqual(Math.abs(euler - closed) + 1e-5);
          euler += lr * rates[loss](euler, c);
        }
        expect(record.log).toHaveLength(steps + 1);
      });
    }
  }

  it('r(tau_1) is about 0.208 for DPO at every K and beta', () => {
    for (const [K, beta] of [[1, 1], [10, 1], [64, 0.1]] as const) {
      const tau1 = K * Math.log(3) / (5 * beta * beta);
      expect(dpoExactMargin(tau1, K, beta)).toBeCloseTo(0.2079, 3);
    }
  });
});
