// The JS twin of assembly/kernels/optim.ts: gradient descent and PyTorch's Adam.

export function gdUpdate(p: Float32Array, g: Float32Array, n: number, lr: number): void {
  for (let k = 0; k < n; k++) p[k] = p[k]! - lr * g[k]!;
}

export function adamUpdate(p: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array, n: number,
  lr: number, beta1: number, beta2: number, eps: number, t: number): void {
  const stepSize = lr / (1 - beta1 ** t);
  const rootCorrection = Math.sqrt(1 - beta2 ** t);
  for (let k = 0; k < n; k++) {
    const gk = g[k]!;
    m[k] = beta1 * m[k]! + (1 - beta1) * gk;
    v[k] = beta2 * v[k]! + (1 - beta2) * gk * gk;
    p[k] = p[k]! - stepSize * (m[k]! / (Math.sqrt(v[k]!) / rootCorrection + eps));
  }
}
