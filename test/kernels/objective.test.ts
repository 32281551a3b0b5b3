// f(r) and -f'(r) for every loss: against direct float64 formulas, against finite
// differences of f, and at extreme margins (|r| = 1e4) where a naive form overflows.
import { describe, expect, it } from 'vitest';
import { LOSSES, type LossName } from '../../src/backend/index.js';
import { expectClose, loadEngines } from '../helpers.js';

const beta = 0.7, eps = 0.2;

/** The losses written the textbook way, in float64 (fine for moderate r). */
function naive(loss: LossName, r: number): number {
  const sp = (x: number) => Math.log(1 + Math.exp(x));
  switch (loss) {
    case 'dpo': return -Math.log(1 / (1 + Math.exp(-r)));
    case 'ipo': return (r - 1) ** 2;
    case 'ipo-trl': return (r / beta - 1 / (2 * beta)) ** 2;
    case 'slic': return Math.max(0, 1 - r);
    case 'cdpo': return (1 - eps) * sp(-r) + eps * sp(r);
    case 'robust': return ((1 - eps) * sp(-r) - eps * sp(r)) / (1 - 2 * eps);
  }
}

const margins = [-30, -5, -1.3, -0.2, 0, 0.05, 0.45, 0.9, 1.7, 4, 25];

describe('objective', async () => {
  const engines = await loadEngines();
  for (const backend of engines.all) {
    for (const loss of LOSSES) {
      it(`${backend.variant} ${loss}: values match the formula, weights match finite differences`, () => {
        const r = backend.float32(margins.length, margins);
        const value = backend.float32(margins.length), weight = backend.float32(margins.length);
        backend.objective(loss, r, margins.length, beta, eps, value, weight);
        const rs = Array.from(r.view());
        expectClose(value.view(), rs.map((x) => naive(loss, x)), { rel: 1e-6, abs: 1e-6 }, `${loss} f`);
        const h = 1e-5;
        const slope = rs.map((x) => (loss === 'slic' && Math.abs(x - 1) < 2 * h ? 0 : -(naive(loss, x + h) - naive(loss, x - h)) / (2 * h)));
        expectClose(weight.view(), slope, { rel: 1e-4, abs: 1e-5 }, `${loss} -f'`);
      });
    }
    it(`${backend.variant}: margins of +-1e4 stay finite and take their limits`, () => {
      const extreme = [-1e4, 1e4];
      for (const loss of LOSSES) {
        const r = backend.float32(2, extreme), value = backend.float32(2), weight = backend.float32(2);
        backend.objective(loss, r, 2, beta, eps, value, weight);
        for (const x of [...value.view(), ...weight.view()]) expect(Number.isFinite(x), `${loss} ${x}`).toBe(true);
      }
      const r = backend.float32(2, extreme), value = backend.float32(2), weight = backend.float32(2);
      backend.objective('dpo', r, 2, 1, 0, value, weight);
      expectClose(value.view(), [1e4, 0], { rel: 1e-7 }, 'softplus(-r)');
      expectClose(weight.view(), [1, 0], { abs: 0 }, 'sigmoid(-r)');
    });
  }
});
