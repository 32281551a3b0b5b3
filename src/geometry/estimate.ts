// The model's parameters (theory.md §3) estimated from cluster means: with m_{k,+} = c_k + b
// and m_{k,-} = -c_k + b, b is the average of the 2K cluster means, c_k = (m_{k,+} - m_{k,-})/2,
// and v comes from the within-cluster spread (pooled trace of the covariance / d).
//
// Squared norms of estimated means carry the noise of the samples they average: for a mean of
// n samples with per-coordinate variance sigma^2, E|m|^2 = |true m|^2 + d sigma^2 / n. With
// d = 4096 and a few hundred pairs per cluster that term rivals the signal, so norms, and the
// cosines they normalise, are corrected by their noise expectation (dot products of
// independent estimates need none). Directions stay the plain estimates.
//
// The model measures everything in units of |c_k| = 1; real hidden states have their own scale.
// `scale` is the mean corrected |c_k|, and lb and v are given in its units (lbRaw, vRaw in the
// data's own), which is what the theorem's conditions compare.
import { clusterIndex, type ClusterMoments } from './moments.js';
import { dot, unit } from './vectors.js';

export interface ParameterEstimate {
  /** mean noise-corrected |c_k|: one model unit in the data's units */
  scale: number;
  /** |b| / scale */
  lb: number;
  /** noise standard deviation per coordinate / scale */
  v: number;
  lbRaw: number;
  vRaw: number;
  /** unit direction of b: [d] */
  b: Float64Array;
  /** unit directions of the c_k: K arrays of [d] */
  concepts: Float64Array[];
  /** noise-corrected |c_k|, in the data's units */
  conceptNorms: number[];
  /** K x K cosines between the c_k (noise-corrected; 1 on the diagonal) */
  conceptCosines: number[][];
  /** mean of the off-diagonal cosines; null for K = 1 */
  meanConceptCos: number | null;
  /** cosine between each c_k and b (0 in the model) */
  conceptBCosines: number[];
}

/** The estimates from the 2K clusters of clusterMoments; every cluster needs a pair, and N > 2K. */
export function estimateParameters(clusters: readonly ClusterMoments[], K: number, d: number): ParameterEstimate {
  for (const cluster of clusters) {
    if (cluster.count === 0) throw new RangeError(`value ${cluster.value} has no ${cluster.side > 0 ? 'aligned (+1)' : 'misaligned (-1)'} training pairs, so its concept cannot be estimated`);
  }
  const N = clusters.reduce((sum, cluster) => sum + cluster.count, 0);
  if (N <= 2 * K) throw new RangeError(`${N} training pairs in ${2 * K} clusters leave no within-cluster spread to estimate v from`);
  const variance = clusters.reduce((sum, cluster) => sum + cluster.scatter, 0) / (d * (N - 2 * K));
  const cluster = (k: number, side: number) => clusters[clusterIndex(k, side)]!;
  const corrected = (squared: number, noise: number) => Math.sqrt(Math.max(0, squared - d * variance * noise));

  const b = new Float64Array(d);
  for (const { mean } of clusters) for (let j = 0; j < d; j++) b[j]! += mean[j]! / (2 * K);
  const inverseCounts = clusters.reduce((sum, { count }) => sum + 1 / count, 0);
  const lbRaw = corrected(dot(b, b), inverseCounts / (4 * K * K));

  const halfDifferences = Array.from({ length: K }, (_, k) => {
    const plus = cluster(k, 1).mean, minus = cluster(k, -1).mean;
    return plus.map((x, j) => (x - minus[j]!) / 2);
  });
  // Noise of c_k: (1/n_+ + 1/n_-)/4 per coordinate; of its product with b: (1/n_+ - 1/n_-)/(4K).
  const noiseOf = (k: number) => (1 / cluster(k, 1).count + 1 / cluster(k, -1).count) / 4;
  const conceptNorms = halfDifferences.map((c, k) => corrected(dot(c, c), noiseOf(k)));
  const conceptCosines = halfDifferences.map((ci, i) => halfDifferences.map((cj, j) => (i === j ? 1 : dot(ci, cj) / (conceptNorms[i]! * conceptNorms[j]!))));
  const conceptBCosines = halfDifferences.map((c, k) => {
    const noise = d * variance * (1 / cluster(k, 1).count - 1 / cluster(k, -1).count) / (4 * K);
    return (dot(c, b) - noise) / (conceptNorms[k]! * lbRaw);
  });
  const offDiagonal = conceptCosines.flatMap((row, i) => row.filter((_, j) => j !== i));
  const scale = conceptNorms.reduce((sum, norm) => sum + norm, 0) / K;
  return {
    scale,
    lb: lbRaw / scale,
    v: Math.sqrt(variance) / scale,
    lbRaw,
    vRaw: Math.sqrt(variance),
    b: unit(b),
    concepts: halfDifferences.map(unit),
    conceptNorms,
    conceptCosines,
    meanConceptCos: K > 1 ? offDiagonal.reduce((sum, x) => sum + x, 0) / offDiagonal.length : null,
    conceptBCosines,
  };
}
