// The one interface every computation goes through. Two implementations with identical
// semantics: `wasm` (the AssemblyScript core, data resident in linear memory) and `js`
// (plain TypeScript on typed arrays: the baseline and the test oracle).
//
// Shapes follow theory.md: G [N x d] hidden states, D = W - W0 [V x d], tokens yw, yl [N].
// Matrices are row-major.

/** A block of f32 living inside a backend's memory. */
export interface Float32Block {
  readonly length: number;
  /** A view of the block's current contents; fetch it again after any kernel call (Wasm memory may grow). */
  view(): Float32Array;
  /** A block that aliases elements [start, start + length) of this one. */
  slice(start: number, length: number): Float32Block;
}

/** A block of i32 (token ids, value ids, sample indices) inside a backend's memory. */
export interface Int32Block {
  readonly length: number;
  view(): Int32Array;
  slice(start: number, length: number): Int32Block;
}

export type Layout = 'nn' | 'nt' | 'tn';
export const LAYOUTS: readonly Layout[] = ['nn', 'nt', 'tn'];

export type LossName = 'dpo' | 'ipo' | 'ipo-trl' | 'slic' | 'cdpo' | 'robust';
/** Loss names in the order of the core's loss codes (assembly/kernels/objective.ts). */
export const LOSSES: readonly LossName[] = ['dpo', 'ipo', 'ipo-trl', 'slic', 'cdpo', 'robust'];

export type Variant = 'relaxed-simd' | 'simd' | 'js';

/** Arguments of the fused single-token DPO step (see assembly/kernels/dpo.ts). */
export interface DpoStepArguments {
  G: Float32Block;
  d: number;
  yw: Int32Block;
  yl: Int32Block;
  /** Which samples to visit; null visits samples 0..count-1. */
  index: Int32Block | null;
  count: number;
  D: Float32Block;
  beta: number;
  loss: LossName;
  eps: number;
  /** Multiplies every -f'(r_i): 1/N for full batch, 1/B for a minibatch. */
  scale: number;
  /** dL/dD accumulates here [V x d]; null computes margins only. */
  grad: Float32Block | null;
  /** r_i is written to margins[i]; may be null. */
  margins: Float32Block | null;
}

/** What marginSummary returns: sums and counts over a margin array. */
export interface MarginSummary {
  sum: number;
  min: number;
  max: number;
  /** how many margins are > 0 */
  positive: number;
  /** sum of f(r_i) */
  lossSum: number;
  /** per value k: how many of its margins are <= 0, and how many it has */
  errors: number[];
  counts: number[];
}

/**
 * Arguments of the per-pair multi-token kernel (assembly/kernels/sequence-weights.ts). Rows are
 * response tokens, the rows of one pair consecutive and all in the call.
 */
export interface SequenceWeightsArguments {
  rows: number;
  /** each row's pair id, in [0, margins.length) [rows] */
  pair: Int32Block;
  /** +1 a token of the preferred response, -1 of the rejected [rows] */
  sign: Float32Block;
  /** log-probability of the row's token under W, and under the reference W0 [rows] */
  logp: Float32Block;
  logp0: Float32Block;
  loss: LossName;
  beta: number;
  eps: number;
  /** multiplies every weight: 1/N for the mean over pairs */
  scale: number;
  /** the SFT/RPO coefficient: preferred rows also get scale * alpha */
  alpha: number;
  /** r_p is written to margins[p] */
  margins: Float32Block;
  /** each row's factor in dL/dW [rows]; null computes margins only */
  weight: Float32Block | null;
}

/** Arguments of assembly/kernels/sequence-rewards.ts: per-pair and per-position reward sums (accumulated). */
export interface SequenceRewardsArguments {
  rows: number;
  /** each row's pair id [rows] and position in 0..L-1 [rows] */
  pair: Int32Block;
  position: Int32Block;
  /** +1 preferred, -1 rejected, 0 a token both responses share [rows] */
  sign: Float32Block;
  logp: Float32Block;
  logp0: Float32Block;
  beta: number;
  /** per pair: summed rewards and log-probabilities of each response [pairs] */
  chosen: Float32Block;
  rejected: Float32Block;
  logpsChosen: Float32Block;
  logpsRejected: Float32Block;
  /** per position: summed rewards of each response [L] */
  positionChosen: Float32Block;
  positionRejected: Float32Block;
}

/** What sequenceSummary returns: sums over pairs and two counts. */
export interface SequenceSummary {
  chosen: number;
  rejected: number;
  logpsChosen: number;
  logpsRejected: number;
  /** pairs with log pi(yw) > log pi(yl) */
  ranked: number;
  /** pairs whose chosen and rejected rewards are both negative */
  displaced: number;
}

