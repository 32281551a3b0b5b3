// GEMM on row-major f32 matrices: C [M x N] = alpha * op(A) * op(B) + beta * C.
//   nn: A [M x K], B [K x N]      nt: A [M x K], B [N x K]      tn: A [K x M], B [K x N]
// beta = 0 overwrites C without reading it, so C may hold garbage, even NaN.
//
// Few rows (M <= 8) are bound by reading op(B) and stream it in place (matmul-stream.ts).
// Everything else runs the blocked path: op(B) is cut into [KC x NC] blocks and op(A) into
// [MC x KC] blocks, each packed into micro-kernel slivers (matmul-pack.ts); a packed B sliver
// (KC x NR, 16 KB) stays in L1 while the micro-kernel (matmul-micro.ts) sweeps the packed A
// block (MC x KC, up to 240 KB, in L2) beneath it. KC 256-512 and MC 10-40 x MR ran within a
// few percent; KC = 512 lets the common depths (K <= 512) run in one block, so C is written
// once instead of being added to.
import { MR, NR, microKernel, mergeTile } from './matmul-micro';
import { packA, packB } from './matmul-pack';
import { STREAM_ROWS, scale, streamDots, streamRows } from './matmul-stream';
import { Workspace } from './workspace';

/** Layout codes, in the order of the host's LAYOUTS. */
export const NN = 0;
export const NT = 1;
export const TN = 2;

const KC = 512;
const MC = 20 * MR;
const NC = 512 * NR;

/** A tile to be added to C, or an edge tile (fewer than MR rows or NR columns left). */
const tile = memory.data(MR * NR * 4, 16);

/** Packed blocks of A and B. */
const workspace = new Workspace();

/** C = alpha * op(A) * op(B) + beta * C for the layout code (see the top of this file). */
export function gemm(layout: i32, M: i32, N: i32, K: i32, alpha: f32, A: usize, B: usize, beta: f32, C: usize): void {
  if (M <= 0 || N <= 0) return;
  if (K <= 0) {
    scale(C, <usize>M * <usize>N, beta);
    return;
  }
  if (M <= STREAM_ROWS) {
    if (layout == NT) streamDots(M, N, K, alpha, A, B, beta, C);
    else streamRows(layout == TN, M, N, K, alpha, A, B, beta, C);
    return;
  }
  // Equal depth blocks: K = 513 runs as 257 + 256, not 512 + 1.
  const kcMax = (K + (K + KC - 1) / KC - 1) / ((K + KC - 1) / KC);
  const mcMax = min(MC, (M + MR - 1) / MR * MR);
  const ncMax = min(NC, (N + NR - 1) / NR * NR);
  const bytesA = <usize>mcMax * <usize>kcMax * 4;
  const packedA = workspace.reserve(bytesA + <usize>ncMax * <usize>kcMax * 4);
  const packedB = packedA + bytesA;
  const ldc = <usize>N << 2;
  // beta = 0: the first depth block overwrites C; beta = 1: every block adds; otherwise C is
  // scaled once here and then added to.
  if (beta != 0 && beta != 1) scale(C, <usize>M * <usize>N, beta);
  for (let j0 = 0; j0 < N; j0 += NC) {
    const nc = min(NC, N - j0);
    for (let p0 = 0; p0 < K; p0 += kcMax) {
      const kc = min(kcMax, K - p0);
      const accumulate = p0 > 0 || beta != 0;
      packB(layout == NT, B, N, K, p0, kc, j0, nc, packedB);
      for (let i0 = 0; i0 < M; i0 += MC) {
        const mc = min(MC, M - i0);
        packA(layout == TN, A, M, K, i0, mc, p0, kc, alpha, packedA);
        for (let j = 0; j < nc; j += NR) {
          const b = packedB + <usize>j * <usize>kc * 4;
          const cols = min(NR, nc - j);
          for (let i = 0; i < mc; i += MR) {
            const a = packedA + <usize>i * <usize>kc * 4;
            const c = C + <usize>(i0 + i) * ldc + (<usize>(j0 + j) << 2);
            const rows = min(MR, mc - i);
            // Two call sites keep Binaryen from inlining the kernel here, where V8 spilled it.
            if (rows == MR && cols == NR && !accumulate) {
              microKernel(kc, a, b, c, ldc);
            } else {
              microKernel(kc, a, b, tile, <usize>NR << 2);
              mergeTile(tile, c, ldc, rows, cols, accumulate);
            }
          }
        }
      }
    }
  }
}
