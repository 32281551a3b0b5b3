// Row softmax, log-softmax and log-sum-exp against a float64 reference on the Wasm variants
// and the JS twin, and the vectorised exp behind them checked on its own.
import { readFileSync } from 'node:fs';
import asc from 'assemblyscript/asc';
import { describe, expect, it } from 'vitest';
import type { Backend } from '../../src/backend/index.js';
import { expectClose, loadEngines, maxRelativeError, Random } from '../helpers.js';

const lengths = [1, 3, 5, 17, 33, 1000, 32768];

/** lse of each row in float64. */
function referenceLse(x: Float32Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    let m = -Infinity;
    for (let j = 0; j < cols; j++) m = Math.max(m, x[r * cols + j]!);
    let s = 0;
    for (let j = 0; j < cols; j++) s += Math.exp(x[r * cols + j]! - m);
    out[r] = m + Math.log(s);
  }
  return out;
}

/** Rows of logits: normal with a wide spread, so exps span many decades (and some underflow). */
function logits(random: Random, rows: number, cols: number): Float32Array {
  return random.normalArray(rows * cols, 12);
}

type RowKernel = 'softmaxRows' | 'logSoftmaxRows' | 'logSumExpRows';

function run(backend: Backend, kernel: RowKernel, x: Float32Array, rows: number, cols: number): Float32Array {
  const X = backend.float32(x.length, x);
  const out = backend.float32(kernel === 'logSumExpRows' ? rows : x.length);
  backend[kernel](X, rows, cols, out);
  const result = Float32Array.from(out.view());
  backend.free(X);
  backend.free(out);
  return result;
}

function expected(kernel: RowKernel, x: Float32Array, rows: number, cols: number): Float64Array {
  const lse = referenceLse(x, rows, cols);
  if (kernel === 'logSumExpRows') return lse;
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const shifted = x[i]! - lse[Math.floor(i / cols)]!;
    out[i] = kernel === 'softmaxRows' ? Math.exp(shifted) : shifted;
  }
  return out;
}

// softmax: a few float32 roundings plus the relative error of the row sum; log-softmax and lse:
// float32 rounding of values up to |x| ~ 60 plus the same relative error of the sum.
const tolerance: Record<RowKernel, { rel: number; abs: number }> = {
  softmaxRows: { rel: 1e-5, abs: 1e-30 },
  logSoftmaxRows: { rel: 1e-6, abs: 1e-5 },
  logSumExpRows: { rel: 1e-6, abs: 1e-5 },
};

const kernels: RowKernel[] = ['softmaxRows', 'logSoftmaxRows', 'logSumExpRows'];

describe('softmax rows', async () => {
  const engines = await loadEngines();
  for (const backend of engines.all) {
    for (const kernel of kernels) {
      it(`${backend.variant} ${kernel}: rows of ${lengths.join(', ')} against float64`, () => {
        for (const cols of lengths) {
          const rows = cols > 1000 ? 2 : 5;
          const x = logits(new Random(cols), rows, cols);
          expectClose(run(backend, kernel, x, rows, cols), expected(kernel, x, rows, cols), tolerance[kernel], `${backend.variant} ${kernel} cols=${cols}`);
        }
      });
      it(`${backend.variant} ${kernel}: logits of 1e4 and -1e4 in one row stay finite`, () => {
        const cols = 37;
        const x = new Float32Array(2 * cols).map((_, i) => (i % 3 === 0 ? 1e4 : i % 3 === 1 ? -1e4 : 0));
        const got = run(backend, kernel, x, 2, cols);
        expect(got.every(Number.isFinite)).toBe(true);
        expectClose(got, expected(kernel, x, 2, cols), tolerance[kernel], `${backend.variant} ${kernel} extreme`);
      });
    }
    it(`${backend.variant} softmaxRows: in place (Y = X)`, () => {
      const rows = 3, cols = 33;
      const x = logits(new Random(5), rows, cols);
      const X = backend.float32(x.length, x);
      backend.softmaxRows(X, rows, cols, X);
      expectClose(X.view(), expected('softmaxRows', x, rows, cols), tolerance.softmaxRows, `${backend.variant} in place`);
      backend.free(X);
    });
  }

  it('relaxed and plain SIMD agree within float32 rounding', () => {
    for (const kernel of kernels) {
      const rows = 4, cols = 1000;
      const x = logits(new Random(11), rows, cols);
      const relaxed = run(engines.relaxed, kernel, x, rows, cols);
      const plain = run(engines.simd, kernel, x, rows, cols);
      expectClose(relaxed, plain, tolerance[kernel], `${kernel} relaxed vs simd`);
    }
  });
});

/** The core's exp (assembly/kernels/exp.ts) compiled on its own behind a row loop. */
async function compileExp(relaxed: boolean): Promise<(x: Float32Array) => Float32Array> {
  const read = (path: string): string => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
  const sources = {
    'probe.ts': `import { expV } from './assembly/kernels/exp';
export function expRow(x: usize, n: i32, y: usize): void {
  for (let i = 0; i < n; i += 4) v128.store(y + (<usize>i << 2), expV(v128.load(x + (<usize>i << 2))));
}`,
    'assembly/kernels/exp.ts': read('assembly/kernels/exp.ts'),
    'assembly/kernels/simd.ts': read('assembly/kernels/simd.ts'),
  };
  const result = await asc.compileString(sources, { runtime: 'stub', optimizeLevel: 3, enable: relaxed ? ['simd', 'relaxed-simd'] : ['simd'] });
  if (result.error || !result.binary) throw new Error(`cannot compile the exp probe: ${result.stderr.toString()}`);
  const { instance } = await WebAssembly.instantiate(result.binary, { env: { abort: () => { throw new Error('abort'); } } });
  const { memory, expRow } = instance.exports as { memory: WebAssembly.Memory; expRow(x: number, n: number, y: number): void };
  return (x) => {
    const n = Math.ceil(x.length / 4) * 4;
    const base = memory.grow(Math.ceil((8 * n) / 65536)) * 65536;
    new Float32Array(memory.buffer, base, x.length).set(x);
    expRow(base, n, base + 4 * n);
    return Float32Array.from(new Float32Array(memory.buffer, base + 4 * n, x.length));
  };
}

describe('vectorised exp', async () => {
  await loadEngines(); // turns on relaxed SIMD in Node 20
  for (const relaxed of [true, false]) {
    const exp = await compileExp(relaxed);
    const variant = relaxed ? 'relaxed-simd' : 'simd';
    it(`${variant}: max relative error <= 1e-6 over [-87, 88]`, () => {
      const count = 1_750_001;
      const x = new Float32Array(count).map((_, i) => -87 + (175 * i) / (count - 1));
      const got = exp(x);
      const reference = Float64Array.from(x, Math.exp);
      const worst = maxRelativeError(got, reference);
      expect(worst, `worst relative error ${worst}`).toBeLessThanOrEqual(1e-6);
    });
    it(`${variant}: exp(0) = 1, underflow gives 0, NaN stays NaN`, () => {
      const got = exp(Float32Array.of(0, -87.5, -1e4, -Infinity, NaN));
      expect(Array.from(got.subarray(0, 4))).toEqual([1, 0, 0, 0]);
      expect(got[4]).toBeNaN();
    });
  }
});
