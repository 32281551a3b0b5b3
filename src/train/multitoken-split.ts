// A split of multi-token pairs laid out as rows for the kernels: one row per distinct
// (context, token) of a response, copied into backend memory once.
// Rows come in two regions:
//   active [0, activeRows): positions where the two responses differ in context or token; each
//     gives a preferred row (sign +1) and a rejected row (sign -1), the rows of a pair together.
//   shared [activeRows, rows): positions where both responses have the same hidden state and
//     the same token (the shared prefix). Their token rewards cancel in the margin, so the DPO
//     gradient skips them; they count in each response's log-probability and in the SFT term.
// A split with L = 1 ([N, d] hidden states, one per prompt) is the same layout with one position.
import type { Backend, Float32Block, Int32Block } from '../backend/index.js';
import type { Split } from '../data/dataset.js';
import { checkIds } from './resident.js';

/** Rows [start, start + rows) of one region, visited together (whole pairs in the active region). */
export interface RowRange {
  start: number;
  rows: number;
}

export class SequenceSplit {
  readonly N: number;
  readonly rows: number;
  readonly activeRows: number;
  /** hidden state of each row [rows x d] */
  readonly G: Float32Block;
  /** the row's token, its pair, its position 0..L-1 [rows] */
  readonly target: Int32Block;
  readonly pair: Int32Block;
  readonly position: Int32Block;
  /** +1 preferred, -1 rejected, 0 shared [rows] */
  readonly sign: Float32Block;
  /** log-probability of the row's token under W at the last pass, and under W0 [rows] */
  readonly logp: Float32Block;
  readonly logp0: Float32Block;
  /** each row's factor in dL/dW at the last training pass [rows] */
  readonly weight: Float32Block;
  /** value id of each pair [N] */
  readonly value: Int32Block;
  /** per pair [N]: r_i, the rewards and log-probabilities of each response, the reference's log-ratio, scratch */
  readonly margins: Float32Block;
  readonly chosen: Float32Block;
  readonly rejected: Float32Block;
  readonly logpsChosen: Float32Block;
  readonly logpsRejected: Float32Block;
  readonly referenceGap: Float32Block;
  readonly scratch: Float32Block;
  /** per position [L]: summed rewards of each response */
  readonly positionChosen: Float32Block;
  readonly positionRejected: Float32Block;
  /** the row of (pair i, position j, side s) at rowTable[(i L + j) 2 + s]; both sides of a shared position name one row */
  readonly rowTable: Int32Array;
  /** the active region in chunks of whole pairs, and the shared region, each chunk at most chunkRows rows */
  readonly activeChunks: RowRange[];
  readonly sharedChunks: RowRange[];

