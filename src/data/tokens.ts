// Response-token layouts (theory.md §3): which pair (a_k, b_k) of tokens value k answers with.
// In C_{k,+} a_k is preferred over b_k, in C_{k,-} the reverse. Z, the largest number of values
// whose pairs contain one same token, is what Theorem 4.2's condition Z <= 1/(4 lb^2) limits.
import { OptionsError } from '../config/options.js';

/** A value's response pair: [a_k, b_k]. */
export type TokenPair = readonly [number, number];

/**
 * The K response pairs of a layout:
 * - `disjoint`: value k answers with tokens 2k and 2k + 1 (Z = 1);
 * - `shared:Z`: each token is used by at most Z values, no two values share a pair, and the
 *   vocabulary is as small as that allows (see sharedPairs);
 * - `yes-no`: every value answers with tokens 0 and 1 (Z = K), as the persona experiments do;
 *   this breaks the theorem's distinct-pairs assumption on purpose.
 */
export function tokenPairs(layout: string, K: number): TokenPair[] {
  if (layout === 'disjoint') return Array.from({ length: K }, (_, k) => [2 * k, 2 * k + 1] as const);
  if (layout === 'yes-no') return Array.from({ length: K }, () => [0, 1] as const);
  const shared = /^shared:([1-9][0-9]*)$/.exec(layout);
  if (shared) return sharedPairs(K, Number(shared[1]));
  throw new OptionsError(`tokens: must be disjoint, yes-no or shared:Z with Z >= 1 (got '${layout}')`);
}

/** Z of a layout for K values: the most values whose pairs contain one same token. */
export function layoutZ(layout: string, K: number): number {
  return maxSharing(tokenPairs(layout, K));
}

/** The most pairs that contain one same token. */
export function maxSharing(pairs: readonly TokenPair[]): number {
  const uses = new Map<number, number>();
  for (const pair of pairs) for (const token of new Set(pair)) uses.set(token, (uses.get(token) ?? 0) + 1);
  return Math.max(0, ...uses.values());
}

/** The vocabulary a layout needs: one more than its largest token id. */
export function tokensNeeded(layout: string, K: number): number {
  return 1 + Math.max(...tokenPairs(layout, K).flat());
}

/** The vocabulary size of a run: V when given (0 means just what the layout needs). */
export function vocabularySize(layout: string, K: number, V: number): number {
  const needed = tokensNeeded(layout, K);
  if (V === 0) return needed;
  if (V < needed) throw new OptionsError(`V: must be at least ${needed}, the tokens layout '${layout}' uses for K = ${K} (got V = ${V}; 0 means exactly ${needed})`);
  return V;
}

/**
 * K distinct pairs over as few tokens T as possible with each token in at most Z pairs: the
 * edges of a graph on T vertices with K edges and degree <= Z. T can be no smaller than
 * max(2, ceil(2K / Z), the least T with T(T-1)/2 >= K), and this construction reaches it:
 * - if Z >= T - 1, no token can exceed Z uses: take the first K edges in the order below;
 * - else take the circulant edges {j, j + s mod T} for offsets s = 1, 2, ..., floor(Z/2) in
 *   turn (each full offset adds 2 to every token's count, a partial one at most 2), and when
 *   Z is odd finish with a matching (each token at most once more) from offset floor(T/2):
 *   {j, j + T/2} for even T; for odd T that offset is coprime to T, so its edges form one
 *   cycle 0, s, 2s, ... and every other edge of it is a matching of (T - 1)/2 pairs.
 * Counting shows these are enough: T floor(Z/2) + floor(T/2) >= K because T Z >= 2K.
 */
export function sharedPairs(K: number, Z: number): TokenPair[] {
  const T = sharedTokenCount(K, Z);
  const circulant = (s: number): TokenPair[] => Array.from({ length: T }, (_, j) => [j, (j + s) % T] as const);
  if (Z >= T - 1) {
    const all: TokenPair[] = [];
    for (let s = 1; s <= Math.floor(T / 2); s++) all.push(...circulant(s).slice(0, 2 * s === T ? T / 2 : T));
    return all.slice(0, K);
  }
  const pairs: TokenPair[] = [];
  for (let s = 1; s <= Math.floor(Z / 2); s++) pairs.push(...circulant(s));
  if (Z % 2 === 1) {
    const s = Math.floor(T / 2);
    const matching: TokenPair[] = T % 2 === 0
      ? circulant(s).slice(0, s)
      : Array.from({ length: (T - 1) / 2 }, (_, i) => [(2 * i * s) % T, ((2 * i + 1) * s) % T] as const);
    pairs.push(...matching);
  }
  return pairs.slice(0, K);
}

/** The fewest tokens that K distinct pairs with each token in at most Z pairs can use. */
export function sharedTokenCount(K: number, Z: number): number {
  let complete = 2;
  while ((complete * (complete - 1)) / 2 < K) complete++;
  return Math.max(complete, Math.ceil((2 * K) / Z));
}
