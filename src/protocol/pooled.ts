// All pairs of a dataset, its train rows then its test rows, as one list without a copy. The
// reference protocol splits this pool itself, and hidden states are the bulk of the memory
// (d = 4096, N = 20,000 is 328 MB of float32), so rows are swapped inside the arrays they were
// read into, and a range of rows is handed out as views whenever it lies within one array.
import type { Dataset, Split } from '../data/dataset.js';

export class PooledPairs {
  /** pairs in the pool: train N + test N */
  readonly N: number;
  /** floats of hidden states per pair: d, or 2 L d for multi-token pairs */
  readonly stateWidth: number;
  /** tokens per response: L */
  readonly tokenWidth: number;
  readonly #parts: readonly [Split, Split];
  readonly #states: Float32Array;
  readonly #tokens: Int32Array;

  constructor(dataset: Dataset) {
    const { d, L } = dataset.meta;
    this.#parts = [dataset.train, dataset.test];
    this.N = dataset.train.N + dataset.test.N;
    this.stateWidth = L === 1 ? d : 2 * L * d;
    this.tokenWidth = L;
    this.#states = new Float32Array(this.stateWidth);
    this.#tokens = new Int32Array(this.tokenWidth);
  }

  /** The split holding pooled pair `row`, and the pair's index inside it. */
  locate(row: number): [Split, number] {
    const [train, test] = this.#parts;
    return row < train.N ? [train, row] : [test, row - train.N];
  }

  /** The hidden states of pooled pair `row` (a view). */
  states(row: number): Float32Array {
    const [split, i] = this.locate(row);
    return split.G.subarray(i * this.stateWidth, (i + 1) * this.stateWidth);
  }

  /** Exchanges two pooled pairs, every array of them. */
  swap(a: number, b: number): void {
    const [first, i] = this.locate(a);
    const [second, j] = this.locate(b);
    exchange(first.G, i, second.G, j, this.stateWidth, this.#states);
    exchange(first.yw, i, second.yw, j, this.tokenWidth, this.#tokens);
    exchange(first.yl, i, second.yl, j, this.tokenWidth, this.#tokens);
    exchange(first.value, i, second.value, j, 1, this.#tokens);
    [first.side[i], second.side[j]] = [second.side[j]!, first.side[i]!];
  }

  /** Pooled pairs [start, end) as a split: views into one array when they lie in it, else a copy. */
  rows(start: number, end: number): Split {
    const [train, test] = this.#parts;
    if (end <= train.N) return this.#view(train, start, end);
    if (start >= train.N) return this.#view(test, start - train.N, end - train.N);
    const head = this.#view(train, start, train.N), tail = this.#view(test, 0, end - train.N);
    const join = <T extends Float32Array | Int32Array | Int8Array>(x: T, y: T): T => {
      const out = new (x.constructor as { new(length: number): T })(x.length + y.length);
      out.set(x);
      out.set(y, x.length);
      return out;
    };
    return {
      N: end - start, G: join(head.G, tail.G), yw: join(head.yw, tail.yw), yl: join(head.yl, tail.yl),
      value: join(head.value, tail.value), side: join(head.side, tail.side),
    };
  }

  #view(split: Split, start: number, end: number): Split {
    const { stateWidth: s, tokenWidth: t } = this;
    return {
      N: end - start, G: split.G.subarray(start * s, end * s),
      yw: split.yw.subarray(start * t, end * t), yl: split.yl.subarray(start * t, end * t),
      value: split.value.subarray(start, end), side: split.side.subarray(start, end),
    };
  }
}

/** Swaps x[i*width ..] and y[j*width ..] through `scratch` (at least `width` long). */
function exchange<T extends Float32Array | Int32Array>(x: T, i: number, y: T, j: number, width: number, scratch: T): void {
  const row = scratch.subarray(0, width);
  row.set(x.subarray(i * width, (i + 1) * width));
  x.set(y.subarray(j * width, (j + 1) * width), i * width);
  y.set(row, j * width);
}
