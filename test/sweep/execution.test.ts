// Sweeps end to end: every cell recorded once, the same numbers whatever the worker count,
// shards merged equal an unsharded run, merge refuses what is missing or conflicting, a
// failing cell is recorded and the sweep goes on, and a search sweep finds Q*.
import { appendFileSync, cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeSweeps } from '../../src/sweep/merge.js';
import { readJsonLines } from '../../src/sweep/results.js';
import type { SearchLine } from '../../src/sweep/execute.js';
import type { RunRecord } from '../../src/train/record.js';
import { recordsById, scratch, sweepInto, tinyConfig } from './helpers.js';

describe('sweep execution', () => {
  const config = tinyConfig();

  it('records every cell once, with the same numbers on 1 or 2 workers', async () => {
    const one = join(scratch(), 'one'), two = join(scratch(), 'two');
    const summary = await sweepInto(config, one, { workers: 1 });
    expect(summary).toMatchObject({ ran: 12, failed: 0 });
    await sweepInto(config, two, { workers: 2 });
    expect(recordsById(one)).toEqual(recordsById(two));
    const records = readJsonLines<RunRecord>(join(one, 'results.jsonl')).records;
    // the seed stays the replicate index; the data seed comes from the id
    expect(new Set(records.map((record) => record.config['seed']))).toEqual(new Set([0, 1]));
    for (const record of records) expect(record.data_seed).toBe(Number.parseInt(record.id.slice(0, 8), 16));
  });

  it('refuses to overwrite results without --resume, and resumes to the same records', async () => {
    const out = join(scratch(), 'x');
    await sweepInto(config, out);
    await expect(sweepInto(config, out)).rejects.toThrow(/holds results of a sweep already; add --resume/);
    const full = recordsById(out);
    // Cut the file after four records and add a torn half line, as a crash would leave it.
    const lines = readFileSync(join(out, 'results.jsonl'), 'utf8').split('\n');
    writeFileSync(join(out, 'results.jsonl'), `${lines.slice(0, 4).join('\n')}\n`);
    appendFileSync(join(out, 'results.jsonl'), lines[4]!.slice(0, 50));
    const summary = await sweepInto(config, out, { resume: true });
    expect(summary.ran).toBe(8);
    expect(recordsById(out)).toEqual(full);
    await expect(sweepInto(tinyConfig({ seeds: 3 }), out, { resume: true })).rejects.toThrow(/belongs to a different sweep config/);
  });

  it('merges shards into the unsharded result and refuses incomplete or conflicting inputs', async () => {
    const root = scratch();
    await sweepInto(config, join(root, 'all'));
    for (let index = 0; index < 3; index++) await sweepInto(config, join(root, `shard-${index}`), { shard: { index, count: 3 } });
    const shards = [0, 1, 2].map((index) => join(root, `shard-${index}`));
    await mergeSweeps(shards, join(root, 'merged'));
    expect(recordsById(join(root, 'merged'))).toEqual(recordsById(join(root, 'all')));

    await expect(mergeSweeps(shards.slice(0, 2), join(root, 'm2'))).rejects.toThrow(/incomplete: shard 2 of 3 missing/);
    // A shard that stopped early: its missing cells are named.
    cpSync(shards[1]!, join(root, 'short'), { recursive: true });
    const text = readFileSync(join(root, 'short', 'results.jsonl'), 'utf8').split('\n');
    writeFileSync(join(root, 'short', 'results.jsonl'), `${text.slice(1).join('\n')}`);
    await expect(mergeSweeps([shards[0]!, join(root, 'short'), shards[2]!], join(root, 'm3'))).rejects.toThrow(/incomplete: 1 cell missing: [0-9a-f]{16} \(point \d/);
    // The same cell with different numbers in two inputs.
    cpSync(shards[0]!, join(root, 'tampered'), { recursive: true });
    const tampered = readJsonLines<RunRecord>(join(root, 'tampered', 'results.jsonl')).records;
    tampered[0]!.final!.test.loss += 0.001;
    writeFileSync(join(root, 'tampered', 'results.jsonl'), tampered.map((record) => `${JSON.stringify(record)}\n`).join(''));
    await expect(mergeSweeps([...shards, join(root, 'tampered')], join(root, 'm4'))).rejects.toThrow(new RegExp(`conflict: cell ${tampered[0]!.id} has different results`));
    await expect(mergeSweeps([shards[0]!, join(root, 'all')], join(root, 'all'))).rejects.toThrow(/is one of the inputs/);
  });

  it('records a failing cell with its error and goes on', async () => {
    // d = 2 cannot hold K = 3 orthogonal concepts: those cells fail, the others run.
    const out = join(scratch(), 'f');
    const summary = await sweepInto(tinyConfig({ base: { Q: 5, test: 5, d: 3, steps: 5 } }), out);
    const records = readJsonLines<RunRecord>(join(out, 'results.jsonl')).records;
    expect(records).toHaveLength(12);
    const failed = records.filter((record) => record.error !== null);
    expect(summary.failed).toBe(failed.length);
    expect(failed.length).toBe(4);
    for (const record of failed) {
      expect(record.config['K']).toBe(3);
      expect(record.error).toMatch(/d: must be at least K \+ 1 = 4/);
    }
  });

  it('finds Q* per point and writes one search line per point and metric', async () => {
    const out = join(scratch(), 's');
    const searchConfig = tinyConfig({
      base: { d: 16, v: 0.4, test: 50, until: 'tau1', steps: 20, logEvery: 20 }, grid: { K: [1, 4] }, seeds: 2,
      search: [{ over: 'Q', metric: 'test_error', below: 0.2, min: 2, max: 64 }, { over: 'Q', metric: 'worst_value_error', below: 0.2, min: 2, max: 64 }],
    });
    await sweepInto(searchConfig, out, { workers: 2 });
    const lines = readJsonLines<SearchLine>(join(out, 'search.jsonl')).records;
    expect(lines).toHaveLength(4);
    for (const { outcome } of lines) {
      const passing = outcome.evaluated.filter((row) => row.mean < 0.2).map((row) => row.Q);
      if (outcome.floor) expect(passing).toEqual([]);
      else {
        expect(outcome.q_star).toBe(Math.min(...passing));
        expect(outcome.evaluated.find((row) => row.Q === outcome.q_star! - 1)?.mean ?? 1).toBeGreaterThanOrEqual(0.2);
      }
    }
    const worst = lines.find((line) => line.search === 1 && line.point === 1)!.outcome;
    const mean = lines.find((line) => line.search === 0 && line.point === 1)!.outcome;
    if (!worst.floor && !mean.floor) expect(worst.q_star!).toBeGreaterThanOrEqual(mean.q_star!);
    // resuming a finished search sweep trains nothing and writes no second search line
    const again = await sweepInto(searchConfig, out, { resume: true });
    expect(again.ran).toBe(0);
    expect(readJsonLines<SearchLine>(join(out, 'search.jsonl')).records).toHaveLength(4);
  });
});
