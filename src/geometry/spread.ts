// Appendix E's spread of each cluster: the Frobenius norm of its covariance and the mean
// squared distance of its embeddings to their mean, after scaling all embeddings by one factor
// so that their root-mean-square norm is 1 (the reference notebook's "average norm" is the mean
// of ||x||^2). In the model a cluster's covariance is v^2 I: its Frobenius norm is v^2 sqrt(d)
// and its mean squared distance d v^2, in the scaled units.
//
// ||C||_F needs the d x d covariance C = Xc^T Xc / (n - 1) (np.cov's normalisation), whose
// Frobenius norm equals that of the n x n Gram matrix Xc Xc^T: the smaller of the two is
// formed with the backend's GEMM, chunk by chunk over rows for the d x d one.
import type { Backend } from '../backend/index.js';
import type { Split } from '../data/dataset.js';
import type { ClusterMoments } from './moments.js';
import { clusterIndex } from './moments.js';

export interface ClusterSpread {
  value: number;
  side: 1 | -1;
  count: number;
  /** ||covariance||_F of the scaled embeddings (NaN below two samples) */
  covarianceFrobenius: number;
  /** mean of ||x - mean||^2 over the cluster, scaled embeddings */
  meanSquaredDistance: number;
}

/** sqrt(mean ||x||^2) over the split: the factor that brings the embeddings to unit average norm. */
export function rmsNorm(split: Split): number {
  let sum = 0;
  for (let i = 0; i < split.G.length; i++) sum += split.G[i]! * split.G[i]!;
  return Math.sqrt(sum / split.N);
}

export function clusterSpread(backend: Backend, split: Split, clusters: readonly ClusterMoments[], d: number): ClusterSpread[] {
  const scale = rmsNorm(split);
  const members: number[][] = clusters.map(() => []);
  for (let i = 0; i < split.N; i++) members[clusterIndex(split.value[i]!, split.side[i]!)]!.push(i);
  return clusters.map((cluster, c) => ({
    value: cluster.value,
    side: cluster.side,
    count: cluster.count,
    covarianceFrobenius: cluster.count < 2 ? NaN : scatterFrobenius(backend, split, members[c]!, cluster.mean, d) / ((cluster.count - 1) * scale * scale),
    meanSquaredDistance: cluster.scatter / (cluster.count * scale * scale),
  }));
}

/** ||Xc^T Xc||_F for the rows `rows` of G centred on `mean`. */
function scatterFrobenius(backend: Backend, split: Split, rows: readonly number[], mean: Float64Array, d: number): number {
  const n = rows.length;
  const gram = n <= d;
  const chunk = gram ? n : d;
  const side = gram ? n : d;
  const X = backend.float32(chunk * d);
  const product = backend.float32(side * side);
  try {
    for (let start = 0; start < n; start += chunk) {
      const count = Math.min(chunk, n - start);
      const view = X.view();
      for (let r = 0; r < count; r++) {
        const row = rows[start + r]! * d;
        for (let j = 0; j < d; j++) view[r * d + j] = split.G[row + j]! - mean[j]!;
      }
      const rowsBlock = X.slice(0, count * d);
      if (gram) backend.gemm('nt', n, n, d, 1, rowsBlock, rowsBlock, 0, product);
      else backend.gemm('tn', d, d, count, 1, rowsBlock, rowsBlock, start === 0 ? 0 : 1, product);
    }
    const entries = product.view();
    let sum = 0;
    for (let i = 0; i < entries.length; i++) sum += entries[i]! * entries[i]!;
    return Math.sqrt(sum);
  } finally {
    backend.free(X);
    backend.free(product);
  }
}
