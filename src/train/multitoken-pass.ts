// The forward pass of the multi-token path, chunk by chunk (theory.md §5): for the rows of a
// chunk, logits = G W^T [rows x V] (GEMM), then in place Y = softmax - onehot with each row's
// log p(token) (the fused row kernel). The caller gets the chunk while Y is still there: the
// gradient, the metrics and the --explain decomposition each do their part with it. Only one
// chunk of logits exists at a time, so memory stays bounded for any V x rows.
import type { Backend, Float32Block, Int32Block } from '../backend/index.js';
import type { RowRange, SequenceSplit } from './multitoken-split.js';

/** Floats of logits per chunk (32 MiB): enough rows for the GEMMs to run at full speed. */
export const LOGIT_FLOATS_PER_CHUNK = 1 << 23;

/** A chunk's rows, as slices of the split's row arrays, with its softmax-minus-one-hot rows. */
export interface Chunk extends RowRange {
  /** softmax(W g) - e_token per row [rows x V] */
  Y: Float32Block;
  G: Float32Block;
  target: Int32Block;
  pair: Int32Block;
  position: Int32Block;
  sign: Float32Block;
  /** log p(token) under the weights of this pass */
  logp: Float32Block;
  logp0: Float32Block;
  weight: Float32Block;
}

/**
 * The rows per chunk for vocabulary V, length L and at most N pairs in a split: the budget,
 * no more than the 2 N L rows there can be, and never fewer than one pair's 2L rows.
 */
export function chunkRowsFor(V: number, L: number, N: number): number {
  return Math.max(2 * L, Math.min(2 * N * L, Math.floor(LOGIT_FLOATS_PER_CHUNK / V)));
}

export class TokenPass {
  readonly logits: Float32Block;

  constructor(readonly backend: Backend, readonly V: number, readonly d: number, readonly chunkRows: number) {
    this.logits = backend.float32(chunkRows * V);
  }

  /**
   * Runs the chunks of one region of `split` under weights W [V x d], writing log p(token) to
   * `logp` (the split's logp, or logp0 for the reference), and hands each chunk to `visit`.
   */
  run(split: SequenceSplit, W: Float32Block, chunks: readonly RowRange[], logp: Float32Block, visit: (chunk: Chunk) => void): void {
    const { backend, V, d } = this;
    for (const { start, rows } of chunks) {
      const Y = this.logits.slice(0, rows * V);
      const G = split.G.slice(start * d, rows * d);
      const target = split.target.slice(start, rows);
      const chunkLogp = logp.slice(start, rows);
      backend.gemm('nt', rows, V, d, 1, G, W, 0, Y);
      backend.softmaxMinusOneHot(Y, rows, V, target, Y, chunkLogp);
      visit({
        start, rows, Y, G, target, logp: chunkLogp,
        pair: split.pair.slice(start, rows), position: split.position.slice(start, rows), sign: split.sign.slice(start, rows),
        logp0: split.logp0.slice(start, rows), weight: split.weight.slice(start, rows),
      });
    }
  }

  free(): void {
    this.backend.free(this.logits);
  }
}
