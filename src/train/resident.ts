// A split copied into backend memory once, with the per-sample scratch its metrics need.
// Everything the training loop touches per step lives here, so steps never copy data.
import type { Backend, Float32Block, Int32Block } from '../backend/index.js';
import type { Split } from '../data/dataset.js';

export class ResidentSplit {
  readonly N: number;
  readonly G: Float32Block;
  readonly yw: Int32Block;
  readonly yl: Int32Block;
  readonly value: Int32Block;
  /** r_i at the last evaluation */
  readonly margins: Float32Block;
  /** per-sample scratch for derived quantities (ranking margins, chosen and rejected rewards) */
  readonly scratch: Float32Block;
  readonly scratch2: Float32Block;

  constructor(readonly backend: Backend, split: Split, d: number, V: number, K: number, name: string) {
    checkIds(split.yw, V, `${name} preferred token`);
    checkIds(split.yl, V, `${name} rejected token`);
    checkIds(split.value, K, `${name} value id`);
    if (split.G.length !== split.N * d) throw new RangeError(`${name}: G holds ${split.G.length} floats, expected N=${split.N} x d=${d}`);
    this.N = split.N;
    this.G = backend.float32(split.G.length, split.G);
    this.yw = backend.int32(split.N, split.yw);
    this.yl = backend.int32(split.N, split.yl);
    this.value = backend.int32(split.N, split.value);
    this.margins = backend.float32(split.N);
    this.scratch = backend.float32(split.N);
    this.scratch2 = backend.float32(split.N);
  }

  free(): void {
    for (const block of [this.G, this.yw, this.yl, this.value, this.margins, this.scratch, this.scratch2]) this.backend.free(block);
  }
}

/** Every id in [0, limit): the kernels index memory with them, so one bad id would corrupt it. */
export function checkIds(ids: Int32Array, limit: number, what: string): void {
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    if (id < 0 || id >= limit) throw new RangeError(`${what} ${i} is ${id}, outside [0, ${limit})`);
  }
}
