// First and second moments of each cluster C_{k,+} and C_{k,-} of a split (theory.md §3), in
// float64: the count, the mean and the scatter sum ||x - mean||^2. Everything the parameter
// estimates need, in two passes over the hidden states.
import type { Split } from '../data/dataset.js';

export interface ClusterMoments {
  value: number;
  /** +1 aligned, -1 misaligned */
  side: 1 | -1;
  count: number;
  /** [d]; NaN entries when the cluster is empty */
  mean: Float64Array;
  /** sum over the cluster of ||x - mean||^2 */
  scatter: number;
}

/** Where cluster (k, side) sits in the list clusterMoments returns. */
export const clusterIndex = (k: number, side: number): number => 2 * k + (side > 0 ? 0 : 1);

/** The 2K clusters in the order (0, +), (0, -), (1, +), ... of a split with hidden states [N, d]. */
export function clusterMoments(split: Split, K: number, d: number): ClusterMoments[] {
  const clusters: ClusterMoments[] = Array.from({ length: 2 * K }, (_, c) => ({
    value: c >> 1, side: c % 2 === 0 ? 1 : -1, count: 0, mean: new Float64Array(d), scatter: 0,
  }));
  const clusterOf = (i: number) => clusters[clusterIndex(split.value[i]!, split.side[i]!)]!;
  for (let i = 0; i < split.N; i++) {
    const cluster = clusterOf(i);
    cluster.count++;
    for (let j = 0, row = i * d; j < d; j++) cluster.mean[j]! += split.G[row + j]!;
  }
  for (const cluster of clusters) for (let j = 0; j < d; j++) cluster.mean[j]! /= cluster.count;
  for (let i = 0; i < split.N; i++) {
    const cluster = clusterOf(i);
    let sum = 0;
    for (let j = 0, row = i * d; j < d; j++) {
      const difference = split.G[row + j]! - cluster.mean[j]!;
      sum += difference * difference;
    }
    cluster.scatter += sum;
  }
  return clusters;
}
