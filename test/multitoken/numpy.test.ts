// A multi-token dataset written by numpy.save (float64 [N, 2, L, d] hidden states, int64
// [N, L] tokens, no meta beyond the required fields) trains: the shared prefix is found from
// the data itself (equal hidden states and tokens), and the margins grow.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRunOptions } from '../../src/config/options.js';
import { readDatasetDirectory } from '../../src/data/directory.js';
import { SequenceSplit } from '../../src/train/multitoken-split.js';
import { trainOn } from '../../src/train/run.js';
import { hasNumpy, runNumpy } from '../data/numpy.js';
import { loadEngines } from '../helpers.js';

describe('multi-token data from numpy', async () => {
  const { relaxed } = await loadEngines();
  it.skipIf(!hasNumpy)('finds the shared prefix in the arrays and trains on them', async () => {
    const folder = join(mkdtempSync(join(tmpdir(), 'dposcale-numpy-sequences-')), 'data');
    runNumpy(`
import os
folder = sys.argv[1]
os.mkdir(folder)
rng = np.random.default_rng(1)
N, L, d, V, prefix = 6, 4, 5, 11, 2
json.dump({'format': 'dposcale-dataset', 'version': 1, 'V': V, 'd': d, 'L': L, 'K': 2}, open(folder + '/meta.json', 'w'))
for split in ('train', 'test'):
    g = rng.normal(size=(N, 2, L, d))
    g[:, 1, :prefix + 1] = g[:, 0, :prefix + 1]          # same context up to position prefix + 1
    yw = rng.integers(0, V, size=(N, L))
    yl = rng.integers(0, V, size=(N, L))
    yl[:, :prefix] = yw[:, :prefix]                       # same tokens in the prefix
    yl[:, prefix] = (yw[:, prefix] + 1) % V               # and a different one after it
    np.save(f'{folder}/{split}_g.npy', g)
    np.save(f'{folder}/{split}_yw.npy', yw)
    np.save(f'{folder}/{split}_yl.npy', yl)
    np.save(f'{folder}/{split}_value.npy', np.arange(N) % 2)
    np.save(f'{folder}/{split}_side.npy', np.ones(N, dtype=np.int8))
`, folder);
    const dataset = await readDatasetDirectory(folder);
    const split = new SequenceSplit(relaxed, dataset.train, 4, 5, 11, 2, 'train', 8);
    expect(split.rows - split.activeRows).toBe(6 * 2);
    expect(split.activeRows).toBe(6 * 2 * 2);
    split.free();
    const record = trainOn(dataset, parseRunOptions({ data: folder, steps: 20, lr: 0.3 }), relaxed);
    expect(record.log[0]!.train.margin).toBe(0);
    expect(record.final!.train.margin).toBeGreaterThan(0.1);
    expect(record.final!.per_position_reward!.train.chosen[0]).toBe(record.final!.per_position_reward!.train.rejected[0]);
  });
});
