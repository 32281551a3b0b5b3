// The raw export surface of assembly/index.ts as the host sees it: pointers are byte offsets
// into `memory`, sizes are element counts.
export interface CoreExports extends Record<string, unknown> {
  memory: WebAssembly.Memory;
  alloc(bytes: number): number;
  free(pointer: number): void;
  gemm(layout: number, M: number, N: number, K: number, alpha: number, A: number, B: number, beta: number, C: number): void;
  softmaxRows(X: number, rows: number, cols: number, Y: number): void;
  logSoftmaxRows(X: number, rows: number, cols: number, Y: number): void;
  logSumExpRows(X: number, rows: number, cols: number, out: number): void;
  softmaxMinusOneHot(X: number, rows: number, V: number, y: number, Y: number, logp: number): void;
  objective(loss: number, r: number, n: number, beta: number, eps: number, value: number, weight: number): void;
  dpoStep(G: number, d: number, yw: number, yl: number, index: number, count: number, D: number,
    beta: number, loss: number, eps: number, scale: number, grad: number, margins: number): number;
  tokenRewards(G: number, d: number, N: number, yw: number, yl: number, D: number, beta: number, chosen: number, rejected: number): void;
  gdUpdate(p: number, g: number, n: number, lr: number): void;
  adamUpdate(p: number, g: number, m: number, v: number, n: number, lr: number, beta1: number, beta2: number, eps: number, t: number): void;
  marginSummary(r: number, n: number, values: number, K: number, loss: number, beta: number, eps: number, out: number): void;
  axpy(a: number, x: number, y: number, n: number, out: number): void;
  sum(x: number, n: number): number;
  fill(x: number, n: number, value: number): void;
  sequenceWeights(rows: number, pair: number, sign: number, logp: number, logp0: number, loss: number, beta: number,
    eps: number, scale: number, alpha: number, margins: number, weight: number): number;
  scaleRows(X: number, rows: number, cols: number, c: number, out: number): void;
  sequenceRewards(rows: number, pair: number, position: number, sign: number, logp: number, logp0: number, beta: number,
    chosen: number, rejected: number, logpsChosen: number, logpsRejected: number, positionChosen: number, positionRejected: number): void;
  sequenceSummary(n: number, chosen: number, rejected: number, logpsChosen: number, logpsRejected: number, out: number): void;
  reversedPairs(reference: number, current: number, n: number, threshold: number, out: number): void;
  relaxedSimd(): number;
}