/** What reversedPairs returns (assembly/kernels/reversed-pairs.ts). */
export interface ReversedPairs {
  /** pairs whose reference prefers the rejected response by more than the factor */
  reversed: number;
  /** of those, how many the policy now ranks the right way */
  flipped: number;
}

export interface Backend {
  readonly name: 'wasm' | 'js';
  readonly variant: Variant;

  float32(length: number, initial?: ArrayLike<number>): Float32Block;
  int32(length: number, initial?: ArrayLike<number>): Int32Block;
  free(block: Float32Block | Int32Block): void;
  /** Bytes of memory the backend holds now (Wasm: linear memory size). */
  memoryBytes(): number;

  /** C [M x N] = alpha * op(A) * op(B) + beta * C; nn: A [M x K], B [K x N]; nt: B [N x K]; tn: A [K x M]. */
  gemm(layout: Layout, M: number, N: number, K: number, alpha: number,
    A: Float32Block, B: Float32Block, beta: number, C: Float32Block): void;
  /** Y[r,:] = softmax(X[r,:]); X, Y [rows x cols]; Y may be X. */
  softmaxRows(X: Float32Block, rows: number, cols: number, Y: Float32Block): void;
  /** Y[r,:] = X[r,:] - lse(X[r,:]). */
  logSoftmaxRows(X: Float32Block, rows: number, cols: number, Y: Float32Block): void;
  /** out[r] = lse(X[r,:]). */
  logSumExpRows(X: Float32Block, rows: number, cols: number, out: Float32Block): void;
  /** Y[r,:] = softmax(X[r,:]) - e_{y_r}, logp[r] = log softmax(X[r,:])[y_r]; y_r < 0: plain softmax, logp 0. */
  softmaxMinusOneHot(X: Float32Block, rows: number, V: number, y: Int32Block, Y: Float32Block, logp: Float32Block): void;
  /** value[i] = f(r[i]), weight[i] = -f'(r[i]) for the named loss. */
  objective(loss: LossName, r: Float32Block, n: number, beta: number, eps: number,
    value: Float32Block | null, weight: Float32Block | null): void;
  /** The fused step: margins, weights, gradient rows in one pass; returns sum_i r_i (NaN or Infinity there means a broken run). */
  dpoStep(args: DpoStepArguments): number;
  /** chosen[i] = beta D[yw_i].g_i, rejected[i] = beta D[yl_i].g_i. */
  tokenRewards(G: Float32Block, d: number, N: number, yw: Int32Block, yl: Int32Block, D: Float32Block,
    beta: number, chosen: Float32Block, rejected: Float32Block): void;
  /** p -= lr * g. */
  gdUpdate(p: Float32Block, g: Float32Block, n: number, lr: number): void;
  /** PyTorch Adam step number t (from 1) on p with moments m, v. */
  adamUpdate(p: Float32Block, g: Float32Block, m: Float32Block, v: Float32Block, n: number,
    lr: number, beta1: number, beta2: number, eps: number, t: number): void;
  /** Sums, extremes and per-value error counts of margins r [n]; values may be null (then K = 0). */
  marginSummary(r: Float32Block, n: number, values: Int32Block | null, K: number,
    loss: LossName, beta: number, eps: number): MarginSummary;
  /** out = a * x + y over n elements. */
  axpy(a: number, x: Float32Block, y: Float32Block, n: number, out: Float32Block): void;
  /** sum of x[0..n) (accumulated in f64). */
  sum(x: Float32Block, n: number): number;
  /** x[0..n) = value. */
  fill(x: Float32Block, n: number, value: number): void;
  /** Multi-token margins per pair and each row's gradient factor; returns sum_p f(r_p). */
  sequenceWeights(args: SequenceWeightsArguments): number;
  /** out[r,:] = c[r] * X[r,:]; X, out [rows x cols]; out may be X. */
  scaleRows(X: Float32Block, rows: number, cols: number, c: Float32Block, out: Float32Block): void;
  /** Adds token rewards and log-probabilities into per-pair and per-position sums. */
  sequenceRewards(args: SequenceRewardsArguments): void;
  /** Sums of the per-pair arrays [n], ranking and displacement counts. */
  sequenceSummary(n: number, chosen: Float32Block, rejected: Float32Block,
    logpsChosen: Float32Block, logpsRejected: Float32Block): SequenceSummary;
  /** Pairs with reference[i] < -threshold, and how many of them have current[i] > 0. */
  reversedPairs(reference: Float32Block, current: Float32Block, n: number, threshold: number): ReversedPairs;
}
