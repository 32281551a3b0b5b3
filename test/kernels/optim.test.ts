// Gradient descent and Adam. Adam is checked against PyTorch's update rule worked by hand
// for steps 1, 2, 3 (bias correction makes step 1 move every coordinate by lr * sign(g)).
import { describe, expect, it } from 'vitest';
import { expectClose, loadEngines, Random } from '../helpers.js';

describe('optimisers', async () => {
  const engines = await loadEngines();
  for (const backend of engines.all) {
    it(`${backend.variant}: gd is p - lr g on odd lengths`, () => {
      for (const n of [1, 3, 5, 17, 1000]) {
        const random = new Random(n);
        const p0 = random.normalArray(n), g0 = random.normalArray(n);
        const p = backend.float32(n, p0), g = backend.float32(n, g0);
        backend.gdUpdate(p, g, n, 0.3);
        expectClose(p.view(), Array.from(p0, (x, i) => x - 0.3 * g0[i]!), { rel: 1e-6, abs: 1e-7 }, `gd n=${n}`);
      }
    });

    it(`${backend.variant}: Adam steps 1-3 follow torch.optim.Adam`, () => {
      // One coordinate per lane plus a tail: five copies of the same scalar problem.
      const n = 5, lr = 0.1, b1 = 0.9, b2 = 0.999, eps = 1e-8;
      const p = backend.float32(n, new Array(n).fill(1)), m = backend.float32(n), v = backend.float32(n);
      const grads = [0.5, -0.2, 0.1];
      // Step 1 by hand: m = 0.05, v = 0.00025, m/(1-b1) = 0.5, sqrt(v/(1-b2)) = 0.5: p = 1 - 0.1.
      // Step 2: m = 0.025, v = 0.00028975; step size 0.1/0.19, denominator sqrt(v)/sqrt(0.001999) + eps.
      // Step 3: m = 0.0325, v = 0.00029946025; bias corrections 0.271 and 0.002997001.
      const expected = [0.9];
      expected.push(expected[0]! - (0.1 / 0.19) * (0.025 / (Math.sqrt(0.00028975) / Math.sqrt(0.001999) + eps)));
      expected.push(expected[1]! - (0.1 / 0.271) * (0.0325 / (Math.sqrt(0.00029946025) / Math.sqrt(0.002997001) + eps)));
      grads.forEach((grad, step) => {
        backend.adamUpdate(p, backend.float32(n, new Array(n).fill(grad)), m, v, n, lr, b1, b2, eps, step + 1);
        expectClose(p.view(), new Array(n).fill(expected[step]), { rel: 2e-6 }, `Adam step ${step + 1}`);
      });
      expect(expected[1]).toBeCloseTo(0.865439, 5);
    });
  }
});
