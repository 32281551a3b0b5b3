// The dataset directory of architecture.md, the interchange with Python: meta.json, the five
// arrays of each split (train_g.npy, train_yw.npy, train_yl.npy, train_value.npy,
// train_side.npy, the same with test_) and an optional W0.npy. Reading accepts what numpy.save
// writes by default (int64 ids, float64 arrays) and converts to the in-memory types; every
// problem is reported with the file it was found in.
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Dataset, DatasetMeta, Split } from './dataset.js';
import { readNpyFile, writeNpyFile, type Npy } from './npy.js';

export class DatasetError extends Error {
  override name = 'DatasetError';
}

const SPLITS = ['train', 'test'] as const;
const REQUIRED_META = ['format', 'version', 'V', 'd', 'L', 'K'] as const;

export interface WriteOptions {
  /** replace an existing non-empty directory (default: refuse) */
  overwrite?: boolean;
}

/**
 * Writes a dataset directory. Everything goes into DIR.tmp-<pid> first (meta.json last) and
 * the folder is renamed into place at the end, so a crash never leaves a directory at DIR
 * that looks complete.
 */
export async function writeDatasetDirectory(directory: string, dataset: Dataset, options: WriteOptions = {}): Promise<void> {
  const target = resolve(directory);
  const existing = await readdir(target).catch(() => null);
  if (existing !== null && existing.length > 0 && !options.overwrite) {
    throw new DatasetError(`${target}: exists and is not empty; choose another directory or allow overwriting`);
  }
  const staging = `${target}.tmp-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  try {
    const { meta } = dataset;
    const itemShape = meta.L === 1 ? [] : [meta.L];
    for (const split of SPLITS) {
      const { N, G, yw, yl, value, side } = dataset[split];
      const gShape = meta.L === 1 ? [N, meta.d] : [N, 2, meta.L, meta.d];
      await writeNpyFile(join(staging, `${split}_g.npy`), { dtype: 'float32', shape: gShape, data: G });
      await writeNpyFile(join(staging, `${split}_yw.npy`), { dtype: 'int32', shape: [N, ...itemShape], data: yw });
      await writeNpyFile(join(staging, `${split}_yl.npy`), { dtype: 'int32', shape: [N, ...itemShape], data: yl });
      await writeNpyFile(join(staging, `${split}_value.npy`), { dtype: 'int32', shape: [N], data: value });
      await writeNpyFile(join(staging, `${split}_side.npy`), { dtype: 'int8', shape: [N], data: side });
    }
    if (dataset.W0) await writeNpyFile(join(staging, 'W0.npy'), { dtype: 'float32', shape: [meta.V, meta.d], data: dataset.W0 });
    await writeFile(join(staging, 'meta.json'), `${JSON.stringify(meta, null, 2)}\n`);
    if (existing !== null && existing.length > 0) {
      const old = `${target}.old-${process.pid}`;
      await rename(target, old);
      await rename(staging, target);
      await rm(old, { recursive: true, force: true });
    } else {
      await mkdir(dirname(target), { recursive: true });
      // rename(2) replaces an empty directory, so an empty DIR made in advance is fine.
      await rename(staging, target);
    }
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}

/** Reads and validates a dataset directory (see the file comment for what is accepted). */
export async function readDatasetDirectory(directory: string): Promise<Dataset> {
  const folder = resolve(directory);
  const meta = await readMeta(folder);
  const train = await readSplit(folder, 'train', meta);
  const test = await readSplit(folder, 'test', meta);
  if (train.N === 0) throw new DatasetError(`${join(folder, 'train_g.npy')}: holds no training pairs (N = 0)`);
  const W0path = join(folder, 'W0.npy');
  const hasW0 = await stat(W0path).then(() => true, () => false);
  return { meta, train, test, W0: hasW0 ? await readFloats(W0path, [meta.V, meta.d], 'the reference unembedding [V, d]') : null };
}

async function readMeta(folder: string): Promise<DatasetMeta> {
  const path = join(folder, 'meta.json');
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new DatasetError(error.code === 'ENOENT' ? `${path}: file missing (not a dataset directory)` : `${path}: cannot read (${error.message})`);
  });
  let meta: Record<string, unknown>;
  try {
    meta = JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new DatasetError(`${path}: not valid JSON (${(error as Error).message})`);
  }
  if (typeof meta !== 'object' || meta === null || Array.isArray(meta)) throw new DatasetError(`${path}: must hold a JSON object`);
  const missing = REQUIRED_META.filter((field) => !(field in meta));
  if (missing.length > 0) throw new DatasetError(`${path}: missing field${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
  if (meta.format !== 'dposcale-dataset') throw new DatasetError(`${path}: format must be "dposcale-dataset" (got ${JSON.stringify(meta.format)})`);
  if (meta.version !== 1) throw new DatasetError(`${path}: version ${JSON.stringify(meta.version)} is not supported (this reader knows version 1)`);
  for (const field of ['V', 'd', 'L', 'K'] as const) {
    const value = meta[field];
    if (!Number.isSafeInteger(value) || (value as number) < 1) {
      throw new DatasetError(`${path}: ${field} must be an integer >= 1 (got ${JSON.stringify(value)})`);
    }
  }
  return meta as DatasetMeta;
}

async function readSplit(folder: string, split: 'train' | 'test', meta: DatasetMeta): Promise<Split> {
  const { L, d, V, K } = meta;
  const file = (name: string) => join(folder, `${split}_${name}.npy`);
  const gFile = file('g');
  const gHead = await readNpy(gFile, { float32: true });
  const N = gHead.shape[0] ?? 0;
  const gShape = L === 1 ? [N, d] : [N, 2, L, d];
  const G = floats(gHead, gFile, gShape, `hidden states ${L === 1 ? '[N, d]' : '[N, 2, L, d]'}`);
  const itemShapes = L === 1 ? [[N], [N, 1]] : [[N, L]];
  const tokens = async (name: string) => integers(await readNpy(file(name)), file(name), itemShapes, gFile, 'token ids', inRange('V', V));
  return {
    N,
    G,
    yw: await tokens('yw'),
    yl: await tokens('yl'),
    value: integers(await readNpy(file('value')), file('value'), [[N]], gFile, 'value ids', inRange('K', K)),
    side: Int8Array.from(integers(await readNpy(file('side')), file('side'), [[N]], gFile, 'sides', SIDE)),
  };
}

async function readFloats(path: string, shape: number[], what: string): Promise<Float32Array> {
  return floats(await readNpy(path, { float32: true }), path, shape, what);
}

async function readNpy(path: string, options: { float32?: boolean } = {}): Promise<Npy> {
  try {
    return await readNpyFile(path, options);
  } catch (error) {
    throw new DatasetError((error as Error).message);
  }
}

/** Float data of the expected shape, all finite. */
function floats(array: Npy, path: string, shape: number[], what: string): Float32Array {
  if (array.dtype !== 'float32') throw new DatasetError(`${path}: dtype ${array.dtype}; ${what} must be float32 or float64`);
  expectShape(array, path, [shape], what);
  const data = array.data as Float32Array;
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i]!)) {
      throw new DatasetError(`${path}: ${data[i]} at flat index ${i} (${unravel(i, shape)}); ${what} must be finite`);
    }
  }
  return data;
}

