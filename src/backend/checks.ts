// Argument checks shared by both backends, so a bad shape gets the same message whichever
// backend runs, and never reaches Wasm memory (where it would read or write out of bounds).
import {
  LAYOUTS, LOSSES, type DpoStepArguments, type Float32Block, type Int32Block, type Layout, type LossName,
  type SequenceRewardsArguments, type SequenceWeightsArguments,
} from './backend.js';

export class ShapeError extends RangeError {
  override name = 'ShapeError';
}

/** A whole number >= min, or a ShapeError naming the kernel and the argument. */
export function whole(kernel: string, name: string, value: number, min = 0): number {
  if (!Number.isInteger(value) || value < min) {
    throw new ShapeError(`${kernel}: ${name} must be a whole number >= ${min}, got ${value}`);
  }
  if (value > 2 ** 31 - 1) throw new ShapeError(`${kernel}: ${name} must be below 2^31, got ${value}`);
  return value;
}

/** A finite number (optionally > 0), or a ShapeError. */
export function finite(kernel: string, name: string, value: number, positive = false): number {
  if (!Number.isFinite(value) || (positive && value <= 0)) {
    throw new ShapeError(`${kernel}: ${name} must be a finite number${positive ? ' > 0' : ''}, got ${value}`);
  }
  return value;
}

/** The block holds at least `needed` elements. */
export function fits(kernel: string, name: string, block: { readonly length: number }, needed: number, shape: string): void {
  if (block.length < needed) {
    throw new ShapeError(`${kernel}: ${name} holds ${block.length} elements but ${shape} needs ${needed}`);
  }
}

export function layoutCode(layout: Layout): number {
  const code = LAYOUTS.indexOf(layout);
  if (code < 0) throw new ShapeError(`gemm: layout must be one of ${LAYOUTS.join(', ')}, got ${String(layout)}`);
  return code;
}

export function lossCode(kernel: string, loss: LossName, eps: number): number {
  const code = LOSSES.indexOf(loss);
  if (code < 0) throw new ShapeError(`${kernel}: loss must be one of ${LOSSES.join(', ')}, got ${String(loss)}`);
  finite(kernel, 'eps', eps);
  if ((loss === 'cdpo' || loss === 'robust') && !(eps >= 0 && eps < 0.5)) {
    throw new ShapeError(`${kernel}: eps must lie in [0, 0.5) for ${loss}, got ${eps}`);
  }
  return code;
}

export function checkGemm(layout: Layout, M: number, N: number, K: number, alpha: number,
  A: Float32Block, B: Float32Block, beta: number, C: Float32Block): number {
  const code = layoutCode(layout);
  whole('gemm', 'M', M); whole('gemm', 'N', N); whole('gemm', 'K', K);
  finite('gemm', 'alpha', alpha); finite('gemm', 'beta', beta);
  const shapeA = layout === 'tn' ? `A [K=${K} x M=${M}]` : `A [M=${M} x K=${K}]`;
  const shapeB = layout === 'nt' ? `B [N=${N} x K=${K}]` : `B [K=${K} x N=${N}]`;
  fits('gemm', 'A', A, M * K, shapeA);
  fits('gemm', 'B', B, K * N, shapeB);
  fits('gemm', 'C', C, M * N, `C [M=${M} x N=${N}]`);
  return code;
}

export function checkRows(kernel: string, X: Float32Block, rows: number, cols: number, out: Float32Block, outLength: number): void {
  whole(kernel, 'rows', rows); whole(kernel, 'cols', cols, 1);
  fits(kernel, 'X', X, rows * cols, `[rows=${rows} x cols=${cols}]`);
  fits(kernel, 'out', out, outLength, `rows=${rows}, cols=${cols}`);
}

export function checkDpoStep(a: DpoStepArguments): number {
  const k = 'dpoStep';
  whole(k, 'd', a.d, 1); whole(k, 'count', a.count);
  finite(k, 'beta', a.beta, true); finite(k, 'scale', a.scale);
  const code = lossCode(k, a.loss, a.eps);
  if (a.D.length % a.d !== 0) throw new ShapeError(`${k}: D holds ${a.D.length} elements, not a whole number of rows of d=${a.d}`);
  const N = a.index ? Math.min(a.yw.length, a.yl.length, Math.floor(a.G.length / a.d)) : a.count;
  if (a.index) fits(k, 'index', a.index, a.count, `count=${a.count}`);
  fits(k, 'G', a.G, N * a.d, `[N=${N} x d=${a.d}]`);
  fits(k, 'yw', a.yw, N, `N=${N}`);
  fits(k, 'yl', a.yl, N, `N=${N}`);
  if (a.grad) fits(k, 'grad', a.grad, a.D.length, `D's shape`);
  if (a.margins) fits(k, 'margins', a.margins, N, `N=${N}`);
  return code;
}

export function checkSoftmaxMinusOneHot(X: Float32Block, rows: number, V: number, y: Int32Block, Y: Float32Block, logp: Float32Block): void {
  checkRows('softmaxMinusOneHot', X, rows, V, Y, rows * V);
  fits('softmaxMinusOneHot', 'y', y, rows, `rows=${rows}`);
  fits('softmaxMinusOneHot', 'logp', logp, rows, `rows=${rows}`);
}

export function checkObjective(loss: LossName, r: Float32Block, n: number, beta: number, eps: number,
  value: Float32Block | null, weight: Float32Block | null): number {
  const code = lossCode('objective', loss, eps);
  whole('objective', 'n', n); finite('objective', 'beta', beta, true);
  fits('objective', 'r', r, n, `n=${n}`);
  if (value) fits('objective', 'value', value, n, `n=${n}`);
  if (weight) fits('objective', 'weight', weight, n, `n=${n}`);
  return code;
}

