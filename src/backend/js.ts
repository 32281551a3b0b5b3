// The plain-TypeScript backend: the same kernels on typed arrays.
import type {
  Backend, DpoStepArguments, Float32Block, Int32Block, Layout, LossName, MarginSummary, ReversedPairs,
  SequenceRewardsArguments, SequenceSummary, SequenceWeightsArguments,
} from './backend.js';
import {
  checkAdamUpdate, checkAxpy, checkDpoStep, checkGdUpdate, checkGemm, checkMarginSummary, checkObjective, checkRows,
  checkFill, checkSlice, checkSoftmaxMinusOneHot, checkSum, checkTokenRewards, whole,
  checkPairArrays, checkScaleRows, checkSequenceRewards, checkSequenceWeights, finite,
} from './checks.js';
import { gemm } from './js/matmul.js';
import { logSoftmaxRows, logSumExpRows, softmaxRows } from './js/softmax.js';
import { softmaxMinusOneHot } from './js/softmax-onehot.js';
import { objective } from './js/objective.js';
import { dpoStep, tokenRewards } from './js/dpo.js';
import { adamUpdate, gdUpdate } from './js/optim.js';
import { axpy, marginSummary, sum } from './js/summary.js';
import { sequenceWeights } from './js/sequence-weights.js';
import { scaleRows } from './js/scale-rows.js';
import { sequenceRewards } from './js/sequence-rewards.js';
import { sequenceSummary } from './js/sequence-summary.js';
import { reversedPairs } from './js/reversed-pairs.js';

class JsBlock<T extends Float32Array | Int32Array> {
  constructor(readonly array: T) {}
  get length(): number { return this.array.length; }
  view(): T { return this.array; }
  slice(start: number, length: number): JsBlock<T> {
    checkSlice(this, start, length);
    return new JsBlock(this.array.subarray(start, start + length) as T);
  }
}

const f = (block: Float32Block): Float32Array => (block as JsBlock<Float32Array>).array;
const i = (block: Int32Block): Int32Array => (block as JsBlock<Int32Array>).array;

export class JsBackend implements Backend {
  readonly name = 'js' as const;
  readonly variant = 'js' as const;
  #bytes = 0;

  float32(length: number, initial?: ArrayLike<number>): Float32Block {
    whole('float32', 'length', length);
    const array = new Float32Array(length);
    if (initial) array.set(initial);
    this.#bytes += array.byteLength;
    return new JsBlock(array);
  }

  int32(length: number, initial?: ArrayLike<number>): Int32Block {
    whole('int32', 'length', length);
    const array = new Int32Array(length);
    if (initial) array.set(initial);
    this.#bytes += array.byteLength;
    return new JsBlock(array);
  }

  free(block: Float32Block | Int32Block): void {
    this.#bytes -= (block as JsBlock<Float32Array>).array.byteLength;
  }

