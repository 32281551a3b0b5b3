// The Wasm core and the JS twin run the same multi-token training: every continuous metric,
// per-position reward and the weight change within 1e-4 * max(1, |value|), counts equal up
// to pairs whose margin is within rounding of zero.
import { describe, expect, it } from 'vitest';
import type { Metrics } from '../../src/train/evaluate.js';
import { loadEngines } from '../helpers.js';
import { traced } from '../train/helpers.js';

const continuous: Array<keyof Metrics> = ['loss', 'margin', 'margin_min', 'margin_max', 'chosen', 'rejected', 'logps_chosen', 'logps_rejected'];
const fractions: Array<keyof Metrics> = ['acc', 'ranking_acc', 'displacement'];

describe('wasm and js agree on a multi-token run', async () => {
  const { relaxed, simd, js } = await loadEngines();
  const configurations = [
    { K: 3, Q: 8, test: 4, d: 24, V: 300, L: 6, prefix: 2, gamma: 0.5, vpos: 0.05, w0Scale: 0.5, steps: 30, lr: 0.5 },
    { K: 2, Q: 6, test: 4, d: 16, V: 100, L: 4, prefix: 1, gamma: 1, vpos: 0.1, w0Scale: 1, optimizer: 'adam', lr: 0.02, beta: 0.1, steps: 25, sft: 0.2 },
    { K: 2, Q: 10, test: 5, d: 12, V: 40, L: 3, loss: 'ipo', beta: 0.5, w0Scale: 2, steps: 25, lr: 0.1 },
  ] as const;
  for (const configuration of configurations) {
    it(`${JSON.stringify(configuration)}`, () => {
      const runs = [relaxed, simd, js].map((backend) => traced(backend, { ...configuration, seed: 7, logEvery: 5 }));
      const reference = runs[2]!;
      for (const run of runs.slice(0, 2)) {
        run.record.log.forEach((entry, k) => {
          const other = reference.record.log[k]!;
          const close = (a: number, b: number, what: string) =>
            expect(Math.abs(a - b), `${run.record.backend.variant} step ${entry.step} ${what}: ${a} vs ${b}`).toBeLessThanOrEqual(1e-4 * Math.max(1, Math.abs(b)));
          for (const split of ['train', 'test'] as const) {
            for (const name of continuous) close(entry[split][name]!, other[split][name]!, `${split} ${name}`);
            const margins = reference.margins[k]![split === 'train' ? 0 : 1];
            const ambiguous = Array.from(margins).filter((r) => Math.abs(r) < 1e-4).length;
            for (const name of fractions) {
              expect(Math.abs(entry[split][name]! - other[split][name]!) * margins.length, `${split} ${name}`).toBeLessThanOrEqual(ambiguous + 1e-9);
            }
            const positions = entry.per_position_reward![split], otherPositions = other.per_position_reward![split];
            positions.chosen.forEach((value, j) => close(value, otherPositions.chosen[j]!, `${split} position ${j + 1} chosen`));
            positions.rejected.forEach((value, j) => close(value, otherPositions.rejected[j]!, `${split} position ${j + 1} rejected`));
          }
          close(entry.weight_change!, other.weight_change!, 'weight change');
        });
      }
    });
  }
});