export function checkTokenRewards(G: Float32Block, d: number, N: number, yw: Int32Block, yl: Int32Block,
  D: Float32Block, beta: number, chosen: Float32Block, rejected: Float32Block): void {
  const k = 'tokenRewards';
  whole(k, 'd', d, 1); whole(k, 'N', N); finite(k, 'beta', beta, true);
  if (D.length % d !== 0) throw new ShapeError(`${k}: D holds ${D.length} elements, not a whole number of rows of d=${d}`);
  fits(k, 'G', G, N * d, `[N=${N} x d=${d}]`);
  fits(k, 'yw', yw, N, `N=${N}`); fits(k, 'yl', yl, N, `N=${N}`);
  fits(k, 'chosen', chosen, N, `N=${N}`); fits(k, 'rejected', rejected, N, `N=${N}`);
}

export function checkGdUpdate(p: Float32Block, g: Float32Block, n: number, lr: number): void {
  whole('gdUpdate', 'n', n); finite('gdUpdate', 'lr', lr);
  fits('gdUpdate', 'p', p, n, `n=${n}`); fits('gdUpdate', 'g', g, n, `n=${n}`);
}

export function checkAdamUpdate(p: Float32Block, g: Float32Block, m: Float32Block, v: Float32Block, n: number,
  lr: number, beta1: number, beta2: number, eps: number, t: number): void {
  const k = 'adamUpdate';
  whole(k, 'n', n); whole(k, 't', t, 1); finite(k, 'lr', lr); finite(k, 'eps', eps, true);
  if (!(beta1 >= 0 && beta1 < 1)) throw new ShapeError(`${k}: beta1 must lie in [0, 1), got ${beta1}`);
  if (!(beta2 >= 0 && beta2 < 1)) throw new ShapeError(`${k}: beta2 must lie in [0, 1), got ${beta2}`);
  fits(k, 'p', p, n, `n=${n}`); fits(k, 'g', g, n, `n=${n}`); fits(k, 'm', m, n, `n=${n}`); fits(k, 'v', v, n, `n=${n}`);
}

export function checkMarginSummary(r: Float32Block, n: number, values: Int32Block | null, K: number,
  loss: LossName, beta: number, eps: number): number {
  const code = lossCode('marginSummary', loss, eps);
  whole('marginSummary', 'n', n); whole('marginSummary', 'K', K); finite('marginSummary', 'beta', beta, true);
  fits('marginSummary', 'r', r, n, `n=${n}`);
  if (values) fits('marginSummary', 'values', values, n, `n=${n}`);
  return code;
}

export function checkAxpy(a: number, x: Float32Block, y: Float32Block, n: number, out: Float32Block): void {
  whole('axpy', 'n', n); finite('axpy', 'a', a);
  fits('axpy', 'x', x, n, `n=${n}`); fits('axpy', 'y', y, n, `n=${n}`); fits('axpy', 'out', out, n, `n=${n}`);
}

export function checkSum(x: Float32Block, n: number): void {
  whole('sum', 'n', n); fits('sum', 'x', x, n, `n=${n}`);
}

export function checkFill(x: Float32Block, n: number, value: number): void {
  whole('fill', 'n', n); fits('fill', 'x', x, n, `n=${n}`);
  if (Number.isNaN(value)) throw new ShapeError('fill: value must be a number, got NaN');
}

export function checkSequenceWeights(a: SequenceWeightsArguments): number {
  const k = 'sequenceWeights';
  whole(k, 'rows', a.rows);
  finite(k, 'beta', a.beta, true); finite(k, 'scale', a.scale); finite(k, 'alpha', a.alpha);
  const code = lossCode(k, a.loss, a.eps);
  for (const [name, block] of [['pair', a.pair], ['sign', a.sign], ['logp', a.logp], ['logp0', a.logp0], ['weight', a.weight]] as const) {
    if (block) fits(k, name, block, a.rows, `rows=${a.rows}`);
  }
  return code;
}

export function checkScaleRows(X: Float32Block, rows: number, cols: number, c: Float32Block, out: Float32Block): void {
  checkRows('scaleRows', X, rows, cols, out, rows * cols);
  fits('scaleRows', 'c', c, rows, `rows=${rows}`);
}

export function checkSequenceRewards(a: SequenceRewardsArguments): void {
  const k = 'sequenceRewards';
  whole(k, 'rows', a.rows); finite(k, 'beta', a.beta, true);
  for (const [name, block] of [['pair', a.pair], ['position', a.position], ['sign', a.sign], ['logp', a.logp], ['logp0', a.logp0]] as const) {
    fits(k, name, block, a.rows, `rows=${a.rows}`);
  }
  const pairs = a.chosen.length;
  for (const [name, block] of [['rejected', a.rejected], ['logpsChosen', a.logpsChosen], ['logpsRejected', a.logpsRejected]] as const) {
    fits(k, name, block, pairs, `chosen's length ${pairs}`);
  }
  fits(k, 'positionRejected', a.positionRejected, a.positionChosen.length, `positionChosen's length ${a.positionChosen.length}`);
}

export function checkPairArrays(kernel: string, n: number, arrays: ReadonlyArray<readonly [string, Float32Block]>): void {
  whole(kernel, 'n', n);
  for (const [name, block] of arrays) fits(kernel, name, block, n, `n=${n}`);
}

export function checkSlice(block: { readonly length: number }, start: number, length: number): void {
  whole('slice', 'start', start); whole('slice', 'length', length);
  fits('slice', 'block', block, start + length, `[${start}, ${start + length})`);
}
