// The JS twin of assembly/kernels/matmul.ts: C = alpha * op(A) * op(B) + beta * C with the
// straightforward loops (i-k-j, or i-j-k dot products for nt so both reads stay contiguous):
// the baseline the Wasm GEMM is measured against.
import type { Layout } from '../backend.js';

export function gemm(layout: Layout, M: number, N: number, K: number, alpha: number,
  A: Float32Array, B: Float32Array, beta: number, C: Float32Array): void {
  const row = new Float32Array(N);
  for (let i = 0; i < M; i++) {
    if (layout === 'nt') {
      for (let j = 0; j < N; j++) {
        let s = 0;
        for (let k = 0; k < K; k++) s += A[i * K + k]! * B[j * K + k]!;
        row[j] = s;
      }
    } else {
      row.fill(0);
      for (let k = 0; k < K; k++) {
        const a = layout === 'tn' ? A[k * M + i]! : A[i * K + k]!;
        const offset = k * N;
        for (let j = 0; j < N; j++) row[j] = row[j]! + a * B[offset + j]!;
      }
    }
    const offset = i * N;
    for (let j = 0; j < N; j++) {
      C[offset + j] = beta === 0 ? alpha * row[j]! : alpha * row[j]! + beta * C[offset + j]!;
    }
  }
}
