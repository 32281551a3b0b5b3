// The JS twin of assembly/kernels/scale-rows.ts: out[r, :] = c[r] * X[r, :].

export function scaleRows(x: Float32Array, rows: number, cols: number, c: Float32Array, out: Float32Array): void {
  for (let r = 0; r < rows; r++) {
    const s = c[r]!;
    for (let j = r * cols; j < (r + 1) * cols; j++) out[j] = x[j]! * s;
  }
}
