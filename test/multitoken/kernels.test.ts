// The five kernels of the multi-token path against float64 references, on both Wasm builds
// and the JS twin: per-pair margins and gradient factors (every loss, with and without the SFT
// term, pairs spread over calls), row scaling on odd shapes, reward sums, and the counts.
import { describe, expect, it } from 'vitest';
import { LOSSES, type Backend } from '../../src/backend/index.js';
import { lossValue, lossWeight } from '../../src/backend/js/objective.js';
import { expectClose, loadEngines, Random } from '../helpers.js';

interface Rows { rows: number; pairs: number; pair: Int32Array; position: Int32Array; sign: Float32Array; logp: Float32Array; logp0: Float32Array }

/** `pairs` pairs of 1 to 7 rows each, signs +-1 (and 0 when `shared`), log-probabilities in (-9, 0). */
function makeRows(seed: number, pairs: number, shared = false): Rows {
  const random = new Random(seed);
  const pair: number[] = [], position: number[] = [], sign: number[] = [];
  for (let p = 0; p < pairs; p++) {
    const count = 1 + random.int(7);
    for (let j = 0; j < count; j++) {
      pair.push(p);
      position.push(j);
      sign.push(shared && random.uniform() < 0.3 ? 0 : random.uniform() < 0.5 ? 1 : -1);
    }
  }
  const rows = pair.length;
  const logp = Float32Array.from({ length: rows }, () => -9 * random.uniform());
  const logp0 = Float32Array.from({ length: rows }, () => -9 * random.uniform());
  return { rows, pairs, pair: Int32Array.from(pair), position: Int32Array.from(position), sign: Float32Array.from(sign), logp, logp0 };
}

