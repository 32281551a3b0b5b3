// Optimiser updates on a flat parameter vector p [n] with gradient g [n].
//   gd:   p -= lr * g
//   adam: PyTorch's torch.optim.Adam (no weight decay, amsgrad off), step t counted from 1:
//         m = b1 m + (1 - b1) g;  v = b2 v + (1 - b2) g^2
//         p -= (lr / (1 - b1^t)) * m / (sqrt(v) / sqrt(1 - b2^t) + eps)   (eps outside the root)
import { madd } from './simd';

export function gdUpdate(p: usize, g: usize, n: i32, lr: f32): void {
  const step = f32x4.splat(-lr);
  let k = 0;
  for (; k + 4 <= n; k += 4) {
    const o = <usize>k << 2;
    v128.store(p + o, madd(v128.load(g + o), step, v128.load(p + o)));
  }
  for (; k < n; k++) {
    const o = <usize>k << 2;
    store<f32>(p + o, load<f32>(p + o) - lr * load<f32>(g + o));
  }
}

export function adamUpdate(p: usize, g: usize, m: usize, v: usize, n: i32,
  lr: f32, beta1: f32, beta2: f32, eps: f32, t: i32): void {
  const stepSize = <f32>(<f64>lr / (1 - Math.pow(<f64>beta1, <f64>t)));
  const rootCorrection = <f32>Math.sqrt(1 - Math.pow(<f64>beta2, <f64>t));
  const b1 = f32x4.splat(beta1), c1 = f32x4.splat(1 - beta1);
  const b2 = f32x4.splat(beta2), c2 = f32x4.splat(1 - beta2);
  const rootV = f32x4.splat(rootCorrection), epsV = f32x4.splat(eps), stepV = f32x4.splat(stepSize);
  let k = 0;
  for (; k + 4 <= n; k += 4) {
    const o = <usize>k << 2;
    const gk = v128.load(g + o);
    const mk = f32x4.add(f32x4.mul(b1, v128.load(m + o)), f32x4.mul(c1, gk));
    const vk = f32x4.add(f32x4.mul(b2, v128.load(v + o)), f32x4.mul(c2, f32x4.mul(gk, gk)));
    const denominator = f32x4.add(f32x4.div(f32x4.sqrt(vk), rootV), epsV);
    v128.store(m + o, mk);
    v128.store(v + o, vk);
    v128.store(p + o, f32x4.sub(v128.load(p + o), f32x4.mul(stepV, f32x4.div(mk, denominator))));
  }
  for (; k < n; k++) {
    const o = <usize>k << 2;
    const gk = load<f32>(g + o);
    const mk = beta1 * load<f32>(m + o) + (1 - beta1) * gk;
    const vk = beta2 * load<f32>(v + o) + (1 - beta2) * gk * gk;
    store<f32>(m + o, mk);
    store<f32>(v + o, vk);
    store<f32>(p + o, load<f32>(p + o) - stepSize * (mk / (Mathf.sqrt(vk) / rootCorrection + eps)));
  }
}