  memoryBytes(): number { return this.#bytes; }

  gemm(layout: Layout, M: number, N: number, K: number, alpha: number, A: Float32Block, B: Float32Block, beta: number, C: Float32Block): void {
    checkGemm(layout, M, N, K, alpha, A, B, beta, C);
    gemm(layout, M, N, K, alpha, f(A), f(B), beta, f(C));
  }

  softmaxRows(X: Float32Block, rows: number, cols: number, Y: Float32Block): void {
    checkRows('softmaxRows', X, rows, cols, Y, rows * cols);
    softmaxRows(f(X), rows, cols, f(Y));
  }

  logSoftmaxRows(X: Float32Block, rows: number, cols: number, Y: Float32Block): void {
    checkRows('logSoftmaxRows', X, rows, cols, Y, rows * cols);
    logSoftmaxRows(f(X), rows, cols, f(Y));
  }

  logSumExpRows(X: Float32Block, rows: number, cols: number, out: Float32Block): void {
    checkRows('logSumExpRows', X, rows, cols, out, rows);
    logSumExpRows(f(X), rows, cols, f(out));
  }

  softmaxMinusOneHot(X: Float32Block, rows: number, V: number, y: Int32Block, Y: Float32Block, logp: Float32Block): void {
    checkSoftmaxMinusOneHot(X, rows, V, y, Y, logp);
    softmaxMinusOneHot(f(X), rows, V, i(y), f(Y), f(logp));
  }

  objective(loss: LossName, r: Float32Block, n: number, beta: number, eps: number, value: Float32Block | null, weight: Float32Block | null): void {
    checkObjective(loss, r, n, beta, eps, value, weight);
    objective(loss, f(r), n, beta, eps, value && f(value), weight && f(weight));
  }

  dpoStep(a: DpoStepArguments): number {
    checkDpoStep(a);
    return dpoStep(f(a.G), a.d, i(a.yw), i(a.yl), a.index && i(a.index), a.count, f(a.D), a.beta, a.loss, a.eps,
      a.scale, a.grad && f(a.grad), a.margins && f(a.margins));
  }

  tokenRewards(G: Float32Block, d: number, N: number, yw: Int32Block, yl: Int32Block, D: Float32Block, beta: number, chosen: Float32Block, rejected: Float32Block): void {
    checkTokenRewards(G, d, N, yw, yl, D, beta, chosen, rejected);
    tokenRewards(f(G), d, N, i(yw), i(yl), f(D), beta, f(chosen), f(rejected));
  }

  gdUpdate(p: Float32Block, g: Float32Block, n: number, lr: number): void {
    checkGdUpdate(p, g, n, lr);
    gdUpdate(f(p), f(g), n, lr);
  }

  adamUpdate(p: Float32Block, g: Float32Block, m: Float32Block, v: Float32Block, n: number, lr: number, beta1: number, beta2: number, eps: number, t: number): void {
    checkAdamUpdate(p, g, m, v, n, lr, beta1, beta2, eps, t);
    adamUpdate(f(p), f(g), f(m), f(v), n, lr, beta1, beta2, eps, t);
  }

  marginSummary(r: Float32Block, n: number, values: Int32Block | null, K: number, loss: LossName, beta: number, eps: number): MarginSummary {
    checkMarginSummary(r, n, values, K, loss, beta, eps);
    return marginSummary(f(r), n, values && i(values), K, loss, beta, eps);
  }

  axpy(a: number, x: Float32Block, y: Float32Block, n: number, out: Float32Block): void {
    checkAxpy(a, x, y, n, out);
    axpy(a, f(x), f(y), n, f(out));
  }

  sum(x: Float32Block, n: number): number {
    checkSum(x, n);
    return sum(f(x), n);
  }

  fill(x: Float32Block, n: number, value: number): void {
    checkFill(x, n, value);
    f(x).fill(value, 0, n);
  }

  sequenceWeights(a: SequenceWeightsArguments): number {
    checkSequenceWeights(a);
    return sequenceWeights(a.rows, i(a.pair), f(a.sign), f(a.logp), f(a.logp0), a.loss, a.beta, a.eps, a.scale, a.alpha,
      f(a.margins), a.weight && f(a.weight));
  }

  scaleRows(X: Float32Block, rows: number, cols: number, c: Float32Block, out: Float32Block): void {
    checkScaleRows(X, rows, cols, c, out);
    scaleRows(f(X), rows, cols, f(c), f(out));
  }

  sequenceRewards(a: SequenceRewardsArguments): void {
    checkSequenceRewards(a);
    sequenceRewards(a.rows, i(a.pair), i(a.position), f(a.sign), f(a.logp), f(a.logp0), a.beta, f(a.chosen), f(a.rejected),
      f(a.logpsChosen), f(a.logpsRejected), f(a.positionChosen), f(a.positionRejected));
  }

  sequenceSummary(n: number, chosen: Float32Block, rejected: Float32Block, logpsChosen: Float32Block, logpsRejected: Float32Block): SequenceSummary {
    checkPairArrays('sequenceSummary', n, [['chosen', chosen], ['rejected', rejected], ['logpsChosen', logpsChosen], ['logpsRejected', logpsRejected]]);
    return sequenceSummary(n, f(chosen), f(rejected), f(logpsChosen), f(logpsRejected));
  }

  reversedPairs(reference: Float32Block, current: Float32Block, n: number, threshold: number): ReversedPairs {
    checkPairArrays('reversedPairs', n, [['reference', reference], ['current', current]]);
    finite('reversedPairs', 'threshold', threshold);
    return reversedPairs(f(reference), f(current), n, threshold);
  }
}
