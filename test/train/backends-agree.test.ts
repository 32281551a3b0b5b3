// The Wasm core and the JS twin run the same training: every continuous metric within
// 1e-4 * max(1, |value|), accuracies differing only through samples whose |margin| < 1e-5.
import { describe, expect, it } from 'vitest';
import type { Metrics } from '../../src/train/evaluate.js';
import { loadEngines } from '../helpers.js';
import { traced } from './helpers.js';

const continuous: Array<keyof Metrics> = ['loss', 'margin', 'margin_min', 'margin_max', 'chosen', 'rejected'];

describe('wasm and js agree on a full run', async () => {
  const { relaxed, simd, js } = await loadEngines();
  const configurations = [
    { K: 4, Q: 50, d: 32, tokens: 'disjoint', w0Scale: 0.5 },
    { K: 3, Q: 40, d: 20, tokens: 'yes-no', optimizer: 'adam', beta: 0.1, lr: 0.01, steps: 60 },
    { K: 5, Q: 30, d: 17, tokens: 'shared:2', loss: 'robust', batchSize: 64, steps: 80 },
  ] as const;
  for (const configuration of configurations) {
    it(`${JSON.stringify(configuration)}`, () => {
      const runs = [relaxed, simd, js].map((backend) => traced(backend, { ...configuration, seed: 5 }));
      const reference = runs[2]!;
      for (const run of runs.slice(0, 2)) {
        run.record.log.forEach((entry, k) => {
          const other = reference.record.log[k]!;
          for (const split of ['train', 'test'] as const) {
            for (const name of continuous) {
              const a = entry[split][name]!, b = other[split][name]!;
              expect(Math.abs(a - b), `${run.record.backend.variant} step ${entry.step} ${split} ${name}: ${a} vs ${b}`)
                .toBeLessThanOrEqual(1e-4 * Math.max(1, Math.abs(b)));
            }
            const margins = reference.margins[k]![split === 'train' ? 0 : 1];
            const ambiguous = Array.from(margins).filter((r) => Math.abs(r) < 1e-5).length;
            expect(Math.abs(entry[split].acc - other[split].acc) * margins.length).toBeLessThanOrEqual(ambiguous + 1e-9);
          }
          expect(Math.abs(entry.weight_change! - other.weight_change!)).toBeLessThanOrEqual(1e-4 * Math.max(1, other.weight_change!));
        });
      }
    });
  }
});
