// The reductions that turn per-sample arrays into logged scalars (marginSummary, sum), and
// the small vector kernels (axpy, fill, tokenRewards), against float64 on odd lengths.
import { describe, expect, it } from 'vitest';
import { LOSSES } from '../../src/backend/index.js';
import { lossValue } from '../../src/backend/js/objective.js';
import { expectClose, loadEngines, Random } from '../helpers.js';

describe('summary kernels', async () => {
  const engines = await loadEngines();
  for (const backend of engines.all) {
    it(`${backend.variant}: marginSummary counts, extremes, losses and per-value errors`, () => {
      for (const n of [1, 3, 5, 17, 1000]) {
        const random = new Random(n);
        const r = random.normalArray(n, 2);
        if (n >= 3) r[1] = 0; // a zero margin counts as an error, not as correct
        const K = 3, values = Int32Array.from({ length: n }, (_, i) => (i * 7) % K);
        for (const loss of LOSSES) {
          const summary = backend.marginSummary(backend.float32(n, r), n, backend.int32(n, values), K, loss, 0.5, 0.2);
          const xs = Array.from(r);
          expect(summary.sum).toBeCloseTo(xs.reduce((a, x) => a + x, 0), 4);
          expect(summary.min).toBe(Math.min(...xs));
          expect(summary.max).toBe(Math.max(...xs));
          expect(summary.positive).toBe(xs.filter((x) => x > 0).length);
          const loss64 = xs.reduce((a, x) => a + lossValue(loss, x, 0.5, 0.2), 0);
          expect(Math.abs(summary.lossSum - loss64)).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(loss64)));
          for (let k = 0; k < K; k++) {
            expect(summary.counts[k]).toBe(xs.filter((_, i) => values[i] === k).length);
            expect(summary.errors[k]).toBe(xs.filter((x, i) => values[i] === k && x <= 0).length);
          }
        }
      }
    });

    it(`${backend.variant}: axpy, sum and fill on odd lengths`, () => {
      for (const n of [1, 3, 5, 17, 1000]) {
        const random = new Random(`axpy ${n}`);
        const x = random.normalArray(n), y = random.normalArray(n);
        const out = backend.float32(n);
        backend.axpy(-1.5, backend.float32(n, x), backend.float32(n, y), n, out);
        expectClose(out.view(), Array.from(x, (xi, i) => -1.5 * xi + y[i]!), { rel: 1e-6, abs: 1e-6 }, `axpy n=${n}`);
        expect(backend.sum(backend.float32(n, x), n)).toBeCloseTo(Array.from(x).reduce((a, v) => a + v, 0), 4);
        const block = backend.float32(n + 2, new Array(n + 2).fill(9));
        backend.fill(block, n, 0.25);
        expectClose(block.view(), [...new Array(n).fill(0.25), 9, 9], { abs: 0 }, `fill n=${n}`);
      }
    });

    it(`${backend.variant}: tokenRewards are beta D[y] . g for each side`, () => {
      const random = new Random('rewards');
      const N = 17, d = 33, V = 5, beta = 0.3;
      const G = random.normalArray(N * d), D = random.normalArray(V * d);
      const yw = Int32Array.from({ length: N }, (_, i) => i % V), yl = Int32Array.from({ length: N }, (_, i) => (i + 2) % V);
      const chosen = backend.float32(N), rejected = backend.float32(N);
      backend.tokenRewards(backend.float32(N * d, G), d, N, backend.int32(N, yw), backend.int32(N, yl), backend.float32(V * d, D), beta, chosen, rejected);
      const reward = (token: number, i: number) => beta * Array.from({ length: d }, (_, c) => D[token * d + c]! * G[i * d + c]!).reduce((a, v) => a + v, 0);
      expectClose(chosen.view(), Array.from({ length: N }, (_, i) => reward(yw[i]!, i)), { rel: 1e-5, abs: 1e-5 }, 'chosen');
      expectClose(rejected.view(), Array.from({ length: N }, (_, i) => reward(yl[i]!, i)), { rel: 1e-5, abs: 1e-5 }, 'rejected');
    });
  }
});
