// Packing for the blocked GEMM: copies a block of op(A) or op(B) into slivers laid out in the
// order the micro-kernel reads them, so its loop does unit-stride loads whatever the layout.
//   A block: alpha * rows [i0, i0 + mc) x depth [p0, p0 + kc) of op(A) [M x K] -> slivers
//            [kc][MR], sliver s at dst + s * MR * kc floats, rows past the block edge zero.
//   B block: depth [p0, p0 + kc) x columns [j0, j0 + nc) of op(B) [K x N] -> slivers [kc][NR],
//            sliver s at dst + s * NR * kc floats, columns past the block edge zero.
// op(A)[i,k] is A[i*K + k], or A[k*M + i] when A is stored transposed (tn); op(B)[k,j] is
// B[k*N + j], or B[j*K + k] when B is stored transposed (nt). The zero padding lets every tile
// run the full MR x NR micro-kernel.
import { MR, NR } from './matmul-micro';

/** Packs alpha * op(A) rows [i0, i0 + mc) x depth [p0, p0 + kc) into MR-row slivers at dst. */
export function packA(transposed: bool, A: usize, M: i32, K: i32, i0: i32, mc: i32, p0: i32, kc: i32, alpha: f32, dst: usize): void {
  const rowBytes = <usize>MR << 2;
  for (let s = 0; s < mc; s += MR) {
    const rows = min(MR, mc - s);
    const sliver = dst + <usize>s * <usize>kc * 4;
    if (rows < MR) memory.fill(sliver, 0, <usize>kc * rowBytes);
    if (transposed) {
      // Each depth step is a contiguous run of `rows` floats.
      let src = A + ((<usize>p0 * <usize>M + <usize>(i0 + s)) << 2);
      const srcStep = <usize>M << 2;
      for (let k = 0; k < kc; k++) {
        const to = sliver + <usize>k * rowBytes;
        for (let r = 0; r < rows; r++) store<f32>(to + (<usize>r << 2), alpha * load<f32>(src + (<usize>r << 2)));
        src += srcStep;
      }
    } else {
      // Each row of the sliver is contiguous in A; it lands with stride MR.
      for (let r = 0; r < rows; r++) {
        const src = A + ((<usize>(i0 + s + r) * <usize>K + <usize>p0) << 2);
        const to = sliver + (<usize>r << 2);
        for (let k = 0; k < kc; k++) store<f32>(to + <usize>k * rowBytes, alpha * load<f32>(src + (<usize>k << 2)));
      }
    }
  }
}

/** Packs op(B) depth [p0, p0 + kc) x columns [j0, j0 + nc) into NR-column slivers at dst. */
export function packB(transposed: bool, B: usize, N: i32, K: i32, p0: i32, kc: i32, j0: i32, nc: i32, dst: usize): void {
  const rowBytes = <usize>NR << 2;
  for (let s = 0; s < nc; s += NR) {
    const cols = min(NR, nc - s);
    const sliver = dst + <usize>s * <usize>kc * 4;
    if (cols < NR) memory.fill(sliver, 0, <usize>kc * rowBytes);
    if (transposed) {
      // Column j of op(B) is row j of B: contiguous in k, lands with stride NR.
      let c = 0;
      for (; c + 4 <= cols; c += 4) {
        transposeFour(B + ((<usize>(j0 + s + c) * <usize>K + <usize>p0) << 2), <usize>K << 2, kc, sliver + (<usize>c << 2));
      }
      for (; c < cols; c++) {
        const src = B + ((<usize>(j0 + s + c) * <usize>K + <usize>p0) << 2);
        const to = sliver + (<usize>c << 2);
        for (let k = 0; k < kc; k++) store<f32>(to + <usize>k * rowBytes, load<f32>(src + (<usize>k << 2)));
      }
    } else {
      let src = B + ((<usize>p0 * <usize>N + <usize>(j0 + s)) << 2);
      const srcStep = <usize>N << 2;
      if (cols == NR) {
        for (let k = 0; k < kc; k++) {
          const to = sliver + <usize>k * rowBytes;
          for (let c = 0; c < NR; c += 4) v128.store(to + (<usize>c << 2), v128.load(src + (<usize>c << 2)));
          src += srcStep;
        }
      } else {
        for (let k = 0; k < kc; k++) {
          const to = sliver + <usize>k * rowBytes;
          for (let c = 0; c < cols; c++) store<f32>(to + (<usize>c << 2), load<f32>(src + (<usize>c << 2)));
          src += srcStep;
        }
      }
    }
  }
}

/**
 * Four rows of B (ld bytes apart, kc floats each) into four adjacent columns of a B sliver
 * (rows NR floats apart): 4 x 4 blocks transposed in registers instead of 16 scalar copies.
 */
function transposeFour(src: usize, ld: usize, kc: i32, to: usize): void {
  const rowBytes = <usize>NR << 2;
  const src1 = src + ld, src2 = src1 + ld, src3 = src2 + ld;
  let k = 0;
  for (; k + 4 <= kc; k += 4) {
    const o = <usize>k << 2;
    const r0 = v128.load(src + o), r1 = v128.load(src1 + o), r2 = v128.load(src2 + o), r3 = v128.load(src3 + o);
    const low01 = v128.shuffle<f32>(r0, r1, 0, 4, 1, 5), low23 = v128.shuffle<f32>(r2, r3, 0, 4, 1, 5);
    const high01 = v128.shuffle<f32>(r0, r1, 2, 6, 3, 7), high23 = v128.shuffle<f32>(r2, r3, 2, 6, 3, 7);
    const at = to + <usize>k * rowBytes;
    v128.store(at, v128.shuffle<f32>(low01, low23, 0, 1, 4, 5));
    v128.store(at + rowBytes, v128.shuffle<f32>(low01, low23, 2, 3, 6, 7));
    v128.store(at + 2 * rowBytes, v128.shuffle<f32>(high01, high23, 0, 1, 4, 5));
    v128.store(at + 3 * rowBytes, v128.shuffle<f32>(high01, high23, 2, 3, 6, 7));
  }
  for (; k < kc; k++) {
    const o = <usize>k << 2, at = to + <usize>k * rowBytes;
    store<f32>(at, load<f32>(src + o));
    store<f32>(at, load<f32>(src1 + o), 4);
    store<f32>(at, load<f32>(src2 + o), 8);
    store<f32>(at, load<f32>(src3 + o), 12);
  }
}
