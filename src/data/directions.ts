// The directions of the data (theory.md §3): the unit direction of the shared component b and
// the K concept vectors c_1..c_K. The paper places them on standard axes "without loss of
// generality", which holds for gradient descent but not for Adam (per-coordinate scaling would
// see the axes), so the default is a random orthonormal frame; `axes` keeps the paper's layout.
import { OptionsError, type DataOptions } from '../config/options.js';
import { Random } from './random.js';

export interface Directions {
  /** unit direction of b: [d] */
  b: Float64Array;
  /** the concept vectors c_k, each unit norm: K arrays of [d] */
  concepts: Float64Array[];
}

type DirectionOptions = Pick<DataOptions, 'K' | 'd' | 'axes' | 'conceptCos' | 'delta' | 'seed'>;

/** b's direction and the concepts for the options: orthogonal, delta-approximate or with cosine conceptCos. */
export function makeDirections(options: DirectionOptions): Directions {
  const { K, d, conceptCos, delta } = options;
  if (d < K + 1) {
    throw new OptionsError(`d: must be at least K + 1 = ${K + 1}, because b and the K concept axes need K + 1 orthogonal directions (got d = ${d})`);
  }
  if (conceptCos !== null && delta !== null) throw new OptionsError('conceptCos: choose conceptCos or delta, not both');
  const frame = options.axes ? standardAxes(K + 1, d) : orthonormalFrame(K + 1, d, new Random(`${options.seed}:frame`));
  const [b, ...axes] = frame as [Float64Array, ...Float64Array[]];
  if (conceptCos !== null) return { b, concepts: withPairwiseCosine(axes, conceptCos) };
  if (delta !== null) return { b, concepts: axes.map((axis, k) => tilted(axis, delta, new Random(`${options.seed}:delta:${k}`))) };
  return { b, concepts: axes };
}

/** e_0..e_{count-1}. */
export function standardAxes(count: number, d: number): Float64Array[] {
  return Array.from({ length: count }, (_, i) => {
    const axis = new Float64Array(d);
    axis[i] = 1;
    return axis;
  });
}

/**
 * `count` orthonormal vectors of R^d, uniformly oriented, orthogonal to the orthonormal vectors
 * `avoid`: Gram-Schmidt on Gaussian vectors, O(count^2 d). Each vector takes d normals from the
 * stream in turn, so the frame for K values is the first K + 1 vectors of the frame for more.
 */
export function orthonormalFrame(count: number, d: number, random: Random, avoid: Float64Array[] = []): Float64Array[] {
  if (count + avoid.length > d) throw new RangeError(`no ${count} orthonormal vectors orthogonal to ${avoid.length} others in d = ${d}`);
  const frame: Float64Array[] = [];
  while (frame.length < count) {
    const vector = new Float64Array(d);
    for (let i = 0; i < d; i++) vector[i] = random.normal();
    // Two passes of projection keep the frame orthogonal to rounding even when d is close to count.
    for (let pass = 0; pass < 2; pass++) for (const previous of [...avoid, ...frame]) subtractProjection(vector, previous);
    const norm = Math.sqrt(dot(vector, vector));
    // A draw (nearly) inside the span of the frame so far carries no new direction: draw again.
    if (norm < 1e-6) continue;
    for (let i = 0; i < d; i++) vector[i]! /= norm;
    frame.push(vector);
  }
  return frame;
}

/**
 * Unit concepts with pairwise cosine exactly rho inside the span of the K concept axes (so
 * still orthogonal to b): c_i = sqrt(1 - rho) e_i + g * sum_j e_j, with g the root of
 * K g^2 + 2 sqrt(1 - rho) g = rho that keeps c_i of unit norm. K unit vectors can have pairwise
 * cosine rho only if their Gram matrix (1 - rho) I + rho 11^T is positive semidefinite,
 * i.e. rho >= -1/(K - 1).
 */
export function withPairwiseCosine(axes: Float64Array[], rho: number): Float64Array[] {
  const K = axes.length;
  if (K > 1 && (rho < -1 / (K - 1) || rho > 1)) {
    throw new OptionsError(`conceptCos: must lie in [-1/(K - 1), 1] = [${-1 / (K - 1)}, 1] for K = ${K}, because no ${K} unit vectors have pairwise cosine ${rho}`);
  }
  const a = Math.sqrt(1 - rho);
  const g = (Math.sqrt(Math.max(0, 1 + (K - 1) * rho)) - a) / K;
  const d = axes[0]?.length ?? 0;
  const sum = new Float64Array(d);
  for (const axis of axes) for (let i = 0; i < d; i++) sum[i]! += axis[i]!;
  return axes.map((axis) => {
    const c = new Float64Array(d);
    for (let i = 0; i < d; i++) c[i] = a * axis[i]! + g * sum[i]!;
    return c;
  });
}

/**
 * Appendix C's delta-approximately orthogonal concept: cos(theta) e + sin(theta) u with
 * cos(theta) = 1 - delta^2/8 and u a random unit vector orthogonal to e. u may overlap b and
 * the other concepts on purpose: that cross-talk is what Appendix C bounds.
 */
export function tilted(axis: Float64Array, delta: number, random: Random): Float64Array {
  const [u] = orthonormalFrame(1, axis.length, random, [axis]) as [Float64Array];
  const cos = 1 - (delta * delta) / 8;
  const sin = Math.sqrt(1 - cos * cos);
  return axis.map((value, i) => cos * value + sin * u[i]!);
}

function dot(x: Float64Array, y: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += x[i]! * y[i]!;
  return sum;
}

/** x -= <x, unit> unit, for a unit vector. */
function subtractProjection(x: Float64Array, unit: Float64Array): void {
  const projection = dot(x, unit);
  for (let i = 0; i < x.length; i++) x[i]! -= projection * unit[i]!;
}
