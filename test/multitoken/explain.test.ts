// --explain: the theory.md §5 decomposition of a token reward's rate of change predicts the
// change one small gd step actually makes (relative 1e-3), for preferred and rejected tokens,
// a shared-prefix token, with and without the SFT term, for L > 1 and L = 1; and it refuses
// Adam, whose steps do not follow gradient flow.
import { describe, expect, it } from 'vitest';
import { parseRunOptions, type RunOptions } from '../../src/config/options.js';
import { generateDataset } from '../../src/data/clusters.js';
import { trainOn } from '../../src/train/run.js';
import { parseExplainTarget, type ExplainReport } from '../../src/train/explain.js';
import { explainText } from '../../src/train/explain-text.js';
import { loadEngines } from '../helpers.js';
import { smallSequences } from './helpers.js';

const engines = loadEngines();

describe('--explain', async () => {
  const { relaxed, js } = await engines;
  const sequences = smallSequences({ V: 15, d: 6 });
  const single = generateDataset(parseRunOptions({ K: 2, Q: 4, test: 2, d: 6, V: 10, w0Scale: 0.5, seed: 6 }));
  const cases: Array<{ name: string; target: string; options: Partial<RunOptions>; dataset: typeof sequences }> = [
    { name: 'L = 3, preferred token after the prefix', target: '2:2:w', options: {}, dataset: sequences },
    { name: 'L = 3, rejected token at L_p + 1', target: '5:2:l', options: { loss: 'ipo' }, dataset: sequences },
    { name: 'L = 3, shared-prefix token, with SFT', target: '1:1:w', options: { sft: 0.5 }, dataset: sequences },
    { name: 'L = 3, last rejected token, with SFT, robust', target: '7:3:l', options: { sft: 0.3, loss: 'robust' }, dataset: sequences },
    { name: 'L = 1, preferred token', target: '3:1:w', options: {}, dataset: single },
  ];
  for (const backend of [relaxed, js]) {
    for (const { name, target, options, dataset } of cases) {
      it(`${backend.variant} ${name}: predicted rate equals the measured one-step change`, () => {
        const reports: ExplainReport[] = [];
        const parsed = parseRunOptions({ ...options, lr: 1e-3, steps: 4, logEvery: 1, beta: 0.8 });
        trainOn(dataset, parsed, backend, { explain: { ...parseExplainTarget(target), onReport: (report) => reports.push(report) } });
        expect(reports.map((report) => report.step)).toEqual([0, 1, 2, 3, 4]);
        for (const report of reports.slice(0, -1)) {
          const { predicted, measured } = report;
          expect(Math.abs(predicted), explainText(report)).toBeGreaterThan(1e-3);
          expect(Math.abs(predicted - measured!), explainText(report)).toBeLessThanOrEqual(1e-3 * Math.abs(measured!));
          const sum = report.same_token + report.row_probability + report.own_probability + report.output_correlation;
          expect(sum).toBeCloseTo(predicted, 12);
        }
        expect(reports[4]!.measured).toBeNull();
      });
    }
  }

  it('refuses Adam and positions that do not exist', () => {
    const onReport = () => undefined;
    expect(() => trainOn(sequences, parseRunOptions({ optimizer: 'adam', steps: 2 }), js, { explain: { sample: 0, position: 1, side: 'w', onReport } }))
      .toThrow(/--explain: the decomposition is the rate of gradient flow.*Use --optimizer gd/);
    expect(() => trainOn(sequences, parseRunOptions({ steps: 2 }), js, { explain: { sample: 0, position: 4, side: 'w', onReport } }))
      .toThrow(/--explain: position 4 is outside 1..L = 1..3/);
    expect(() => trainOn(sequences, parseRunOptions({ steps: 2 }), js, { explain: { sample: 99, position: 1, side: 'w', onReport } }))
      .toThrow(/--explain: sample 99 does not exist: the training set has 8 pairs/);
    expect(() => parseExplainTarget('3:0')).toThrow(/expected i:j:side/);
  });
});
