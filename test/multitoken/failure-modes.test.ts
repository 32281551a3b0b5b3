// Section 7's failure mode: inside Theorem 4.2's conditions (single token, full-batch gd) no
// training margin exceeds log 3 by tau_1, so a pair whose reference prefers the rejected
// response by more than 3^(1/beta) keeps its wrong ranking. A large --w0-scale makes such
// pairs; the run must report them, none flipped at tau_1, and flips once training goes on
// far past tau_1 (so the count can move).
import { describe, expect, it } from 'vitest';
import { parseRunOptions } from '../../src/config/options.js';
import { generateDataset } from '../../src/data/clusters.js';
import { loadEngines } from '../helpers.js';
import { traced } from '../train/helpers.js';

/** log pi_ref(yw) - log pi_ref(yl) = (W0[yw] - W0[yl]) . g per training pair, in float64. */
function referenceGaps(options: ReturnType<typeof parseRunOptions>): Float64Array {
  const { train, W0, meta } = generateDataset(options);
  const { d } = meta;
  return Float64Array.from({ length: train.N }, (_, i) => {
    let gap = 0;
    for (let c = 0; c < d; c++) gap += (W0![train.yw[i]! * d + c]! - W0![train.yl[i]! * d + c]!) * train.G[i * d + c]!;
    return gap;
  });
}

describe('failure modes (Section 7)', async () => {
  const { relaxed, js } = await loadEngines();
  // Q = 64: v <= 1/(32 sqrt(Q)) = 0.0039, d <= 5Q, lb = 1/2, disjoint tokens (Z = 1 <= 1/(4 lb^2)).
  const base = { K: 3, Q: 64, test: 20, d: 16, v: 0.0039, lb: 0.5, beta: 1, w0Scale: 1.5, seed: 11 };

  for (const backend of [relaxed, js]) {
    it(`${backend.variant}: inside the conditions, pairs beyond 3^(1/beta) exist and none flips by tau_1`, () => {
      const options = parseRunOptions({ ...base, until: 'tau1', steps: 50 });
      const { record, margins } = traced(backend, options);
      const bounds = record.bounds as { conditions: Record<string, boolean>; applies: Record<string, boolean> };
      expect(bounds.applies['theorem4.2']).toBe(true);
      const gaps = referenceGaps(options);
      const threshold = Math.log(3) / options.beta;
      const beyond = Array.from(gaps.keys()).filter((i) => gaps[i]! < -threshold);
      expect(beyond.length).toBeGreaterThan(0);
      // Every logged step up to tau_1: each such pair's ranking log pi(yw) - log pi(yl) = r / beta + gap stays <= 0.
      for (const [train] of margins) {
        for (const i of beyond) expect(train[i]! / options.beta + gaps[i]!).toBeLessThan(0);
        expect(Math.max(...train)).toBeLessThanOrEqual(Math.log(3));
      }
      const failure = record.failure_modes as { theorem_applies: boolean; train: { reversed: number; flipped_at_tau1: number } };
      expect(failure.theorem_applies).toBe(true);
      expect(failure.train.reversed).toBe(beyond.length);
      expect(failure.train.flipped_at_tau1).toBe(0);
      expect(record.final!.train.ranking_acc!).toBeLessThan(record.final!.train.acc);
    });
  }

  it('far past tau_1 the margins pass log 3 and reversed pairs flip', () => {
    const options = parseRunOptions({ ...base, steps: 400, lr: 0.5 });
    const { record } = traced(relaxed, options);
    const failure = record.failure_modes as { train: { reversed: number; flipped_at_tau1: number | null; flipped_final: number } };
    expect(record.final!.train.margin_max).toBeGreaterThan(Math.log(3));
    expect(failure.train.flipped_final).toBeGreaterThan(0);
    expect(failure.train.flipped_final).toBeLessThanOrEqual(failure.train.reversed);
  });
});
