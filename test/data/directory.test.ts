import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRunOptions } from '../../src/config/options.js';
import { generateDataset } from '../../src/data/clusters.js';
import { readDatasetDirectory, writeDatasetDirectory } from '../../src/data/directory.js';
import { writeNpyFile } from '../../src/data/npy.js';
import { hasNumpy, runNumpy } from './numpy.js';

let root = '';
beforeAll(async () => { root = await mkdtemp(join(tmpdir(), 'dposcale-dir-')); });
afterAll(async () => { await rm(root, { recursive: true, force: true }); });

const small = () => generateDataset(parseRunOptions({ K: 2, Q: 3, test: 2, d: 4, w0Scale: 0.1, seed: 1 }));
let counter = 0;
/** A fresh, valid dataset directory to spoil. */
async function freshDirectory(): Promise<string> {
  const directory = join(root, `case-${counter++}`);
  await writeDatasetDirectory(directory, small());
  return directory;
}

describe('dataset directory', () => {
  it('round-trips a generated dataset: every array and meta.json', async () => {
    const dataset = small();
    const directory = join(root, 'round-trip');
    await writeDatasetDirectory(directory, dataset);
    expect((await readdir(directory)).sort()).toEqual([
      'W0.npy', 'meta.json',
      'test_g.npy', 'test_side.npy', 'test_value.npy', 'test_yl.npy', 'test_yw.npy',
      'train_g.npy', 'train_side.npy', 'train_value.npy', 'train_yl.npy', 'train_yw.npy',
    ]);
    expect(await readDatasetDirectory(directory)).toEqual(dataset);
  });

  it('leaves W0.npy out when W0 is zero, and reads that back as null', async () => {
    const dataset = generateDataset(parseRunOptions({ K: 1, Q: 2, d: 3 }));
    const directory = join(root, 'no-w0');
    await writeDatasetDirectory(directory, dataset);
    expect(await readdir(directory)).not.toContain('W0.npy');
    expect((await readDatasetDirectory(directory)).W0).toBeNull();
  });

  it('refuses to replace a non-empty directory unless asked, and replaces it whole when asked', async () => {
    const directory = join(root, 'replace');
    await writeDatasetDirectory(directory, small());
    await expect(writeDatasetDirectory(directory, small())).rejects.toThrow(/exists and is not empty/);
    const other = generateDataset(parseRunOptions({ K: 1, Q: 2, d: 3 }));
    await writeDatasetDirectory(directory, other, { overwrite: true });
    expect(await readDatasetDirectory(directory)).toEqual(other);
    expect((await readdir(root)).filter((name) => name.includes('.tmp-') || name.includes('.old-'))).toEqual([]);
  });

  it('accepts an empty directory made in advance', async () => {
    const directory = join(root, 'empty-first');
    await mkdir(directory);
    await writeDatasetDirectory(directory, small());
    expect((await readDatasetDirectory(directory)).train.N).toBe(12);
  });

  it('leaves nothing behind when a write fails halfway', async () => {
    const broken = small();
    broken.W0 = new Float32Array(3); // not [V, d]: the W0 write fails after the splits are written
    const directory = join(root, 'crashed');
    await expect(writeDatasetDirectory(directory, broken)).rejects.toThrow(/W0\.npy/);
    expect((await readdir(root)).filter((name) => name.startsWith('crashed'))).toEqual([]);
  });

  it.skipIf(!hasNumpy)('reads a directory written by numpy.save (int64 ids, float32 G, float64 W0)', async () => {
    const directory = join(root, 'from-numpy');
    await mkdir(directory);
    runNumpy(`
folder = sys.argv[1]
rng = np.random.default_rng(0)
json.dump({'format': 'dposcale-dataset', 'version': 1, 'V': 4, 'd': 3, 'L': 1, 'K': 2, 'source': 'numpy'}, open(folder + '/meta.json', 'w'))
for split, n in (('train', 4), ('test', 2)):
    np.save(f'{folder}/{split}_g.npy', (np.arange(n * 3).reshape(n, 3) / 8).astype(np.float32))
    np.save(f'{folder}/{split}_yw.npy', np.array([0, 3, 0, 3][:n]))
    np.save(f'{folder}/{split}_yl.npy', np.array([1, 2, 1, 2][:n]))
    np.save(f'{folder}/{split}_value.npy', np.array([0, 1, 0, 1][:n]))
    np.save(f'{folder}/{split}_side.npy', np.array([1, -1, -1, 1][:n], dtype=np.int8))
np.save(folder + '/W0.npy', np.full((4, 3), 0.5))
`, directory);
    const dataset = await readDatasetDirectory(directory);
    expect(dataset.meta).toEqual({ format: 'dposcale-dataset', version: 1, V: 4, d: 3, L: 1, K: 2, source: 'numpy' });
    expect(dataset.train.N).toBe(4);
    expect(dataset.train.G).toEqual(Float32Array.from({ length: 12 }, (_, i) => i / 8));
    expect(dataset.train.yw).toEqual(Int32Array.from([0, 3, 0, 3]));
    expect(dataset.train.yl).toEqual(Int32Array.from([1, 2, 1, 2]));
    expect(dataset.train.value).toEqual(Int32Array.from([0, 1, 0, 1]));
    expect(dataset.train.side).toEqual(Int8Array.from([1, -1, -1, 1]));
    expect(dataset.test.N).toBe(2);
    expect(dataset.W0).toEqual(new Float32Array(12).fill(0.5));
  });

  it('reads multi-token datasets ([N, 2, L, d] hidden states, [N, L] tokens)', async () => {
    const directory = join(root, 'multi');
    const N = 2, L = 3, d = 2;
    const split = {
      N, G: Float32Array.from({ length: N * 2 * L * d }, (_, i) => i),
      yw: Int32Array.from([0, 1, 2, 3, 4, 0]), yl: Int32Array.from([1, 1, 1, 2, 2, 2]),
      value: Int32Array.from([0, 0]), side: Int8Array.from([1, -1]),
    };
    const dataset = { meta: { format: 'dposcale-dataset' as const, version: 1 as const, V: 5, d, L, K: 1 }, train: split, test: split, W0: null };
    await writeDatasetDirectory(directory, dataset);
    expect(await readDatasetDirectory(directory)).toEqual(dataset);
  });

  describe('refuses bad data with a message naming the file and the problem', () => {
    const cases: [string, (directory: string) => Promise<void>, RegExp][] = [
      ['a missing array', (dir) => rm(join(dir, 'train_yl.npy')), /train_yl\.npy: file missing/],
      ['a missing meta.json', (dir) => rm(join(dir, 'meta.json')), /meta\.json: file missing \(not a dataset directory\)/],
      ['meta.json without V and K', async (dir) => {
        const meta = JSON.parse(await readFile(join(dir, 'meta.json'), 'utf8'));
        delete meta.V; delete meta.K;
        await writeFile(join(dir, 'meta.json'), JSON.stringify(meta));
      }, /meta\.json: missing fields V, K/],
      ['meta.json that is not JSON', (dir) => writeFile(join(dir, 'meta.json'), '{"format":'), /meta\.json: not valid JSON/],
      ['a wrong format name', async (dir) => {
        const meta = JSON.parse(await readFile(join(dir, 'meta.json'), 'utf8'));
        await writeFile(join(dir, 'meta.json'), JSON.stringify({ ...meta, format: 'other' }));
      }, /meta\.json: format must be "dposcale-dataset"/],
      ['N differing between files', (dir) => writeNpyFile(join(dir, 'train_value.npy'), { dtype: 'int32', shape: [11], data: new Int32Array(11) }),
        /train_value\.npy: N = 11 pairs, but .*train_g\.npy has N = 12/],
      ['G not [N, d]', (dir) => writeNpyFile(join(dir, 'train_g.npy'), { dtype: 'float32', shape: [12, 2, 2], data: new Float32Array(48) }),
        /train_g\.npy: shape \(12, 2, 2\); hidden states \[N, d\] must have shape \(12, 4\)/],
      ['d differing from meta.json', async (dir) => {
        const meta = JSON.parse(await readFile(join(dir, 'meta.json'), 'utf8'));
        await writeFile(join(dir, 'meta.json'), JSON.stringify({ ...meta, d: 5 }));
      }, /train_g\.npy: shape \(12, 4\); hidden states \[N, d\] must have shape \(12, 5\) \(V, d, L from meta\.json/],
      ['integer hidden states', (dir) => writeNpyFile(join(dir, 'test_g.npy'), { dtype: 'int32', shape: [8, 4], data: new Int32Array(32) }),
        /test_g\.npy: dtype int32; hidden states \[N, d\] must be float32 or float64/],
      ['float token ids', (dir) => writeNpyFile(join(dir, 'train_yw.npy'), { dtype: 'float64', shape: [12], data: new Float64Array(12) }),
        /train_yw\.npy: dtype float64; token ids must be integers/],
      ['a token id >= V', (dir) => writeNpyFile(join(dir, 'train_yw.npy'), { dtype: 'int64', shape: [12], data: BigInt64Array.from({ length: 12 }, (_, i) => (i === 3 ? 4n : 0n)) }),
        /train_yw\.npy: entry 3 is 4; token ids must lie in \[0, V\) = \[0, 4\)/],
      ['a negative token id', (dir) => writeNpyFile(join(dir, 'test_yl.npy'), { dtype: 'int16', shape: [8], data: Int16Array.from({ length: 8 }, (_, i) => (i === 0 ? -1 : 1)) }),
        /test_yl\.npy: entry 0 is -1; token ids must lie in \[0, V\)/],
      ['a value id outside [0, K)', (dir) => writeNpyFile(join(dir, 'test_value.npy'), { dtype: 'uint8', shape: [8], data: new Uint8Array(8).fill(2) }),
        /test_value\.npy: entry 0 is 2; value ids must lie in \[0, K\) = \[0, 2\)/],
      ['a side that is not +-1', (dir) => writeNpyFile(join(dir, 'train_side.npy'), { dtype: 'int8', shape: [12], data: new Int8Array(12) }),
        /train_side\.npy: entry 0 is 0; sides must be \+1 \(aligned\) or -1 \(misaligned\)/],
      ['NaN in G', async (dir) => {
        const G = new Float32Array(48);
        G[13] = NaN;
        await writeNpyFile(join(dir, 'train_g.npy'), { dtype: 'float32', shape: [12, 4], data: G });
      }, /train_g\.npy: NaN at flat index 13 \(index \[3, 1\]\); hidden states \[N, d\] must be finite/],
      ['Infinity in W0', async (dir) => {
        const W0 = new Float64Array(16);
        W0[5] = -Infinity;
        await writeNpyFile(join(dir, 'W0.npy'), { dtype: 'float64', shape: [4, 4], data: W0 });
      }, /W0\.npy: -Infinity at flat index 5 \(index \[1, 1\]\); the reference unembedding \[V, d\] must be finite/],
      ['W0 of the wrong shape', (dir) => writeNpyFile(join(dir, 'W0.npy'), { dtype: 'float32', shape: [4, 3], data: new Float32Array(12) }),
        /W0\.npy: shape \(4, 3\); the reference unembedding \[V, d\] must have shape \(4, 4\)/],
    ];
    for (const [what, spoil, message] of cases) {
      it(what, async () => {
        const directory = await freshDirectory();
        await spoil(directory);
        await expect(readDatasetDirectory(directory)).rejects.toThrow(message);
      });
    }
  });
});
