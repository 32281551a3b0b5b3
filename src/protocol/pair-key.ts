// A pseudo-random sort key for each preference pair, computed from the pair's contents (hidden
// states, tokens, value, side) and the seed: two MurmurHash3 lanes (x86_32 body and finaliser)
// with seeds drawn from the run's seed, combined into 53 bits. Sorting by it is a seeded
// shuffle that does not depend on where a pair sits: the reference split comes out the same
// however the pairs were ordered or divided between train_ and test_ files, and splitting data
// the split itself reordered picks the same pairs again.
import { hashString } from '../data/random.js';
import type { PooledPairs } from './pooled.js';

export function pairKeys(pool: PooledPairs, seed: number): Float64Array {
  const seeds = [hashString(`${seed}:reference-split:0`), hashString(`${seed}:reference-split:1`)] as const;
  const keys = new Float64Array(pool.N);
  for (let row = 0; row < pool.N; row++) {
    const [split, i] = pool.locate(row);
    const states = pool.states(row);
    const words = [
      new Uint32Array(states.buffer, states.byteOffset, states.length),
      split.yw.subarray(i * pool.tokenWidth, (i + 1) * pool.tokenWidth),
      split.yl.subarray(i * pool.tokenWidth, (i + 1) * pool.tokenWidth),
      [split.value[i]!, split.side[i]!],
    ];
    const lanes = seeds.map((laneSeed) => {
      let h = laneSeed, length = 0;
      for (const part of words) {
        for (let k = 0; k < part.length; k++) h = murmurRound(h, part[k]! | 0);
        length += part.length;
      }
      return finalise(h ^ (length * 4));
    });
    keys[row] = lanes[0]! * 2 ** 21 + (lanes[1]! >>> 11);
  }
  return keys;
}

function murmurRound(h: number, word: number): number {
  let k = Math.imul(word, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function finalise(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
