import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeHeader, readNpyFile, writeNpyFile, type Npy, type NpyDtype } from '../../src/data/npy.js';
import { hasNumpy, runNumpy } from './numpy.js';

let folder = '';
beforeAll(async () => { folder = await mkdtemp(join(tmpdir(), 'dposcale-npy-')); });
afterAll(async () => { await rm(folder, { recursive: true, force: true }); });

const SAMPLES: Record<NpyDtype, Npy['data']> = {
  float32: Float32Array.from([1.5, -2.25, 3e-8, Infinity, 0, -0]),
  float64: Float64Array.from([Math.PI, -1e300, 5e-324, 2, 3, 4]),
  int8: Int8Array.from([-128, 127, 0, 1, -1, 5]),
  int16: Int16Array.from([-32768, 32767, 0, 1, -1, 5]),
  int32: Int32Array.from([-(2 ** 31), 2 ** 31 - 1, 0, 1, -1, 5]),
  int64: BigInt64Array.from([-(2n ** 63n), 2n ** 63n - 1n, 0n, 1n, -1n, 5n]),
  uint8: Uint8Array.from([0, 255, 1, 2, 3, 4]),
  uint16: Uint16Array.from([0, 65535, 1, 2, 3, 4]),
  uint32: Uint32Array.from([0, 2 ** 32 - 1, 1, 2, 3, 4]),
  uint64: BigUint64Array.from([0n, 2n ** 64n - 1n, 1n, 2n, 3n, 4n]),
  bool: Uint8Array.from([0, 1, 1, 0, 1, 0]),
};

/** A .npy file with a hand-made header, for the variants this writer never produces. */
async function craft(name: string, version: number, dict: string, payload: Uint8Array): Promise<string> {
  const prefix = version === 1 ? 10 : 12;
  const text = dict.padEnd(Math.ceil((prefix + dict.length + 1) / 64) * 64 - prefix - 1, ' ') + '\n';
  const header = Buffer.alloc(prefix);
  Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0]).copy(header);
  if (version === 1) header.writeUInt16LE(Buffer.byteLength(text), 8);
  else header.writeUInt32LE(Buffer.byteLength(text), 8);
  const path = join(folder, name);
  await writeFile(path, Buffer.concat([header, Buffer.from(text, 'utf8'), payload]));
  return path;
}

