// The JS twin of assembly/kernels/reversed-pairs.ts.
import type { ReversedPairs } from '../backend.js';

export function reversedPairs(reference: Float32Array, current: Float32Array, n: number, threshold: number): ReversedPairs {
  const limit = -Math.fround(threshold);
  let reversed = 0, flipped = 0;
  for (let i = 0; i < n; i++) {
    if (reference[i]! < limit) {
      reversed++;
      if (current[i]! > 0) flipped++;
    }
  }
  return { reversed, flipped };
}