  constructor(readonly backend: Backend, split: Split, readonly L: number, readonly d: number, V: number, K: number,
    name: string, chunkRows: number) {
    const { N } = split;
    this.N = N;
    checkIds(split.yw, V, `${name} preferred token`);
    checkIds(split.yl, V, `${name} rejected token`);
    checkIds(split.value, K, `${name} value id`);
    const expected = L === 1 ? N * d : N * 2 * L * d;
    if (split.G.length !== expected) {
      throw new RangeError(`${name}: G holds ${split.G.length} floats, expected ${L === 1 ? `N=${N} x d=${d}` : `N=${N} x 2 x L=${L} x d=${d}`}`);
    }
    // Where side s's hidden state at position j of pair i starts in split.G ([N, d] when L = 1).
    const hidden = (i: number, s: number, j: number) => (L === 1 ? i * d : ((i * 2 + s) * L + j) * d);
    const active = new RowList(2 * N * L), shared = new RowList(N * L);
    const pairStart = new Int32Array(N + 1);
    for (let i = 0; i < N; i++) {
      pairStart[i] = active.length;
      for (let j = 0; j < L; j++) {
        const w = split.yw[i * L + j]!, l = split.yl[i * L + j]!;
        const gw = hidden(i, 0, j), gl = hidden(i, 1, j);
        if (w === l && sameRow(split.G, gw, gl, d)) {
          shared.push(gw, w, i, j, 0);
        } else {
          active.push(gw, w, i, j, 1);
          active.push(gl, l, i, j, -1);
        }
      }
    }
    pairStart[N] = active.length;
    this.activeRows = active.length;
    this.rows = active.length + shared.length;
    const column = <T extends Int32Array | Float32Array>(pick: (list: RowList) => T, make: new (n: number) => T): T => {
      const out = new make(this.rows);
      out.set(pick(active).subarray(0, active.length));
      out.set(pick(shared).subarray(0, shared.length), active.length);
      return out;
    };
    const offsets = column((list) => list.offset, Int32Array);
    const G = new Float32Array(this.rows * d);
    for (let row = 0; row < this.rows; row++) G.set(split.G.subarray(offsets[row]!, offsets[row]! + d), row * d);
    const pairs = column((list) => list.pair, Int32Array), positions = column((list) => list.position, Int32Array);
    const signs = column((list) => list.sign, Float32Array);
    this.rowTable = new Int32Array(N * L * 2);
    for (let row = 0; row < this.rows; row++) {
      const slot = (pairs[row]! * L + positions[row]!) * 2;
      if (signs[row]! >= 0) this.rowTable[slot] = row;
      if (signs[row]! <= 0) this.rowTable[slot + 1] = row;
    }
    this.G = backend.float32(this.rows * d, G);
    this.target = backend.int32(this.rows, column((list) => list.token, Int32Array));
    this.pair = backend.int32(this.rows, pairs);
    this.position = backend.int32(this.rows, positions);
    this.sign = backend.float32(this.rows, signs);
    this.logp = backend.float32(this.rows);
    this.logp0 = backend.float32(this.rows);
    this.weight = backend.float32(this.rows);
    this.value = backend.int32(N, split.value);
    const perPair = () => backend.float32(N);
    this.margins = perPair(); this.chosen = perPair(); this.rejected = perPair();
    this.logpsChosen = perPair(); this.logpsRejected = perPair(); this.referenceGap = perPair(); this.scratch = perPair();
    this.positionChosen = backend.float32(L);
    this.positionRejected = backend.float32(L);
    // A pair has at most 2L active rows, so chunkRows >= 2L always holds a whole pair.
    if (chunkRows < 2 * L) throw new RangeError(`${name}: chunks of ${chunkRows} rows cannot hold a pair's ${2 * L} rows`);
    this.activeChunks = pairChunks(pairStart, chunkRows);
    this.sharedChunks = [];
    for (let start = this.activeRows; start < this.rows; start += chunkRows) {
      this.sharedChunks.push({ start, rows: Math.min(chunkRows, this.rows - start) });
    }
  }

  /** The row of pair i's token at position j (0-based) of side 0 (preferred) or 1 (rejected). */
  rowOf(i: number, j: number, side: 0 | 1): number {
    return this.rowTable[(i * this.L + j) * 2 + side]!;
  }

  free(): void {
    for (const block of [this.G, this.target, this.pair, this.position, this.sign, this.logp, this.logp0, this.weight, this.value,
      this.margins, this.chosen, this.rejected, this.logpsChosen, this.logpsRejected, this.referenceGap, this.scratch,
      this.positionChosen, this.positionRejected]) this.backend.free(block);
  }
}

/** Consecutive pairs grouped into chunks of at most `limit` rows (a pair is never cut). */
function pairChunks(pairStart: Int32Array, limit: number): RowRange[] {
  const chunks: RowRange[] = [];
  const N = pairStart.length - 1;
  let first = 0;
  while (first < N) {
    let last = first + 1;
    while (last < N && pairStart[last + 1]! - pairStart[first]! <= limit) last++;
    const rows = pairStart[last]! - pairStart[first]!;
    if (rows > 0) chunks.push({ start: pairStart[first]!, rows });
    first = last;
  }
  return chunks;
}

/** Rows as parallel arrays, filled in order. */
class RowList {
  length = 0;
  readonly offset: Int32Array;
  readonly token: Int32Array;
  readonly pair: Int32Array;
  readonly position: Int32Array;
  readonly sign: Float32Array;

  constructor(capacity: number) {
    this.offset = new Int32Array(capacity); this.token = new Int32Array(capacity);
    this.pair = new Int32Array(capacity); this.position = new Int32Array(capacity);
    this.sign = new Float32Array(capacity);
  }

  push(offset: number, token: number, pair: number, position: number, sign: number): void {
    const k = this.length++;
    this.offset[k] = offset; this.token[k] = token; this.pair[k] = pair; this.position[k] = position; this.sign[k] = sign;
  }
}

function sameRow(G: Float32Array, a: number, b: number, d: number): boolean {
  if (a === b) return true;
  for (let c = 0; c < d; c++) if (G[a + c] !== G[b + c]) return false;
  return true;
}
