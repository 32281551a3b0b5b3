// L = 1 through the multi-token path (W trained, full softmax each step) gives the single-token
// path's run (D = W - W0 trained, fused step): every logged metric and every margin within
// float32 tolerance, on both backends, for gd and Adam.
import { describe, expect, it } from 'vitest';
import { parseRunOptions, type RunOptions } from '../../src/config/options.js';
import { generateDataset } from '../../src/data/clusters.js';
import { tau1 } from '../../src/theory/bounds.js';
import { makeSchedule } from '../../src/train/schedule.js';
import { trainWeights } from '../../src/train/trainer.js';
import { trainSequences } from '../../src/train/multitoken.js';
import type { Metrics } from '../../src/train/evaluate.js';
import { expectClose, loadEngines } from '../helpers.js';

const compared: Array<keyof Metrics> = ['loss', 'margin', 'margin_min', 'margin_max', 'chosen', 'rejected'];
const counted: Array<keyof Metrics> = ['acc', 'ranking_acc', 'ref_reversed', 'ref_reversed_flipped'];

describe('L = 1 through the multi-token path equals the single-token path', async () => {
  const { relaxed, js } = await loadEngines();
  const configurations: Array<Partial<RunOptions>> = [
    { K: 3, Q: 20, d: 12, w0Scale: 0.8, steps: 40, lr: 0.5 },
    { K: 2, Q: 15, d: 8, V: 11, tokens: 'yes-no', loss: 'ipo', beta: 0.5, w0Scale: 1, steps: 30, lr: 0.2 },
    { K: 2, Q: 15, d: 8, optimizer: 'adam', lr: 0.01, beta: 0.1, steps: 30, loss: 'robust', w0Scale: 0.3 },
  ];
  for (const backend of [relaxed, js]) {
    for (const configuration of configurations) {
      it(`${backend.variant} ${JSON.stringify(configuration)}`, () => {
        const options = parseRunOptions({ ...configuration, test: 10, seed: 2, logEvery: 5 });
        const dataset = generateDataset(options);
        const schedule = makeSchedule(options, tau1(options.K, options.beta));
        const trace = (train: typeof trainWeights) => {
          const margins: Array<Record<'train' | 'test', Float32Array>> = [];
          const outcome = train(dataset, options, schedule, backend, {
            onMargins: (_, train, test) => margins.push({ train: Float32Array.from(train), test: Float32Array.from(test) }),
          });
          return { log: outcome.log, margins };
        };
        const single = trace(trainWeights), multi = trace(trainSequences);
        expect(multi.log.map((entry) => entry.step)).toEqual(single.log.map((entry) => entry.step));
        multi.log.forEach((entry, k) => {
          const other = single.log[k]!;
          const at = `step ${entry.step}`;
          for (const split of ['train', 'test'] as const) {
            const margins = single.margins[k]![split];
            expectClose(multi.margins[k]![split], margins, { rel: 1e-4, abs: 2e-5 }, `${at} ${split} margins`);
            // Accuracies may differ only through margins within rounding of zero.
            const ambiguous = Array.from(margins).filter((r) => Math.abs(r) < 1e-4).length;
            for (const name of compared) {
              const a = entry[split][name]!, b = other[split][name]!;
              expect(Math.abs(a - b), `${at} ${split} ${name}: ${a} vs ${b}`).toBeLessThanOrEqual(1e-4 * Math.max(1, Math.abs(b)));
            }
            for (const name of counted) {
              expect(entry[split][name], `${at} ${split} ${name}`).not.toBeNull();
              const pairs = name.endsWith('acc') ? margins.length : 1;
              expect(Math.abs(entry[split][name]! - other[split][name]!) * pairs, `${at} ${split} ${name}`).toBeLessThanOrEqual(ambiguous + 1e-9);
            }
          }
          expect(Math.abs(entry.weight_change! - other.weight_change!)).toBeLessThanOrEqual(1e-4 * Math.max(1, other.weight_change!));
        });
      });
    }
  }
});
