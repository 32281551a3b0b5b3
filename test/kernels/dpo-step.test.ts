// The fused single-token step: margins and gradient against a float64 reference, the
// gradient against finite differences of the loss, minibatch indices and scale.
import { describe, expect, it } from 'vitest';
import { LOSSES, type Backend, type LossName } from '../../src/backend/index.js';
import { expectClose, loadEngines, Random } from '../helpers.js';
import { lossValue } from '../../src/backend/js/objective.js';

interface Problem { N: number; d: number; V: number; G: Float32Array; yw: Int32Array; yl: Int32Array; D: Float32Array }

function problem(seed: number, N: number, d: number, V: number, scale = 0.5): Problem {
  const random = new Random(seed);
  const yw = new Int32Array(N), yl = new Int32Array(N);
  for (let i = 0; i < N; i++) {
    yw[i] = random.int(V);
    yl[i] = (yw[i]! + 1 + random.int(V - 1)) % V;
  }
  return { N, d, V, G: random.normalArray(N * d), yw, yl, D: random.normalArray(V * d, scale) };
}

/** L(D) = (1/N) sum f(beta (D[yw] - D[yl]) . g) in float64. */
function loss64(p: Problem, D: Float64Array | Float32Array, loss: LossName, beta: number, eps: number): number {
  let total = 0;
  for (let i = 0; i < p.N; i++) {
    let dot = 0;
    for (let c = 0; c < p.d; c++) dot += (D[p.yw[i]! * p.d + c]! - D[p.yl[i]! * p.d + c]!) * p.G[i * p.d + c]!;
    total += lossValue(loss, beta * dot, beta, eps);
  }
  return total / p.N;
}

function run(backend: Backend, p: Problem, loss: LossName, beta: number, eps: number) {
  const G = backend.float32(p.N * p.d, p.G), yw = backend.int32(p.N, p.yw), yl = backend.int32(p.N, p.yl);
  const D = backend.float32(p.V * p.d, p.D), grad = backend.float32(p.V * p.d), margins = backend.float32(p.N);
  const marginSum = backend.dpoStep({ G, d: p.d, yw, yl, index: null, count: p.N, D, beta, loss, eps, scale: 1 / p.N, grad, margins });
  return { marginSum, grad: Float32Array.from(grad.view()), margins: Float32Array.from(margins.view()) };
}

describe('dpoStep', async () => {
  const engines = await loadEngines();
  for (const backend of engines.all) {
    for (const loss of LOSSES) {
      it(`${backend.variant} ${loss}: gradient equals finite differences of the float64 loss`, () => {
        const p = problem(11, 17, 5, 3), beta = 0.8, eps = 0.15;
        const { marginSum, margins, grad } = run(backend, p, loss, beta, eps);
        expect(marginSum).toBeCloseTo(margins.reduce((sum, r) => sum + r, 0), 4);
        const D = Float64Array.from(p.D), h = 1e-4, numeric = new Float64Array(D.length);
        for (let k = 0; k < D.length; k++) {
          const keep = D[k]!;
          D[k] = keep + h; const up = loss64(p, D, loss, beta, eps);
          D[k] = keep - h; const down = loss64(p, D, loss, beta, eps);
          D[k] = keep;
          numeric[k] = (up - down) / (2 * h);
        }
        expectClose(grad, numeric, { rel: 1e-3, abs: 2e-5 }, `${loss} gradient`);
      });
    }

    it(`${backend.variant}: margins on odd shapes match float64`, () => {
      for (const [N, d, V] of [[1, 1, 2], [3, 3, 2], [5, 17, 7], [33, 1000, 4], [1000, 5, 33]] as const) {
        const p = problem(N * d, N, d, V);
        const { margins } = run(backend, p, 'dpo', 1.3, 0);
        const expected = Array.from({ length: N }, (_, i) => {
          let dot = 0;
          for (let c = 0; c < d; c++) dot += (p.D[p.yw[i]! * d + c]! - p.D[p.yl[i]! * d + c]!) * p.G[i * d + c]!;
          return 1.3 * dot;
        });
        expectClose(margins, expected, { rel: 1e-5, abs: 1e-5 * Math.sqrt(d) }, `${N}x${d} margins`);
      }
    });

    it(`${backend.variant}: an index list visits just those samples, scaled by 1/batch`, () => {
      const p = problem(5, 40, 9, 6);
      const G = backend.float32(p.N * p.d, p.G), yw = backend.int32(p.N, p.yw), yl = backend.int32(p.N, p.yl);
      const D = backend.float32(p.V * p.d, p.D);
      const chosen = [3, 17, 0, 39, 8];
      const grad = backend.float32(p.V * p.d), margins = backend.float32(p.N, new Array(p.N).fill(7));
      backend.dpoStep({ G, d: p.d, yw, yl, index: backend.int32(5, chosen), count: 5, D, beta: 1, loss: 'dpo', eps: 0, scale: 1 / 5, grad, margins });
      // the same five samples as a problem of their own, in the same order
      const sub: Problem = { ...p, N: 5, G: new Float32Array(chosen.flatMap((i) => Array.from(p.G.subarray(i * p.d, (i + 1) * p.d)))), yw: Int32Array.from(chosen.map((i) => p.yw[i]!)), yl: Int32Array.from(chosen.map((i) => p.yl[i]!)) };
      const alone = run(backend, sub, 'dpo', 1, 0);
      expectClose(grad.view(), alone.grad, { rel: 1e-6, abs: 1e-7 }, 'minibatch gradient');
      const written = margins.view();
      chosen.forEach((i, k) => expect(written[i]).toBe(alone.margins[k]));
      expect(Array.from(written).filter((r) => r === 7)).toHaveLength(p.N - 5); // no other sample touched
    });
  }

  it('wasm and js agree on a large step', () => {
    const p = problem(3, 2000, 64, 16);
    const [a, b, c] = engines.all.map((backend) => run(backend, p, 'dpo', 1, 0));
    for (const other of [b!, c!]) {
      expectClose(other.margins, a!.margins, { rel: 1e-4, abs: 1e-4 }, 'margins');
      expectClose(other.grad, a!.grad, { rel: 1e-4, abs: 1e-6 }, 'gradient');
    }
  });
});