describe('.npy read and write', () => {
  it('round-trips every dtype with its shape', async () => {
    for (const [dtype, data] of Object.entries(SAMPLES) as [NpyDtype, Npy['data']][]) {
      const path = join(folder, `${dtype}.npy`);
      await writeNpyFile(path, { dtype, shape: [2, 3], data });
      const back = await readNpyFile(path);
      expect(back.dtype).toBe(dtype);
      expect(back.shape).toEqual([2, 3]);
      expect(back.data).toEqual(data);
    }
  });

  it('round-trips scalars, empty arrays and many dimensions, with the data 64-byte aligned', async () => {
    for (const shape of [[], [0, 3], [2, 1, 3, 1], [6]]) {
      const count = shape.reduce((p, n) => p * n, 1);
      const path = join(folder, `shape-${shape.join('x')}.npy`);
      await writeNpyFile(path, { dtype: 'float32', shape, data: new Float32Array(count).fill(7) });
      const back = await readNpyFile(path);
      expect(back.shape).toEqual(shape);
      expect(back.data.length).toBe(count);
      expect(((await stat(path)).size - 4 * count) % 64).toBe(0);
    }
  });

  it('writes through a temporary name: nothing else is left in the folder', async () => {
    const sub = await mkdtemp(join(folder, 'tmp-'));
    await writeNpyFile(join(sub, 'a.npy'), { dtype: 'int32', shape: [2], data: Int32Array.from([1, 2]) });
    expect(await readdir(sub)).toEqual(['a.npy']);
  });

  it('refuses data that does not fill the shape', async () => {
    await expect(writeNpyFile(join(folder, 'bad.npy'), { dtype: 'int32', shape: [3], data: new Int32Array(2) })).rejects.toThrow(/holds 3 elements, the data has 2/);
  });

  it('narrows float64 to float32 on request, piece by piece', async () => {
    // One element more than a conversion piece (2^20), so the last piece is partial.
    const data = Float64Array.from({ length: (1 << 20) + 1 }, (_, i) => i / 7);
    const path = join(folder, 'wide.npy');
    await writeNpyFile(path, { dtype: 'float64', shape: [data.length], data });
    const back = await readNpyFile(path, { float32: true });
    expect(back.dtype).toBe('float32');
    expect(Buffer.from(back.data.buffer).equals(Buffer.from(Float32Array.from(data).buffer))).toBe(true);
  });

  it('reads format 2.0 and 3.0 headers and big-endian data', async () => {
    const payload = new Uint8Array(Int32Array.from([1, -2, 3]).buffer);
    const v2 = await craft('v2.npy', 2, "{'descr': '<i4', 'fortran_order': False, 'shape': (3,), }", payload);
    expect([...(await readNpyFile(v2)).data]).toEqual([1, -2, 3]);
    const v3 = await craft('v3.npy', 3, "{'descr': '<i4', 'fortran_order': False, 'shape': (3,), 'note': 'ü'}", payload);
    expect([...(await readNpyFile(v3)).data]).toEqual([1, -2, 3]);
    const big = Buffer.alloc(16);
    big.writeDoubleBE(1.5, 0);
    big.writeDoubleBE(-3, 8);
    const be = await craft('be.npy', 1, "{'descr': '>f8', 'fortran_order': False, 'shape': (2,), }", big);
    expect([...(await readNpyFile(be)).data]).toEqual([1.5, -3]);
  });

  it('refuses fortran order, unknown dtypes, bad magic and truncated files, naming the file', async () => {
    const fortran = await craft('fortran.npy', 1, "{'descr': '<f4', 'fortran_order': True, 'shape': (2, 2), }", new Uint8Array(16));
    await expect(readNpyFile(fortran)).rejects.toThrow(`${fortran}: fortran_order is True; only C order is supported`);
    const half = await craft('half.npy', 1, "{'descr': '<f2', 'fortran_order': False, 'shape': (2,), }", new Uint8Array(4));
    await expect(readNpyFile(half)).rejects.toThrow(`${half}: dtype '<f2' is not supported`);
    const short = await craft('short.npy', 1, "{'descr': '<f4', 'fortran_order': False, 'shape': (4,), }", new Uint8Array(12));
    await expect(readNpyFile(short)).rejects.toThrow(`${short}: truncated: shape (4) of float32 needs`);
    const text = join(folder, 'text.npy');
    await writeFile(text, 'hello, world');
    await expect(readNpyFile(text)).rejects.toThrow(`${text}: not a .npy file`);
    await expect(readNpyFile(join(folder, 'absent.npy'))).rejects.toThrow(`${join(folder, 'absent.npy')}: file missing`);
  });

  it('writes a version 1.0 header that numpy would write', async () => {
    const header = encodeHeader('float32', [3, 4]);
    expect(header.length % 64).toBe(0);
    expect(Buffer.from(header.subarray(10)).toString('latin1').trim()).toBe("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }");
  });

  it.skipIf(!hasNumpy)('reads what numpy.save wrote, and numpy reads what this wrote', async () => {
    runNumpy(`
folder = sys.argv[1]
np.save(folder + '/np_f4.npy', np.arange(12, dtype=np.float32).reshape(3, 4) / 4)
np.save(folder + '/np_i8.npy', np.array([[-5, 7], [2**40, 0]]))
np.save(folder + '/np_b.npy', np.array([True, False, True]))
np.save(folder + '/np_be.npy', np.array([1.25, -2.5], dtype='>f8'))
np.save(folder + '/np_u2.npy', np.array([1, 65535], dtype=np.uint16))
np.save(folder + '/np_scalar.npy', np.float64(2.5))
np.save(folder + '/np_fortran.npy', np.asfortranarray(np.ones((2, 3), dtype=np.float32)))
`, folder);
    expect(await readNpyFile(join(folder, 'np_f4.npy'))).toEqual({ dtype: 'float32', shape: [3, 4], data: Float32Array.from({ length: 12 }, (_, i) => i / 4) });
    expect(await readNpyFile(join(folder, 'np_i8.npy'))).toEqual({ dtype: 'int64', shape: [2, 2], data: BigInt64Array.from([-5n, 7n, 2n ** 40n, 0n]) });
    expect(await readNpyFile(join(folder, 'np_b.npy'))).toEqual({ dtype: 'bool', shape: [3], data: Uint8Array.from([1, 0, 1]) });
    expect([...(await readNpyFile(join(folder, 'np_be.npy'))).data]).toEqual([1.25, -2.5]);
    expect([...(await readNpyFile(join(folder, 'np_u2.npy'))).data]).toEqual([1, 65535]);
    expect(await readNpyFile(join(folder, 'np_scalar.npy'))).toEqual({ dtype: 'float64', shape: [], data: Float64Array.from([2.5]) });
    await expect(readNpyFile(join(folder, 'np_fortran.npy'))).rejects.toThrow(/fortran_order is True/);

    for (const [dtype, data] of Object.entries(SAMPLES) as [NpyDtype, Npy['data']][]) {
      await writeNpyFile(join(folder, `ours_${dtype}.npy`), { dtype, shape: [2, 3], data });
    }
    const seen = JSON.parse(runNumpy(`
out = {}
for name in sys.argv[2:]:
    a = np.load(sys.argv[1] + '/ours_' + name + '.npy')
    out[name] = [str(a.dtype), list(a.shape), [str(x) for x in a.ravel().tolist()]]
print(json.dumps(out))
`, folder, ...Object.keys(SAMPLES))) as Record<string, [string, number[], string[]]>;
    const pythonNumber = (text: string) => (text === 'inf' ? Infinity : text === '-inf' ? -Infinity : Number(text));
    for (const [dtype, data] of Object.entries(SAMPLES)) {
      const [npDtype, shape, values] = seen[dtype]!;
      expect(npDtype).toBe(dtype);
      expect(shape).toEqual([2, 3]);
      if (dtype === 'bool') expect(values).toEqual([...data].map((x) => (x ? 'True' : 'False')));
      else if (dtype.startsWith('float')) expect(values.map(pythonNumber)).toEqual([...data]);
      else expect(values).toEqual([...data].map(String));
    }
  });

  it('returns an array that owns exactly its data, not a view into a copy of the whole file', async () => {
    const data = new Float32Array(1 << 20).fill(1);
    const path = join(folder, 'big.npy');
    await writeNpyFile(path, { dtype: 'float32', shape: [1 << 20], data });
    expect((await stat(path)).size).toBe((4 << 20) + 128);
    const back = await readNpyFile(path);
    expect(back.data.byteOffset).toBe(0);
    expect(back.data.buffer.byteLength).toBe(4 << 20);
  });
});
