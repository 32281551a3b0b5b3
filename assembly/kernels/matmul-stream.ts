// GEMM with few rows (M <= STREAM_ROWS = 8). Each element of op(B) is used only M times, so the
// product is bound by reading op(B) once; packing it would add a second full pass. op(B) is
// therefore read in place:
//   nn, tn: C[i,:] = beta C[i,:] + alpha sum_k op(A)[i,k] B[k,:] with B [K x N]: four rows of B
//           at a time, in column chunks that stay in L1 while every row of C takes them.
//   nt:     C[i,j] = beta C[i,j] + alpha A[i,:] . B[j,:] with B [N x K]: four rows of B at a
//           time, each dotted with every row of A (A [M x K] is small and stays in cache).
// op(A)[i,k] is A[i*K + k] (nn, nt) or A[k*M + i] when A is stored transposed (tn).
import { madd } from './simd';

/**
 * The largest M that takes this path. Measured on 20000 x 512 operands, it beat packing up to
 * M = 8 (5-8 rows: 34-36 against 24-26 GFLOP/s with FMA) and lost from M = 12-16 on.
 */
export const STREAM_ROWS = 8;

/** Scratch for the lanes of a partial group of dots. */
const lanes = memory.data(16, 16);

/** Columns per pass: four rows of B x 4 KB stay in L1 while every row of C takes them. */
const CHUNK = 1024;

/** c[0..n) *= beta; beta = 0 writes zeros without reading c (which may hold NaN). */
export function scale(c: usize, n: usize, beta: f32): void {
  if (beta == 0) {
    memory.fill(c, 0, n << 2);
    return;
  }
  const betaV = f32x4.splat(beta);
  const end = c + (n << 2);
  let p = c;
  for (; p + 16 <= end; p += 16) v128.store(p, f32x4.mul(v128.load(p), betaV));
  for (; p < end; p += 4) store<f32>(p, load<f32>(p) * beta);
}

/** c[0..n) += x0 b[0..n) + x1 b'[0..n) + x2 b''[0..n) + x3 b'''[0..n), the four b rows ld bytes apart. */
function addFourRows(c: usize, b: usize, ld: usize, n: i32, x0: f32, x1: f32, x2: f32, x3: f32): void {
  const v0 = f32x4.splat(x0), v1 = f32x4.splat(x1), v2 = f32x4.splat(x2), v3 = f32x4.splat(x3);
  const b1 = b + ld, b2 = b1 + ld, b3 = b2 + ld;
  const vectorEnd = <usize>(n & ~3) << 2, end = <usize>n << 2;
  let o: usize = 0;
  for (; o < vectorEnd; o += 16) {
    let s = madd(v0, v128.load(b + o), v128.load(c + o));
    s = madd(v1, v128.load(b1 + o), s);
    s = madd(v2, v128.load(b2 + o), s);
    v128.store(c + o, madd(v3, v128.load(b3 + o), s));
  }
  for (; o < end; o += 4) {
    const s = load<f32>(c + o) + x0 * load<f32>(b + o) + x1 * load<f32>(b1 + o)
      + x2 * load<f32>(b2 + o) + x3 * load<f32>(b3 + o);
    store<f32>(c + o, s);
  }
}

/** c[0..n) += x b[0..n). */
function addRow(c: usize, b: usize, n: i32, x: f32): void {
  const v = f32x4.splat(x);
  const vectorEnd = <usize>(n & ~3) << 2, end = <usize>n << 2;
  let o: usize = 0;
  for (; o < vectorEnd; o += 16) v128.store(c + o, madd(v, v128.load(b + o), v128.load(c + o)));
  for (; o < end; o += 4) store<f32>(c + o, load<f32>(c + o) + x * load<f32>(b + o));
}

