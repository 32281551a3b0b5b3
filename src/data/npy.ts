// NumPy's .npy format (format versions 1.0, 2.0 and 3.0), the interchange with Python:
// magic "\x93NUMPY", major and minor version bytes, the header length (2 bytes little-endian
// in 1.0, 4 bytes in 2.0 and 3.0), then a Python dict literal such as
// {'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), } padded with spaces and a
// newline so the data starts at a multiple of 64 bytes, then the raw C-order data.
// Hidden-state files reach hundreds of megabytes, so a read places the payload straight into
// the typed array's own buffer and never holds a second copy.
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

const TYPES = {
  float32: { code: 'f4', array: Float32Array },
  float64: { code: 'f8', array: Float64Array },
  int8: { code: 'i1', array: Int8Array },
  int16: { code: 'i2', array: Int16Array },
  int32: { code: 'i4', array: Int32Array },
  int64: { code: 'i8', array: BigInt64Array },
  uint8: { code: 'u1', array: Uint8Array },
  uint16: { code: 'u2', array: Uint16Array },
  uint32: { code: 'u4', array: Uint32Array },
  uint64: { code: 'u8', array: BigUint64Array },
  bool: { code: 'b1', array: Uint8Array },
} as const;

export type NpyDtype = keyof typeof TYPES;
export type NpyData = Float32Array | Float64Array | Int8Array | Int16Array | Int32Array | BigInt64Array
  | Uint8Array | Uint16Array | Uint32Array | BigUint64Array;

/** An n-dimensional array as .npy holds it: C order, `data.length` = product of `shape`. */
export interface Npy {
  dtype: NpyDtype;
  shape: number[];
  data: NpyData;
}

