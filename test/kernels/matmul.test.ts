// GEMM in all three layouts against a float64 reference, on the Wasm variants and the JS twin.
import { describe, expect, it } from 'vitest';
import type { Backend, Layout } from '../../src/backend/index.js';
import { expectClose, loadEngines, Random } from '../helpers.js';

/** C = alpha op(A) op(B) + beta C in float64, plus the magnitude sum |alpha| sum_k |a b| + |beta c| per element. */
function reference(layout: Layout, M: number, N: number, K: number, alpha: number, A: Float32Array, B: Float32Array,
  beta: number, C: Float32Array): { value: Float64Array; magnitude: Float64Array } {
  const value = new Float64Array(M * N), magnitude = new Float64Array(M * N);
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      let s = 0, m = 0;
      for (let k = 0; k < K; k++) {
        const a = layout === 'tn' ? A[k * M + i]! : A[i * K + k]!;
        const b = layout === 'nt' ? B[j * K + k]! : B[k * N + j]!;
        s += a * b; m += Math.abs(a * b);
      }
      const c = beta === 0 ? 0 : beta * C[i * N + j]!;
      value[i * N + j] = alpha * s + c;
      magnitude[i * N + j] = Math.abs(alpha) * m + Math.abs(c);
    }
  }
  return { value, magnitude };
}

function check(backend: Backend, layout: Layout, M: number, N: number, K: number, alpha: number, beta: number, seed: number): void {
  const random = new Random(seed);
  const a = random.normalArray(M * K), b = random.normalArray(K * N), c = random.normalArray(M * N);
  if (beta === 0) c.fill(NaN); // beta = 0 must overwrite, never read, C
  const { value, magnitude } = reference(layout, M, N, K, alpha, a, b, beta, c);
  const A = backend.float32(M * K, a), B = backend.float32(K * N, b), C = backend.float32(M * N, c);
  backend.gemm(layout, M, N, K, alpha, A, B, beta, C);
  const got = C.view();
  // Error allowed: a few float32 roundings per term, relative to the magnitude of the sum.
  const bound = new Float64Array(M * N);
  for (let i = 0; i < M * N; i++) bound[i] = 4e-6 * Math.sqrt(K + 1) * magnitude[i]! + 1e-30;
  for (let i = 0; i < M * N; i++) {
    if (!(Math.abs(got[i]! - value[i]!) <= bound[i]!)) {
      throw new Error(`${backend.variant} ${layout} ${M}x${N}x${K}: C[${Math.floor(i / N)},${i % N}] = ${got[i]}, expected ${value[i]} (|diff| ${Math.abs(got[i]! - value[i]!)}, allowed ${bound[i]})`);
    }
  }
  for (const block of [A, B, C]) backend.free(block);
}

const odd = [1, 3, 5, 17, 33];
const larger: Array<[number, number, number]> = [
  [1000, 5, 17], [33, 1000, 17], [17, 33, 1000], [2, 1000, 300], [4, 517, 129], [130, 70, 300], [67, 259, 261],
];

// Shapes at the edges of the Wasm kernel's blocking (assembly/kernels/matmul*.ts): tiles of
// MR = 6 (relaxed) or 5 (plain) rows by NR = 8 columns, depth blocks of KC = 512, row blocks of
// MC = 20 * MR, column blocks of NC = 4096, each one below, at and above the edge.
const tileEdges: Array<[number, number, number]> = [
  [9, 8, 3], [11, 7, 2], [12, 16, 9], [13, 17, 1], [10, 15, 8], [18, 24, 33], [19, 9, 4], [25, 31, 6],
];
const blockEdges: Array<[number, number, number]> = [
  [9, 9, 511], [9, 9, 512], [9, 9, 513], [7, 11, 1025], [13, 17, 1537],
  [99, 9, 7], [100, 9, 7], [101, 9, 7], [119, 9, 7], [120, 9, 7], [121, 9, 7], [241, 17, 513],
  [7, 4095, 3], [7, 4096, 3], [7, 4097, 3], [13, 8193, 5], [121, 4097, 9],
];
// The few-row path (M <= 8) streams B in chunks of 1024 columns, four depth steps at a time.
const fewRows: Array<[number, number, number]> = [];
for (const M of [1, 2, 3, 4, 5, 8]) {
  for (const [N, K] of [[1, 1], [3, 4], [5, 3], [8, 9], [1023, 5], [1024, 8], [1025, 7], [2049, 13], [37, 515]]) fewRows.push([M, N!, K!]);
}

describe('gemm', async () => {
  const engines = await loadEngines();
  for (const backend of engines.all) {
    for (const layout of ['nn', 'nt', 'tn'] as const) {
      it(`${backend.variant} ${layout}: every combination of odd sizes`, () => {
        let seed = 1;
        for (const M of odd) for (const N of odd) for (const K of odd) check(backend, layout, M, N, K, 1, 0, seed++);
      });
      it(`${backend.variant} ${layout}: larger ragged shapes`, () => {
        for (const [M, N, K] of larger) check(backend, layout, M, N, K, 1, 0, M + N + K);
      });
      it(`${backend.variant} ${layout}: accumulate C = alpha AB + beta C`, () => {
        check(backend, layout, 17, 33, 5, 0.5, -2, 7);
        check(backend, layout, 3, 129, 64, -1.5, 1, 8);
        check(backend, layout, 70, 70, 70, 2, 0.25, 9);
        check(backend, layout, 13, 17, 1025, 1, 1, 10);
        check(backend, layout, 13, 17, 1025, -0.5, 0.5, 11);
      });
      it(`${backend.variant} ${layout}: tile and block edges`, () => {
        for (const [M, N, K] of [...tileEdges, ...blockEdges]) check(backend, layout, M, N, K, 1, 0, M * 7 + N * 3 + K);
      });
      it(`${backend.variant} ${layout}: few rows (M = 1..8)`, () => {
        for (const [M, N, K] of fewRows) check(backend, layout, M, N, K, 1, 0, M + N + K);
        for (const M of [1, 2, 3, 4, 6, 7, 8]) {
          check(backend, layout, M, 1025, 9, 0.75, 1, 20 + M);
          check(backend, layout, M, 7, 6, -2, 0.5, 30 + M);
        }
      });
    }
  }

  it('K = 0 leaves beta * C', () => {
    for (const backend of engines.all) {
      const C = backend.float32(4, [1, 2, 3, 4]);
      backend.gemm('nn', 2, 2, 0, 1, backend.float32(0), backend.float32(0), 3, C);
      expectClose(C.view(), [3, 6, 9, 12], { abs: 0 }, backend.variant);
    }
  });

  it('relaxed and plain SIMD agree within float32 rounding', () => {
    const random = new Random(42);
    const M = 37, N = 45, K = 300;
    const a = random.normalArray(M * K), b = random.normalArray(K * N);
    const results = [engines.relaxed, engines.simd].map((backend) => {
      const C = backend.float32(M * N);
      backend.gemm('nn', M, N, K, 1, backend.float32(M * K, a), backend.float32(K * N, b), 0, C);
      return Float32Array.from(C.view());
    });
    expectClose(results[0]!, results[1]!, { abs: 1e-4 * Math.sqrt(K) }, 'relaxed vs simd');
    expect(results[0]!.some((x, i) => x !== results[1]![i])).toBe(true); // really two different binaries
  });
});