/** C [M x N] = alpha op(A) B + beta C for B [K x N] (nn, or tn when A is stored [K x M]). */
export function streamRows(transposed: bool, M: i32, N: i32, K: i32, alpha: f32, A: usize, B: usize, beta: f32, C: usize): void {
  scale(C, <usize>M * <usize>N, beta);
  const ld = <usize>N << 2;
  // op(A)[i,k] sits at A + (i * rowStep + k * depthStep) floats.
  const rowStep: usize = transposed ? 1 : <usize>K, depthStep: usize = transposed ? <usize>M : 1;
  let k = 0;
  for (; k + 4 <= K; k += 4) {
    const b = B + <usize>k * ld;
    for (let j = 0; j < N; j += CHUNK) {
      const n = min(CHUNK, N - j);
      for (let i = 0; i < M; i++) {
        const a = A + ((<usize>i * rowStep + <usize>k * depthStep) << 2), step = depthStep << 2;
        addFourRows(C + <usize>i * ld + (<usize>j << 2), b + (<usize>j << 2), ld, n,
          alpha * load<f32>(a), alpha * load<f32>(a + step), alpha * load<f32>(a + 2 * step), alpha * load<f32>(a + 3 * step));
      }
    }
  }
  for (; k < K; k++) {
    for (let i = 0; i < M; i++) {
      addRow(C + <usize>i * ld, B + <usize>k * ld, N, alpha * load<f32>(A + ((<usize>i * rowStep + <usize>k * depthStep) << 2)));
    }
  }
}

/** [a . b0, a . b1, a . b2, a . b3] over K floats. */
function fourDots(a: usize, b0: usize, b1: usize, b2: usize, b3: usize, K: i32): v128 {
  let s0 = f32x4.splat(0), s1 = f32x4.splat(0), s2 = f32x4.splat(0), s3 = f32x4.splat(0);
  const vectorEnd = <usize>(K & ~3) << 2, end = <usize>K << 2;
  let o: usize = 0;
  for (; o < vectorEnd; o += 16) {
    const x = v128.load(a + o);
    s0 = madd(x, v128.load(b0 + o), s0);
    s1 = madd(x, v128.load(b1 + o), s1);
    s2 = madd(x, v128.load(b2 + o), s2);
    s3 = madd(x, v128.load(b3 + o), s3);
  }
  // Lane t of the result is the sum of the lanes of s_t.
  const low01 = f32x4.add(v128.shuffle<f32>(s0, s1, 0, 4, 1, 5), v128.shuffle<f32>(s0, s1, 2, 6, 3, 7));
  const low23 = f32x4.add(v128.shuffle<f32>(s2, s3, 0, 4, 1, 5), v128.shuffle<f32>(s2, s3, 2, 6, 3, 7));
  let sums = f32x4.add(v128.shuffle<f32>(low01, low23, 0, 1, 4, 5), v128.shuffle<f32>(low01, low23, 2, 3, 6, 7));
  for (; o < end; o += 4) {
    const column = f32x4.replace_lane(f32x4.replace_lane(f32x4.replace_lane(
      f32x4.splat(load<f32>(b0 + o)), 1, load<f32>(b1 + o)), 2, load<f32>(b2 + o)), 3, load<f32>(b3 + o));
    sums = madd(f32x4.splat(load<f32>(a + o)), column, sums);
  }
  return sums;
}

/** C [M x N] = alpha A B^T + beta C for A [M x K], B [N x K]. */
export function streamDots(M: i32, N: i32, K: i32, alpha: f32, A: usize, B: usize, beta: f32, C: usize): void {
  const ldk = <usize>K << 2, ldc = <usize>N << 2;
  const alphaV = f32x4.splat(alpha), betaV = f32x4.splat(beta);
  for (let j = 0; j < N; j += 4) {
    const count = min(4, N - j);
    // Past the last row of B, repeat it: the extra dots are computed and dropped.
    const b0 = B + <usize>j * ldk;
    const b1 = B + <usize>min(j + 1, N - 1) * ldk, b2 = B + <usize>min(j + 2, N - 1) * ldk, b3 = B + <usize>min(j + 3, N - 1) * ldk;
    for (let i = 0; i < M; i++) {
      const value = f32x4.mul(alphaV, fourDots(A + <usize>i * ldk, b0, b1, b2, b3, K));
      const c = C + <usize>i * ldc + (<usize>j << 2);
      if (count == 4) {
        v128.store(c, beta == 0 ? value : madd(betaV, v128.load(c), value));
      } else {
        v128.store(lanes, value);
        for (let t = 0; t < count; t++) {
          const o = <usize>t << 2;
          store<f32>(c + o, beta == 0 ? load<f32>(lanes + o) : load<f32>(lanes + o) + beta * load<f32>(c + o));
        }
      }
    }
  }
}