export class NpyError extends Error {
  override name = 'NpyError';
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // "\x93NUMPY"
const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
/** Bytes per read call: Node refuses single reads of 2 GiB or more. */
const READ_CHUNK = 1 << 30;
/** Elements per step when float64 data is narrowed to float32 while reading. */
const CONVERT_CHUNK = 1 << 20;

interface Header {
  dtype: NpyDtype;
  shape: number[];
  littleEndian: boolean;
  /** byte offset of the data */
  dataOffset: number;
}

export interface ReadOptions {
  /** deliver float64 data as float32, converted piece by piece (never a whole float64 copy) */
  float32?: boolean;
}

/** Reads a .npy file. Errors name the file. */
export async function readNpyFile(path: string, options: ReadOptions = {}): Promise<Npy> {
  const file = await open(path, 'r').catch((error: NodeJS.ErrnoException) => {
    throw new NpyError(error.code === 'ENOENT' ? `${path}: file missing` : `${path}: cannot open (${error.message})`);
  });
  try {
    const { size } = await file.stat();
    const header = await readHeader(file, path, size);
    const count = header.shape.reduce((product, n) => product * n, 1);
    const itemSize = TYPES[header.dtype].array.BYTES_PER_ELEMENT;
    const expected = header.dataOffset + count * itemSize;
    if (size < expected) {
      throw new NpyError(`${path}: truncated: shape (${header.shape.join(', ')}) of ${header.dtype} needs ${expected} bytes, the file has ${size}`);
    }
    if (options.float32 && header.dtype === 'float64') {
      return { dtype: 'float32', shape: header.shape, data: await readNarrowed(file, path, header, count) };
    }
    const data = new TYPES[header.dtype].array(count);
    await readFully(file, path, new Uint8Array(data.buffer), header.dataOffset);
    if (header.littleEndian !== HOST_LITTLE_ENDIAN) swapBytes(new Uint8Array(data.buffer), itemSize);
    return { dtype: header.dtype, shape: header.shape, data };
  } finally {
    await file.close();
  }
}

/** Writes a .npy file under a temporary name in the same folder, then renames it into place. */
export async function writeNpyFile(path: string, array: Npy): Promise<void> {
  const count = array.shape.reduce((product, n) => product * n, 1);
  if (count !== array.data.length) {
    throw new NpyError(`${path}: shape (${array.shape.join(', ')}) holds ${count} elements, the data has ${array.data.length}`);
  }
  const temporary = join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`);
  const file = await open(temporary, 'w');
  try {
    await file.writeFile(encodeHeader(array.dtype, array.shape));
    await file.writeFile(new Uint8Array(array.data.buffer, array.data.byteOffset, array.data.byteLength));
    await file.sync();
  } catch (error) {
    await file.close();
    await rm(temporary, { force: true });
    throw error;
  }
  await file.close();
  await rename(temporary, path);
}

/** The magic, version, length and padded header dict of an array; data follows at a multiple of 64 bytes. */
export function encodeHeader(dtype: NpyDtype, shape: readonly number[]): Uint8Array {
  const order = TYPES[dtype].code.endsWith('1') ? '|' : HOST_LITTLE_ENDIAN ? '<' : '>';
  const tuple = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  const dict = `{'descr': '${order}${TYPES[dtype].code}', 'fortran_order': False, 'shape': ${tuple}, }`;
  const pad = (prefix: number) => dict.padEnd(Math.ceil((prefix + dict.length + 1) / 64) * 64 - prefix - 1, ' ') + '\n';
  // Version 1.0 stores the header length in 2 bytes; longer headers (many dimensions) need 2.0.
  const version = pad(10).length <= 0xffff ? 1 : 2;
  const prefix = version === 1 ? 10 : 12;
  const padded = pad(prefix);
  const bytes = new Uint8Array(prefix + padded.length);
  bytes.set(MAGIC);
  bytes[6] = version;
  const view = new DataView(bytes.buffer);
  if (version === 1) view.setUint16(8, padded.length, true);
  else view.setUint32(8, padded.length, true);
  for (let i = 0; i < padded.length; i++) bytes[prefix + i] = padded.charCodeAt(i);
  return bytes;
}

/** Parses the header dict of a .npy file (the text after the length field). */
export function parseHeaderDict(text: string, path: string): Omit<Header, 'dataOffset'> {
  const descr = /'descr'\s*:\s*'([<>|=])([a-z])(\d+)'/.exec(text);
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(text);
  const shape = /'shape'\s*:\s*\(([^)]*)\)/.exec(text);
  if (!descr || !fortran || !shape) {
    const structured = /'descr'\s*:\s*\[/.test(text);
    throw new NpyError(`${path}: ${structured ? 'structured (record) dtypes are not supported: save a plain numeric array' : `unreadable header ${JSON.stringify(text.trim())}`}`);
  }
  if (fortran[1] === 'True') {
    throw new NpyError(`${path}: fortran_order is True; only C order is supported (save np.ascontiguousarray(x) instead)`);
  }
  const code = `${descr[2]}${descr[3]}`;
  const dtype = (Object.keys(TYPES) as NpyDtype[]).find((name) => TYPES[name].code === code);
  if (!dtype) throw new NpyError(`${path}: dtype '${descr[1]}${code}' is not supported (float32/64, int8/16/32/64, uint8/16/32/64, bool)`);
  const dims = shape[1]!.split(',').map((part) => part.trim()).filter((part) => part !== '');
  if (!dims.every((dim) => /^\d+L?$/.test(dim))) throw new NpyError(`${path}: bad shape (${shape[1]})`);
  return { dtype, shape: dims.map((dim) => parseInt(dim, 10)), littleEndian: descr[1] === '>' ? false : descr[1] === '=' ? HOST_LITTLE_ENDIAN : true };
}

async function readHeader(file: FileHandle, path: string, size: number): Promise<Header> {
  const prefix = new Uint8Array(12);
  const { bytesRead } = await file.read(prefix, 0, 12, 0);
  if (bytesRead < 10 || MAGIC.some((byte, i) => prefix[i] !== byte)) throw new NpyError(`${path}: not a .npy file (no \\x93NUMPY magic)`);
  const major = prefix[6]!;
  if (major < 1 || major > 3) throw new NpyError(`${path}: .npy format version ${major}.${prefix[7]} is not supported (1.0, 2.0, 3.0)`);
  const view = new DataView(prefix.buffer);
  const lengthBytes = major === 1 ? 2 : 4;
  const length = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const dataOffset = 8 + lengthBytes + length;
  if (dataOffset > size) throw new NpyError(`${path}: truncated header`);
  const text = new Uint8Array(length);
  await readFully(file, path, text, 8 + lengthBytes);
  // Version 3.0 differs from 2.0 only in allowing UTF-8 in the header.
  const decoded = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(text);
  return { ...parseHeaderDict(decoded, path), dataOffset };
}

async function readFully(file: FileHandle, path: string, target: Uint8Array, position: number): Promise<void> {
  for (let done = 0; done < target.length;) {
    const { bytesRead } = await file.read(target, done, Math.min(READ_CHUNK, target.length - done), position + done);
    if (bytesRead === 0) throw new NpyError(`${path}: unexpected end of file`);
    done += bytesRead;
  }
}

async function readNarrowed(file: FileHandle, path: string, header: Header, count: number): Promise<Float32Array> {
  const out = new Float32Array(count);
  const chunk = new Float64Array(Math.min(CONVERT_CHUNK, count));
  const bytes = new Uint8Array(chunk.buffer);
  for (let start = 0; start < count; start += chunk.length) {
    const n = Math.min(chunk.length, count - start);
    await readFully(file, path, bytes.subarray(0, n * 8), header.dataOffset + start * 8);
    if (header.littleEndian !== HOST_LITTLE_ENDIAN) swapBytes(bytes.subarray(0, n * 8), 8);
    out.set(chunk.subarray(0, n), start);
  }
  return out;
}

function swapBytes(bytes: Uint8Array, itemSize: number): void {
  if (itemSize === 1) return;
  for (let i = 0; i < bytes.length; i += itemSize) bytes.subarray(i, i + itemSize).reverse();
}