/** A rule for integer entries: which values are allowed, and how to say so. */
interface Range {
  allows: (x: number) => boolean;
  text: string;
}

const inRange = (name: string, size: number): Range => ({ allows: (x) => x >= 0 && x < size, text: `must lie in [0, ${name}) = [0, ${size})` });
const SIDE: Range = { allows: (x) => x === 1 || x === -1, text: 'must be +1 (aligned) or -1 (misaligned)' };

/** Integer data of one of the allowed shapes (N taken from `nSource`), every entry allowed by `range`, as int32. */
function integers(array: Npy, path: string, shapes: number[][], nSource: string, what: string, range: Range): Int32Array {
  if (array.dtype.startsWith('float') || array.dtype === 'bool') {
    throw new DatasetError(`${path}: dtype ${array.dtype}; ${what} must be integers (any integer dtype)`);
  }
  if (array.shape[0] !== shapes[0]![0]) {
    throw new DatasetError(`${path}: N = ${array.shape[0] ?? 'none (a scalar)'} pairs, but ${nSource} has N = ${shapes[0]![0]}`);
  }
  expectShape(array, path, shapes, what);
  const out = new Int32Array(array.data.length);
  for (let i = 0; i < out.length; i++) {
    const x = Number(array.data[i]!);
    if (!range.allows(x)) throw new DatasetError(`${path}: entry ${i} is ${x}; ${what} ${range.text}`);
    out[i] = x;
  }
  return out;
}

function expectShape(array: Npy, path: string, shapes: number[][], what: string): void {
  if (shapes.some((shape) => shape.length === array.shape.length && shape.every((n, i) => n === array.shape[i]))) return;
  const show = (shape: number[]) => `(${shape.join(', ')})`;
  throw new DatasetError(`${path}: shape ${show(array.shape)}; ${what} must have shape ${shapes.map(show).join(' or ')} (V, d, L from meta.json, N from the hidden states)`);
}

function unravel(index: number, shape: number[]): string {
  const position: number[] = [];
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    position.unshift(index % shape[axis]!);
    index = Math.floor(index / shape[axis]!);
  }
  return `index [${position.join(', ')}]`;
}
