// softmax(X) - onehot(y) and log p(y) against float64 on the Wasm variants and the JS twin,
// including rows that are not targets (y = -1: plain softmax, logp = 0).
import { describe, expect, it } from 'vitest';
import type { Backend } from '../../src/backend/index.js';
import { expectClose, loadEngines, Random } from '../helpers.js';

function reference(x: Float32Array, rows: number, V: number, y: Int32Array): { Y: Float64Array; logp: Float64Array } {
  const Y = new Float64Array(rows * V), logp = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    let m = -Infinity;
    for (let j = 0; j < V; j++) m = Math.max(m, x[r * V + j]!);
    let s = 0;
    for (let j = 0; j < V; j++) s += Math.exp(x[r * V + j]! - m);
    const lse = m + Math.log(s);
    for (let j = 0; j < V; j++) Y[r * V + j] = Math.exp(x[r * V + j]! - lse) - (j === y[r] ? 1 : 0);
    logp[r] = y[r]! >= 0 ? x[r * V + y[r]!]! - lse : 0;
  }
  return { Y, logp };
}

function run(backend: Backend, x: Float32Array, rows: number, V: number, y: Int32Array, inPlace: boolean): { Y: Float32Array; logp: Float32Array } {
  const X = backend.float32(x.length, x), targets = backend.int32(rows, y), logp = backend.float32(rows);
  const Y = inPlace ? X : backend.float32(x.length);
  backend.softmaxMinusOneHot(X, rows, V, targets, Y, logp);
  const result = { Y: Float32Array.from(Y.view()), logp: Float32Array.from(logp.view()) };
  for (const block of inPlace ? [X, targets, logp] : [X, Y, targets, logp]) backend.free(block);
  return result;
}

/** Targets for each row, every third row not a target. */
function targets(random: Random, rows: number, V: number): Int32Array {
  return Int32Array.from({ length: rows }, (_, r) => (r % 3 === 2 ? -1 : random.int(V)));
}

// Y: softmax rounding (the -1 at the target is exact); logp: float32 rounding of values near |x|.
const tolerance = { Y: { rel: 1e-5, abs: 1e-7 }, logp: { rel: 1e-6, abs: 1e-5 } };

describe('softmaxMinusOneHot', async () => {
  const engines = await loadEngines();
  for (const backend of engines.all) {
    it(`${backend.variant}: rows of 1, 3, 5, 17, 33, 1000 against float64`, () => {
      for (const V of [1, 3, 5, 17, 33, 1000]) {
        const random = new Random(V), rows = 7;
        const x = random.normalArray(rows * V, 8), y = targets(random, rows, V);
        const want = reference(x, rows, V, y);
        for (const inPlace of [false, true]) {
          const got = run(backend, x, rows, V, y, inPlace);
          const label = `${backend.variant} V=${V}${inPlace ? ' in place' : ''}`;
          expectClose(got.Y, want.Y, tolerance.Y, `${label} Y`);
          expectClose(got.logp, want.logp, tolerance.logp, `${label} logp`);
        }
      }
    });
    it(`${backend.variant}: logits of 1e4 and -1e4 stay finite`, () => {
      const V = 9, rows = 3;
      const x = new Float32Array(rows * V).map((_, i) => (i % 2 === 0 ? 1e4 : -1e4));
      const y = Int32Array.of(0, 1, -1);
      const got = run(backend, x, rows, V, y, false);
      expect(got.Y.every(Number.isFinite) && got.logp.every(Number.isFinite)).toBe(true);
      const want = reference(x, rows, V, y);
      expectClose(got.Y, want.Y, tolerance.Y, `${backend.variant} extreme Y`);
      expectClose(got.logp, want.logp, tolerance.logp, `${backend.variant} extreme logp`);
    });
  }

  it('relaxed and plain SIMD agree within float32 rounding', () => {
    const random = new Random(3), rows = 5, V = 1000;
    const x = random.normalArray(rows * V, 8), y = targets(random, rows, V);
    const relaxed = run(engines.relaxed, x, rows, V, y, false), plain = run(engines.simd, x, rows, V, y, false);
    expectClose(relaxed.Y, plain.Y, tolerance.Y, 'relaxed vs simd Y');
    expectClose(relaxed.logp, plain.logp, tolerance.logp, 'relaxed vs simd logp');
  });
});
