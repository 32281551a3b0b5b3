// Row scaling: out[r, :] = c[r] * X[r, :] for X, out [rows x cols] and c [rows]; out may be X.
// The multi-token gradient sum_r c_r Y_r^T g_r equals Y^T (diag(c) G): scaling the d-wide rows
// of G costs a pass over rows x d floats instead of one over the V-wide rows of Y.
export function scaleRows(x: usize, rows: i32, cols: i32, c: usize, out: usize): void {
  for (let r = 0; r < rows; r++) {
    const offset = <usize>r * <usize>cols << 2;
    const s = load<f32>(c + (<usize>r << 2));
    const sv = f32x4.splat(s);
    let j = 0;
    for (; j + 4 <= cols; j += 4) {
      const o = offset + (<usize>j << 2);
      v128.store(out + o, f32x4.mul(v128.load(x + o), sv));
    }
    for (; j < cols; j++) {
      const o = offset + (<usize>j << 2);
      store<f32>(out + o, load<f32>(x + o) * s);
    }
  }
}
