// The Wasm backend: blocks are regions of the core's linear memory, kernels are called with
// pointers, so large arrays are copied in once and stay resident across calls. Views are
// re-created whenever memory has grown (growth detaches the old ArrayBuffer).
import type {
  Backend, DpoStepArguments, Float32Block, Int32Block, Layout, LossName, MarginSummary, ReversedPairs,
  SequenceRewardsArguments, SequenceSummary, SequenceWeightsArguments,
} from './backend.js';
import {
  checkAdamUpdate, checkAxpy, checkDpoStep, checkGdUpdate, checkGemm, checkMarginSummary, checkObjective, checkRows,
  checkFill, checkSlice, checkSoftmaxMinusOneHot, checkSum, checkTokenRewards, ShapeError, whole,
  checkPairArrays, checkScaleRows, checkSequenceRewards, checkSequenceWeights, finite,
} from './checks.js';
import { loadCore, type WasmLoadOptions, type WasmVariant } from './wasm-loader.js';
import type { CoreExports } from './wasm-exports.js';

type ArrayKind = typeof Float32Array | typeof Int32Array;

class WasmBlock<T extends Float32Array | Int32Array> {
  #view: T | null = null;
  constructor(
    readonly core: CoreExports,
    readonly kind: ArrayKind,
    readonly pointer: number,
    readonly length: number,
    /** false for slices, which alias memory they do not own */
    readonly owner: boolean,
  ) {}

  view(): T {
    const buffer = this.core.memory.buffer;
    if (this.#view === null || this.#view.buffer !== buffer) {
      this.#view = new this.kind(buffer, this.pointer, this.length) as T;
    }
    return this.#view;
  }

  slice(start: number, length: number): WasmBlock<T> {
    checkSlice(this, start, length);
    return new WasmBlock<T>(this.core, this.kind, this.pointer + start * 4, length, false);
  }
}

const at = (block: Float32Block | Int32Block | null): number => (block === null ? 0 : (block as WasmBlock<Float32Array>).pointer);

export class WasmBackend implements Backend {
  readonly name = 'wasm' as const;

  constructor(readonly core: CoreExports, readonly variant: WasmVariant, readonly file: string) {}

