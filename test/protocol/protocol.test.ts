// --protocol reference: the settings it fixes, the flags it refuses, the run it makes (the
// same as training by hand on the split pairs) and the reference script's series, whose head
// change is ours one step later.
import { describe, expect, it } from 'vitest';
import { loadBackend } from '../../src/backend/index.js';
import { parseRunOptions, REFERENCE_PROTOCOL } from '../../src/config/options.js';
import { generateDataset } from '../../src/data/clusters.js';
import { referenceDataset, referenceSeries, REFERENCE_METRICS, seriesCsv } from '../../src/protocol/index.js';
import { trainOn } from '../../src/train/run.js';

const data = { K: 3, Q: 40, test: 10, d: 16, tokens: 'yes-no', w0Scale: 0.5, seed: 2 };

describe('--protocol reference', () => {
  it('fixes Adam, lr 1e-3, beta 0.01, full batch, 100 steps, a log every step', () => {
    const options = parseRunOptions({ protocol: 'reference' });
    expect(options).toMatchObject({ optimizer: 'adam', lr: 1e-3, beta: 0.01, steps: 100, batchSize: null, logEvery: 1, loss: 'dpo', split: 'per-value' });
    expect(parseRunOptions({ protocol: 'reference', optimizer: 'adam', beta: 0.01, split: 'global' }).split).toBe('global');
  });

  it('refuses settings that contradict it, and a split without it', () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ optimizer: 'gd' }, /optimizer: protocol reference fixes it to "adam" \(got "gd"\)/],
      [{ lr: 0.01 }, /lr: protocol reference fixes it to 0\.001/],
      [{ beta: 1 }, /beta: protocol reference fixes it to 0\.01/],
      [{ steps: 50 }, /steps: .* fixes it to 100/],
      [{ batchSize: 32 }, /batchSize: .* fixes it to null/],
      [{ logEvery: 10 }, /logEvery: .* fixes it to 1/],
      [{ loss: 'ipo' }, /loss: .* fixes it to "dpo"/],
      [{ adamBeta2: 0.99 }, /adamBeta2: .* fixes it to 0\.999/],
    ];
    for (const [given, message] of cases) expect(() => parseRunOptions({ protocol: 'reference', ...given }), JSON.stringify(given)).toThrow(message);
    expect(() => parseRunOptions({ split: 'global' })).toThrow(/split: only used with protocol reference/);
    expect(Object.keys(REFERENCE_PROTOCOL)).toContain('adamEps');
  });

  it('trains exactly as Adam by hand on the pooled pairs split 90/10, and the record says so', async () => {
    const backend = await loadBackend({ backend: 'js' });
    const options = parseRunOptions({ ...data, protocol: 'reference' });
    const record = trainOn(generateDataset(options), options, backend);
    const byHand = parseRunOptions({ ...data, optimizer: 'adam', lr: 1e-3, beta: 0.01, steps: 100, logEvery: 1 });
    const expected = trainOn(referenceDataset(generateDataset(byHand), 'per-value', data.seed), byHand, backend);
    expect(record.log).toEqual(expected.log);
    expect(record.log.map((entry) => entry.step)).toEqual(Array.from({ length: 101 }, (_, k) => k));
    expect(record.config).toMatchObject({ protocol: 'reference', split: 'per-value', optimizer: 'adam', beta: 0.01 });
  });
});

describe('reference series', () => {
  it('logs loss, accuracy and margin before each update, and the head change after it (ours one step later)', async () => {
    const backend = await loadBackend({ backend: 'js' });
    const options = parseRunOptions({ ...data, protocol: 'reference' });
    const { log } = trainOn(generateDataset(options), options, backend);
    const wallTimes = log.map((_, k) => 1_700_000_000 + k / 10);
    const series = referenceSeries(log, wallTimes);
    expect(Object.keys(series)).toEqual([...REFERENCE_METRICS]);
    for (const metric of REFERENCE_METRICS) expect(series[metric].map((event) => event.step)).toEqual(Array.from({ length: 100 }, (_, k) => k));
    expect(series['train/loss'][0]!.value).toBeCloseTo(Math.log(2), 6); // the reference model: every margin is 0
    expect(series['eval/margins'][7]).toEqual({ wall_time: wallTimes[7], step: 7, value: log[7]!.test.margin });
    expect(series['train/outputs/accuracies'][99]!.value).toBe(log[99]!.train.acc);
    // After one Adam update every coordinate of the 2 x 16 rows that train moved by lr.
    expect(series['eval/head/change'][0]!.value).toBeCloseTo(1e-3 * Math.sqrt(2 * 16), 6);
    expect(series['eval/head/change'][41]).toEqual({ wall_time: wallTimes[42], step: 41, value: log[42]!.weight_change });
    expect(seriesCsv(series['eval/head/change']).split('\n').slice(0, 2)).toEqual(['wall_time,step,value', `${wallTimes[1]},0,${log[1]!.weight_change}`]);
  });

  it('needs a log at every step', async () => {
    const backend = await loadBackend({ backend: 'js' });
    const options = parseRunOptions({ ...data, steps: 10, logEvery: 5 });
    const { log } = trainOn(generateDataset(options), options, backend);
    expect(() => referenceSeries(log, log.map(() => 0))).toThrow(/log entry 1 is step 5: the reference series need a log at every step/);
  });
});
