// GEMM on row-major f32 matrices: C [M x N] = alpha * op(A) * op(B) + beta * C.
//   nn: A [M x K], B [K x N]      nt: A [M x K], B [N x K]      tn: A [K x M], B [K x N]
// (beta = 0 overwrites C, so C may hold garbage, even NaN.)
// Baseline implementation: correct for every shape; the packed micro-kernel replaces it.

export const NN = 0;
export const NT = 1;
export const TN = 2;

export function gemm(layout: i32, M: i32, N: i32, K: i32, alpha: f32, A: usize, B: usize, beta: f32, C: usize): void {
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      let s: f32 = 0;
      for (let k = 0; k < K; k++) {
        const a = layout == TN ? load<f32>(A + ((<usize>k * M + i) << 2)) : load<f32>(A + ((<usize>i * K + k) << 2));
        const b = layout == NT ? load<f32>(B + ((<usize>j * K + k) << 2)) : load<f32>(B + ((<usize>k * N + j) << 2));
        s += a * b;
      }
      const c = C + ((<usize>i * N + j) << 2);
      store<f32>(c, beta == 0 ? alpha * s : alpha * s + beta * load<f32>(c));
    }
  }
}