  #allocate<T extends Float32Array | Int32Array>(kind: ArrayKind, length: number, initial?: ArrayLike<number>): WasmBlock<T> {
    whole(kind === Float32Array ? 'float32' : 'int32', 'length', length);
    // alloc(0) would still hand out a block; keep every block at least one element long.
    const pointer = this.core.alloc(Math.max(length, 1) * 4);
    const block = new WasmBlock<T>(this.core, kind, pointer, length, true);
    if (initial) block.view().set(initial);
    else block.view().fill(0);
    return block;
  }

  float32(length: number, initial?: ArrayLike<number>): Float32Block {
    return this.#allocate<Float32Array>(Float32Array, length, initial);
  }

  int32(length: number, initial?: ArrayLike<number>): Int32Block {
    return this.#allocate<Int32Array>(Int32Array, length, initial);
  }

  free(block: Float32Block | Int32Block): void {
    const wasmBlock = block as WasmBlock<Float32Array>;
    if (!wasmBlock.owner) throw new ShapeError('free: a slice does not own its memory; free the block it came from');
    this.core.free(wasmBlock.pointer);
  }

  memoryBytes(): number { return this.core.memory.buffer.byteLength; }

  gemm(layout: Layout, M: number, N: number, K: number, alpha: number, A: Float32Block, B: Float32Block, beta: number, C: Float32Block): void {
    const code = checkGemm(layout, M, N, K, alpha, A, B, beta, C);
    this.core.gemm(code, M, N, K, alpha, at(A), at(B), beta, at(C));
  }

  softmaxRows(X: Float32Block, rows: number, cols: number, Y: Float32Block): void {
    checkRows('softmaxRows', X, rows, cols, Y, rows * cols);
    this.core.softmaxRows(at(X), rows, cols, at(Y));
  }

  logSoftmaxRows(X: Float32Block, rows: number, cols: number, Y: Float32Block): void {
    checkRows('logSoftmaxRows', X, rows, cols, Y, rows * cols);
    this.core.logSoftmaxRows(at(X), rows, cols, at(Y));
  }

  logSumExpRows(X: Float32Block, rows: number, cols: number, out: Float32Block): void {
    checkRows('logSumExpRows', X, rows, cols, out, rows);
    this.core.logSumExpRows(at(X), rows, cols, at(out));
  }

  softmaxMinusOneHot(X: Float32Block, rows: number, V: number, y: Int32Block, Y: Float32Block, logp: Float32Block): void {
    checkSoftmaxMinusOneHot(X, rows, V, y, Y, logp);
    this.core.softmaxMinusOneHot(at(X), rows, V, at(y), at(Y), at(logp));
  }

  objective(loss: LossName, r: Float32Block, n: number, beta: number, eps: number, value: Float32Block | null, weight: Float32Block | null): void {
    const code = checkObjective(loss, r, n, beta, eps, value, weight);
    this.core.objective(code, at(r), n, beta, eps, at(value), at(weight));
  }

  dpoStep(a: DpoStepArguments): number {
    const code = checkDpoStep(a);
    return this.core.dpoStep(at(a.G), a.d, at(a.yw), at(a.yl), at(a.index), a.count, at(a.D), a.beta, code, a.eps,
      a.scale, at(a.grad), at(a.margins));
  }

  tokenRewards(G: Float32Block, d: number, N: number, yw: Int32Block, yl: Int32Block, D: Float32Block, beta: number, chosen: Float32Block, rejected: Float32Block): void {
    checkTokenRewards(G, d, N, yw, yl, D, beta, chosen, rejected);
    this.core.tokenRewards(at(G), d, N, at(yw), at(yl), at(D), beta, at(chosen), at(rejected));
  }

  gdUpdate(p: Float32Block, g: Float32Block, n: number, lr: number): void {
    checkGdUpdate(p, g, n, lr);
    this.core.gdUpdate(at(p), at(g), n, lr);
  }

  adamUpdate(p: Float32Block, g: Float32Block, m: Float32Block, v: Float32Block, n: number, lr: number, beta1: number, beta2: number, eps: number, t: number): void {
    checkAdamUpdate(p, g, m, v, n, lr, beta1, beta2, eps, t);
    this.core.adamUpdate(at(p), at(g), at(m), at(v), n, lr, beta1, beta2, eps, t);
  }

  marginSummary(r: Float32Block, n: number, values: Int32Block | null, K: number, loss: LossName, beta: number, eps: number): MarginSummary {
    const code = checkMarginSummary(r, n, values, K, loss, beta, eps);
    const slots = 5 + 2 * K;
    const out = this.core.alloc(slots * 8);
    try {
      this.core.marginSummary(at(r), n, at(values), K, code, beta, eps, out);
      const o = new Float64Array(this.core.memory.buffer, out, slots);
      const errors: number[] = [], counts: number[] = [];
      for (let k = 0; k < K; k++) { errors.push(o[5 + 2 * k]!); counts.push(o[6 + 2 * k]!); }
      return { sum: o[0]!, min: o[1]!, max: o[2]!, positive: o[3]!, lossSum: o[4]!, errors, counts };
    } finally {
      this.core.free(out);
    }
  }

  axpy(a: number, x: Float32Block, y: Float32Block, n: number, out: Float32Block): void {
    checkAxpy(a, x, y, n, out);
    this.core.axpy(a, at(x), at(y), n, at(out));
  }

  sum(x: Float32Block, n: number): number {
    checkSum(x, n);
    return this.core.sum(at(x), n);
  }

  fill(x: Float32Block, n: number, value: number): void {
    checkFill(x, n, value);
    this.core.fill(at(x), n, value);
  }

  sequenceWeights(a: SequenceWeightsArguments): number {
    const code = checkSequenceWeights(a);
    return this.core.sequenceWeights(a.rows, at(a.pair), at(a.sign), at(a.logp), at(a.logp0), code, a.beta, a.eps,
      a.scale, a.alpha, at(a.margins), at(a.weight));
  }

  scaleRows(X: Float32Block, rows: number, cols: number, c: Float32Block, out: Float32Block): void {
    checkScaleRows(X, rows, cols, c, out);
    this.core.scaleRows(at(X), rows, cols, at(c), at(out));
  }

  sequenceRewards(a: SequenceRewardsArguments): void {
    checkSequenceRewards(a);
    this.core.sequenceRewards(a.rows, at(a.pair), at(a.position), at(a.sign), at(a.logp), at(a.logp0), a.beta,
      at(a.chosen), at(a.rejected), at(a.logpsChosen), at(a.logpsRejected), at(a.positionChosen), at(a.positionRejected));
  }

  sequenceSummary(n: number, chosen: Float32Block, rejected: Float32Block, logpsChosen: Float32Block, logpsRejected: Float32Block): SequenceSummary {
    checkPairArrays('sequenceSummary', n, [['chosen', chosen], ['rejected', rejected], ['logpsChosen', logpsChosen], ['logpsRejected', logpsRejected]]);
    const o = this.#float64Result(6, (out) => this.core.sequenceSummary(n, at(chosen), at(rejected), at(logpsChosen), at(logpsRejected), out));
    return { chosen: o[0]!, rejected: o[1]!, logpsChosen: o[2]!, logpsRejected: o[3]!, ranked: o[4]!, displaced: o[5]! };
  }

  reversedPairs(reference: Float32Block, current: Float32Block, n: number, threshold: number): ReversedPairs {
    checkPairArrays('reversedPairs', n, [['reference', reference], ['current', current]]);
    finite('reversedPairs', 'threshold', threshold);
    const o = this.#float64Result(2, (out) => this.core.reversedPairs(at(reference), at(current), n, threshold, out));
    return { reversed: o[0]!, flipped: o[1]! };
  }

  /** Runs a kernel that writes `slots` f64s to a scratch block and returns a copy of them. */
  #float64Result(slots: number, kernel: (out: number) => void): Float64Array {
    const out = this.core.alloc(slots * 8);
    try {
      kernel(out);
      return new Float64Array(this.core.memory.buffer, out, slots).slice();
    } finally {
      this.core.free(out);
    }
  }
}

export async function loadWasmBackend(options: WasmLoadOptions = {}): Promise<WasmBackend> {
  const { exports, variant, file } = await loadCore(options);
  return new WasmBackend(exports, variant, file);
}
