// The register-blocked micro-kernel: tile [MR x NR] = Ap * Bp over kc steps, where
//   Ap [kc][MR] is a packed sliver of op(A) (MR rows, k-major) and
//   Bp [kc][NR] is a packed sliver of op(B) (NR columns, k-major),
// so step k reads NR/4 vectors of Bp and MR broadcasts of Ap and does MR * NR/4 multiply-adds.
// The tile lives in registers: V8 on x64 gives a loop about 15 xmm registers, and the
// accumulators (MR * NR/4), the B vectors (NR/4), one broadcast and, without FMA, one product
// must fit, or a spill costs a third of the speed. 6x8 takes 15 with FMA; 5x8 takes 14 with
// mul + add. On L1-resident slivers (Sapphire Rapids, Node 20) 6x8 FMA ran 64 GFLOP/s, near the
// 128-bit peak, and 5x8 mul + add 46 (3x12 and a once-spilling 6x8 ran the same in mul + add).
import { madd } from './simd';

/** Rows of a tile: 6 with fused multiply-add (relaxed build), 5 with mul + add. */
export const MR: i32 = ASC_FEATURE_RELAXED_SIMD ? 6 : 5;
/** Columns of a tile. */
export const NR: i32 = 8;

// V8 (11.3) compiles the k loop well only while nothing but pointers is live across it: a float
// constant used after the loop (alpha, beta) or a flag argument made it issue all MR
// broadcasts ahead of the multiply-adds and spill four accumulators to the stack (-35%). So the
// kernel only overwrites C; alpha is folded into Ap by the packing, and adding to C (beta != 0,
// later depth blocks) goes through a scratch tile and mergeTile.

/** C[MR x NR] = Ap [kc][MR] * Bp [kc][NR]; C rows are ldc bytes apart. */
// @ts-ignore: decorator
@inline export function microKernel(kc: i32, a: usize, b: usize, c: usize, ldc: usize): void {
  if (ASC_FEATURE_RELAXED_SIMD) kernel6x8(kc, a, b, c, ldc);
  else kernel5x8(kc, a, b, c, ldc);
}

/** C[r, j] = tile[r, j] (+ C[r, j] when accumulate) for r < rows, j < cols; tile rows are NR floats apart. */
export function mergeTile(tile: usize, c: usize, ldc: usize, rows: i32, cols: i32, accumulate: bool): void {
  for (let r = 0; r < rows; r++) {
    const from = tile + <usize>(r * NR) * 4, to = c + <usize>r * ldc;
    let j = 0;
    if (accumulate) {
      for (; j + 4 <= cols; j += 4) {
        const o = <usize>j << 2;
        v128.store(to + o, f32x4.add(v128.load(to + o), v128.load(from + o)));
      }
      for (; j < cols; j++) {
        const o = <usize>j << 2;
        store<f32>(to + o, load<f32>(to + o) + load<f32>(from + o));
      }
    } else {
      for (; j + 4 <= cols; j += 4) v128.store(to + (<usize>j << 2), v128.load(from + (<usize>j << 2)));
      for (; j < cols; j++) store<f32>(to + (<usize>j << 2), load<f32>(from + (<usize>j << 2)));
    }
  }
}

function kernel6x8(kc: i32, a: usize, b: usize, c: usize, ldc: usize): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0), c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  let c40 = f32x4.splat(0), c41 = f32x4.splat(0), c50 = f32x4.splat(0), c51 = f32x4.splat(0);
  const end = b + (<usize>kc << 5);
  while (b < end) {
    const b0 = v128.load(b), b1 = v128.load(b, 16);
    let s = v128.load32_splat(a);
    c00 = madd(s, b0, c00); c01 = madd(s, b1, c01);
    s = v128.load32_splat(a, 4);
    c10 = madd(s, b0, c10); c11 = madd(s, b1, c11);
    s = v128.load32_splat(a, 8);
    c20 = madd(s, b0, c20); c21 = madd(s, b1, c21);
    s = v128.load32_splat(a, 12);
    c30 = madd(s, b0, c30); c31 = madd(s, b1, c31);
    s = v128.load32_splat(a, 16);
    c40 = madd(s, b0, c40); c41 = madd(s, b1, c41);
    s = v128.load32_splat(a, 20);
    c50 = madd(s, b0, c50); c51 = madd(s, b1, c51);
    a += 24; b += 32;
  }
  v128.store(c, c00); v128.store(c, c01, 16);
  v128.store(c + 1 * ldc, c10); v128.store(c + 1 * ldc, c11, 16);
  v128.store(c + 2 * ldc, c20); v128.store(c + 2 * ldc, c21, 16);
  v128.store(c + 3 * ldc, c30); v128.store(c + 3 * ldc, c31, 16);
  v128.store(c + 4 * ldc, c40); v128.store(c + 4 * ldc, c41, 16);
  v128.store(c + 5 * ldc, c50); v128.store(c + 5 * ldc, c51, 16);
}

function kernel5x8(kc: i32, a: usize, b: usize, c: usize, ldc: usize): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0), c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  let c40 = f32x4.splat(0), c41 = f32x4.splat(0);
  const end = b + (<usize>kc << 5);
  while (b < end) {
    const b0 = v128.load(b), b1 = v128.load(b, 16);
    let s = v128.load32_splat(a);
    c00 = madd(s, b0, c00); c01 = madd(s, b1, c01);
    s = v128.load32_splat(a, 4);
    c10 = madd(s, b0, c10); c11 = madd(s, b1, c11);
    s = v128.load32_splat(a, 8);
    c20 = madd(s, b0, c20); c21 = madd(s, b1, c21);
    s = v128.load32_splat(a, 12);
    c30 = madd(s, b0, c30); c31 = madd(s, b1, c31);
    s = v128.load32_splat(a, 16);
    c40 = madd(s, b0, c40); c41 = madd(s, b1, c41);
    a += 20; b += 32;
  }
  v128.store(c, c00); v128.store(c, c01, 16);
  v128.store(c + 1 * ldc, c10); v128.store(c + 1 * ldc, c11, 16);
  v128.store(c + 2 * ldc, c20); v128.store(c + 2 * ldc, c21, 16);
  v128.store(c + 3 * ldc, c30); v128.store(c + 3 * ldc, c31, 16);
  v128.store(c + 4 * ldc, c40); v128.store(c + 4 * ldc, c41, 16);
}

