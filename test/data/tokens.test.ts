import { describe, expect, it } from 'vitest';
import { layoutZ, maxSharing, sharedPairs, sharedTokenCount, tokenPairs, tokensNeeded, vocabularySize } from '../../src/data/tokens.js';

describe('response-token layouts', () => {
  it('disjoint: value k answers with 2k and 2k + 1, Z = 1, 2K tokens', () => {
    expect(tokenPairs('disjoint', 3)).toEqual([[0, 1], [2, 3], [4, 5]]);
    expect(layoutZ('disjoint', 3)).toBe(1);
    expect(tokensNeeded('disjoint', 3)).toBe(6);
  });

  it('yes-no: every value answers with tokens 0 and 1, Z = K, 2 tokens', () => {
    expect(tokenPairs('yes-no', 4)).toEqual([[0, 1], [0, 1], [0, 1], [0, 1]]);
    expect(layoutZ('yes-no', 4)).toBe(4);
    expect(tokensNeeded('yes-no', 4)).toBe(2);
  });

  it('shared:Z: distinct pairs, each token in at most Z of them, on the fewest tokens possible', () => {
    for (let K = 1; K <= 80; K++) {
      for (let Z = 1; Z <= 12; Z++) {
        const pairs = sharedPairs(K, Z);
        const label = `K = ${K}, Z = ${Z}`;
        expect(pairs.length, label).toBe(K);
        expect(pairs.every(([a, b]) => a !== b), label).toBe(true);
        expect(new Set(pairs.map(([a, b]) => `${Math.min(a, b)},${Math.max(a, b)}`)).size, label).toBe(K);
        expect(maxSharing(pairs), label).toBeLessThanOrEqual(Z);
        // No layout can do with fewer: 2K token uses at most Z per token, and at most T(T-1)/2 distinct pairs.
        let lowest = 2;
        while (lowest * (lowest - 1) / 2 < K || lowest * Z < 2 * K) lowest++;
        expect(sharedTokenCount(K, Z), label).toBe(lowest);
        expect(Math.max(...pairs.flat()) + 1, label).toBe(lowest);
      }
    }
  });

  it('shared:Z reaches Z when there are enough values', () => {
    expect(layoutZ('shared:3', 12)).toBe(3);
    expect(layoutZ('shared:3', 1)).toBe(1);
    expect(tokensNeeded('shared:2', 10)).toBe(10);
  });

  it('V may exceed what the layout needs; 0 means exactly that; less is refused by name', () => {
    expect(vocabularySize('disjoint', 4, 0)).toBe(8);
    expect(vocabularySize('disjoint', 4, 100)).toBe(100);
    expect(() => vocabularySize('disjoint', 4, 7)).toThrow("V: must be at least 8, the tokens layout 'disjoint' uses for K = 4 (got V = 7; 0 means exactly 8)");
  });

  it('refuses an unknown layout', () => {
    expect(() => tokenPairs('shared:0', 2)).toThrow(/tokens: must be disjoint, yes-no or shared:Z/);
  });
});
