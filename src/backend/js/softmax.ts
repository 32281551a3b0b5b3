// The JS twin of assembly/kernels/softmax.ts: stable row softmax, log-softmax, log-sum-exp.

/** lse of x[offset .. offset + n). */
export function rowLogSumExp(x: Float32Array, offset: number, n: number): number {
  let m = -Infinity;
  for (let j = 0; j < n; j++) m = Math.max(m, x[offset + j]!);
  let sum = 0;
  for (let j = 0; j < n; j++) sum += Math.exp(x[offset + j]! - m);
  return m + Math.log(sum);
}

export function softmaxRows(x: Float32Array, rows: number, cols: number, y: Float32Array): void {
  for (let r = 0; r < rows; r++) {
    const offset = r * cols;
    const lse = rowLogSumExp(x, offset, cols);
    for (let j = 0; j < cols; j++) y[offset + j] = Math.exp(x[offset + j]! - lse);
  }
}

export function logSoftmaxRows(x: Float32Array, rows: number, cols: number, y: Float32Array): void {
  for (let r = 0; r < rows; r++) {
    const offset = r * cols;
    const lse = rowLogSumExp(x, offset, cols);
    for (let j = 0; j < cols; j++) y[offset + j] = x[offset + j]! - lse;
  }
}

export function logSumExpRows(x: Float32Array, rows: number, cols: number, out: Float32Array): void {
  for (let r = 0; r < rows; r++) out[r] = rowLogSumExp(x, r * cols, cols);
}