describe('multi-token kernels', async () => {
  const engines = await loadEngines();
  for (const backend of engines.all) {
    const blocks = (r: Rows) => ({
      pair: backend.int32(r.rows, r.pair), sign: backend.float32(r.rows, r.sign),
      logp: backend.float32(r.rows, r.logp), logp0: backend.float32(r.rows, r.logp0),
    });

    for (const loss of LOSSES) {
      it(`${backend.variant} sequenceWeights ${loss}: margins, weights and loss match float64, also over several calls`, () => {
        const r = makeRows(3, 40), beta = 0.7, eps = 0.15, scale = 1 / 40, alpha = 0.3;
        const margins64 = new Float64Array(r.pairs), weights64 = new Float64Array(r.rows);
        let total64 = 0;
        for (let p = 0; p < r.pairs; p++) {
          let sum = 0;
          for (let row = 0; row < r.rows; row++) if (r.pair[row] === p) sum += r.sign[row]! * (r.logp[row]! - r.logp0[row]!);
          margins64[p] = beta * sum;
          total64 += lossValue(loss, beta * sum, beta, eps);
        }
        for (let row = 0; row < r.rows; row++) {
          const s = r.sign[row]!;
          weights64[row] = scale * (beta * s * lossWeight(loss, margins64[r.pair[row]!]!, beta, eps) + (s > 0 ? alpha : 0));
        }
        const b = blocks(r), margins = backend.float32(r.pairs), weight = backend.float32(r.rows);
        const total = backend.sequenceWeights({ rows: r.rows, ...b, loss, beta, eps, scale, alpha, margins, weight });
        expect(Math.abs(total - total64)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(total64)));
        expectClose(margins.view(), margins64, { rel: 1e-6, abs: 1e-6 }, `${loss} margins`);
        expectClose(weight.view(), weights64, { rel: 1e-5, abs: 1e-7 }, `${loss} weights`);

        // The same rows in two calls split at a pair boundary, and margins only.
        const split = r.pair.indexOf(17);
        const margins2 = backend.float32(r.pairs);
        let total2 = 0;
        for (const [start, rows] of [[0, split], [split, r.rows - split]] as const) {
          total2 += backend.sequenceWeights({
            rows, pair: b.pair.slice(start, rows), sign: b.sign.slice(start, rows), logp: b.logp.slice(start, rows),
            logp0: b.logp0.slice(start, rows), loss, beta, eps, scale, alpha, margins: margins2, weight: null,
          });
        }
        expect(Math.abs(total2 - total)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(total)));
        expectClose(margins2.view(), margins.view(), { abs: 0 }, `${loss} margins over two calls`);
      });
    }

    it(`${backend.variant} scaleRows: odd shapes, in place and out of place`, () => {
      const random = new Random(9);
      for (const [rows, cols] of [[1, 1], [3, 3], [5, 4], [2, 7], [9, 17], [4, 256]] as const) {
        const x = random.normalArray(rows * cols), c = random.normalArray(rows);
        const expected = Float64Array.from(x, (value, k) => value * c[Math.floor(k / cols)]!);
        const X = backend.float32(rows * cols, x), C = backend.float32(rows, c), out = backend.float32(rows * cols);
        backend.scaleRows(X, rows, cols, C, out);
        expectClose(out.view(), expected, { rel: 1e-7 }, `${rows}x${cols}`);
        backend.scaleRows(X, rows, cols, C, X);
        expectClose(X.view(), expected, { rel: 1e-7 }, `${rows}x${cols} in place`);
      }
    });

    it(`${backend.variant} sequenceRewards: per-pair and per-position sums, shared rows counted for both, accumulated`, () => {
      const r = makeRows(5, 30, true), beta = 1.3, L = 7;
      const start = (n: number, value: number) => backend.float32(n, new Float32Array(n).fill(value));
      const out = {
        chosen: start(r.pairs, 1), rejected: start(r.pairs, 1), logpsChosen: start(r.pairs, 1), logpsRejected: start(r.pairs, 1),
        positionChosen: start(L, 2), positionRejected: start(L, 2),
      };
      const expected = {
        chosen: new Float64Array(r.pairs).fill(1), rejected: new Float64Array(r.pairs).fill(1),
        logpsChosen: new Float64Array(r.pairs).fill(1), logpsRejected: new Float64Array(r.pairs).fill(1),
        positionChosen: new Float64Array(L).fill(2), positionRejected: new Float64Array(L).fill(2),
      };
      for (let row = 0; row < r.rows; row++) {
        const p = r.pair[row]!, j = r.position[row]!, s = r.sign[row]!, rho = beta * (r.logp[row]! - r.logp0[row]!);
        if (s >= 0) { expected.chosen[p]! += rho; expected.logpsChosen[p]! += r.logp[row]!; expected.positionChosen[j]! += rho; }
        if (s <= 0) { expected.rejected[p]! += rho; expected.logpsRejected[p]! += r.logp[row]!; expected.positionRejected[j]! += rho; }
      }
      backend.sequenceRewards({ rows: r.rows, ...blocks(r), position: backend.int32(r.rows, r.position), beta, ...out });
      for (const name of Object.keys(out) as Array<keyof typeof out>) {
        expectClose(out[name].view(), expected[name], { rel: 1e-5, abs: 1e-5 }, name);
      }
    });

    it(`${backend.variant} sequenceSummary and reversedPairs: sums and counts, ties excluded`, () => {
      const chosen = [-1, -0.5, 0, 2, -3, 0.25], rejected = [-2, 1, -1, -1, -0.5, 0];
      const logpsChosen = [-3, -4, -5, -1, -2, -2], logpsRejected = [-4, -4, -6, -2, -1, -3];
      const block = (values: number[]) => backend.float32(values.length, values);
      const summary = backend.sequenceSummary(6, block(chosen), block(rejected), block(logpsChosen), block(logpsRejected));
      expect(summary).toEqual({ chosen: -2.25, rejected: -3.5, logpsChosen: -17, logpsRejected: -20, ranked: 4, displaced: 2 });
      const threshold = Math.log(3) / 0.5;
      const reference = [-3, -2, -2.5, 0.5, -threshold, -10], current = [1, -1, 0, 2, 5, 0.1];
      // -2.5, -3 and -10 are below -2.197; -threshold itself is not; of those, current > 0 at -3 and -10.
      expect(backend.reversedPairs(block(reference), block(current), 6, threshold)).toEqual({ reversed: 3, flipped: 2 });
    });
  }

  it('kernels refuse short blocks', () => {
    const backend: Backend = engines.js;
    const r = makeRows(1, 3);
    const b = { pair: backend.int32(r.rows, r.pair), sign: backend.float32(r.rows - 1), logp: backend.float32(r.rows), logp0: backend.float32(r.rows) };
    expect(() => backend.sequenceWeights({ rows: r.rows, ...b, loss: 'dpo', beta: 1, eps: 0, scale: 1, alpha: 0, margins: backend.float32(3), weight: null }))
      .toThrow(new RegExp(`sequenceWeights: sign holds ${r.rows - 1} elements but rows=${r.rows} needs ${r.rows}`));
    expect(() => backend.scaleRows(backend.float32(6), 2, 3, backend.float32(1), backend.float32(6))).toThrow(/scaleRows: c holds 1 elements but rows=2 needs 2/);
    expect(() => backend.reversedPairs(backend.float32(2), backend.float32(3), 3, 1)).toThrow(/reversedPairs: reference holds 2 elements but n=3 needs 3/);
  });
});
