// The response tokens a dataset actually uses (theory.md §3): each value's pair (a_k, b_k),
// read as the most common (preferred, rejected) of its aligned pairs and the reverse of its
// misaligned ones; the fraction of training pairs that disagree with their cluster's pair
// (annotator noise, `flip`); Z; and the token layout that reproduces the pairs, if any.
import type { Split } from '../data/dataset.js';
import { maxSharing, tokenPairs, type TokenPair } from '../data/tokens.js';

export interface Responses {
  /** value k's pair [a_k, b_k]: a_k preferred in C_{k,+}, b_k in C_{k,-} */
  pairs: TokenPair[];
  /** fraction of pairs whose preference is the reverse of their cluster's */
  flipped: number;
  /** the most values whose pairs contain one same token */
  Z: number;
  /** whether no two values use the same pair */
  distinct: boolean;
  /** the layout (yes-no, disjoint, shared:Z) with exactly these pairs, or null */
  layout: string | null;
}

/** The responses of a single-token split; every value needs at least one pair. */
export function readResponses(split: Split, K: number): Responses {
  const votes = Array.from({ length: K }, () => new Map<string, number>());
  for (let i = 0; i < split.N; i++) {
    const [a, b] = split.side[i]! > 0 ? [split.yw[i]!, split.yl[i]!] : [split.yl[i]!, split.yw[i]!];
    const tally = votes[split.value[i]!]!;
    tally.set(`${a},${b}`, (tally.get(`${a},${b}`) ?? 0) + 1);
  }
  let agreeing = 0;
  const pairs = votes.map((tally, k) => {
    const best = [...tally].sort(([, x], [, y]) => y - x)[0];
    if (!best) throw new RangeError(`value ${k} has no training pairs`);
    agreeing += best[1];
    return best[0].split(',').map(Number) as unknown as TokenPair;
  });
  const keys = pairs.map(([a, b]) => `${Math.min(a, b)},${Math.max(a, b)}`);
  const same = (layout: string) => tokenPairs(layout, K).every(([a, b], k) => a === pairs[k]![0] && b === pairs[k]![1]);
  const Z = maxSharing(pairs);
  return {
    pairs,
    flipped: 1 - agreeing / split.N,
    Z,
    distinct: new Set(keys).size === K,
    layout: ['yes-no', 'disjoint', `shared:${Z}`].find(same) ?? null,
  };
}
