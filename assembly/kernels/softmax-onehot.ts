// The multi-token gradient building block. For logits X [rows x V] and target tokens
// y [rows]: Y[r,:] = softmax(X[r,:]) - e_{y_r} (the gradient of -log p(y_r) with respect to
// the logits) and logp[r] = X[r, y_r] - lse(X[r,:]). A row with y_r < 0 is not a target:
// its Y row is plain softmax and logp[r] = 0. Y may equal X.
import { rowMax, rowExp, rowScale } from './softmax';

export function softmaxMinusOneHot(x: usize, rows: i32, V: i32, y: usize, out: usize, logp: usize): void {
  for (let r = 0; r < rows; r++) {
    const offset = <usize>r * <usize>V << 2;
    const m = rowMax(x + offset, V);
    const target = load<i32>(y + (<usize>r << 2));
    const chosen: f32 = target >= 0 ? load<f32>(x + offset + (<usize>target << 2)) : 0;
    const row = out + offset;
    const sum = rowExp(x + offset, V, m, row);
    rowScale(row, V, 1.0 / sum, row);
    if (target >= 0) {
      const at = row + (<usize>target << 2);
      store<f32>(at, load<f32>(at) - 1);
      store<f32>(logp + (<usize>r << 2), chosen - m - Mathf.log(sum));
    } else {
      store<f32>(logp + (<usize>r << 2), 0);
    }
  }
}
