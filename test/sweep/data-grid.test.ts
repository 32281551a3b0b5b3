// A sweep whose grid runs over dataset directories: a real run and its synthetic twin (or any
// two datasets) trained the same way and drawn side by side in one report.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRunOptions } from '../../src/config/options.js';
import { generateDataset } from '../../src/data/clusters.js';
import { writeDatasetDirectory } from '../../src/data/directory.js';
import { twinDataset } from '../../src/geometry/twin.js';
import { writeReport } from '../../src/report/write.js';
import { parseSweepConfig } from '../../src/sweep/config.js';
import { readJsonLines } from '../../src/sweep/results.js';
import type { RunRecord } from '../../src/train/record.js';
import { scratch, sweepInto } from './helpers.js';

describe('a sweep over dataset directories', () => {
  it('trains each directory with the protocol and reports them in one figure', async () => {
    const root = scratch();
    const real = join(root, 'real'), twin = join(root, 'twin');
    const dataset = generateDataset(parseRunOptions({ K: 3, Q: 40, test: 5, d: 16, v: 0.3, tokens: 'yes-no', seed: 2 }));
    await writeDatasetDirectory(real, dataset);
    await writeDatasetDirectory(twin, twinDataset(dataset, 7, real));
    const out = join(root, 'sweep');
    const config = parseSweepConfig({ schema: 'dposcale-sweep/1', name: 'real-vs-twin', base: { protocol: 'reference' }, grid: { data: [real, twin] }, seeds: 2 });
    const summary = await sweepInto(config, out, { workers: 2 });
    expect(summary).toMatchObject({ ran: 4, failed: 0 });
    const records = readJsonLines<RunRecord>(join(out, 'results.jsonl')).records;
    expect(new Set(records.map((record) => record.config['data']))).toEqual(new Set([real, twin]));
    for (const record of records) {
      expect(record.config['optimizer']).toBe('adam');
      expect(record.log).toHaveLength(101);
    }
    // the two directories really are different data: their runs differ
    const finalLoss = (path: string) => records.filter((record) => record.config['data'] === path).map((record) => record.final!.train.loss);
    expect(finalLoss(real)).not.toEqual(finalLoss(twin));
    const report = await writeReport(out);
    const curves = readFileSync(join(out, 'figures', 'figure5-curves.svg'), 'utf8');
    expect(curves).toContain(`data=${real}`);
    expect(curves).toContain(`data=${twin}`);
    expect(report.files.some((file) => file.endsWith('per-value-error.svg'))).toBe(true);
  });
});
