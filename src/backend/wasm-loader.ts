// Finds, checks and instantiates the Wasm core. The variant choice and the file paths live
// here and nowhere else: relaxed SIMD (fused multiply-add) when the engine accepts it, plain
// SIMD otherwise, a clear error when the engine has no SIMD at all.
import { instantiate } from '@assemblyscript/loader';
import type { CoreExports } from './wasm-exports.js';
import { buildUrl } from '../build-location.js';

export type WasmVariant = 'relaxed-simd' | 'simd';
export const WASM_FILES: Record<WasmVariant, string> = {
  'relaxed-simd': 'dposcale-relaxed.wasm',
  simd: 'dposcale-simd.wasm',
};

export interface WasmLoadOptions {
  /** 'auto' (default) picks relaxed SIMD when available; naming a variant forces it. */
  variant?: WasmVariant | 'auto';
  /** Folder holding the .wasm files (URL or path); defaults to the package's build/wasm. */
  directory?: string | URL;
}

export interface LoadedCore {
  exports: CoreExports;
  variant: WasmVariant;
  file: string;
}

// Two tiny modules, one f32x4.add and one f32x4.relaxed_madd, to ask the engine what it
// accepts before fetching a binary.
const SIMD_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 7, 1, 0x60, 2, 0x7b, 0x7b, 1, 0x7b,
  3, 2, 1, 0, 10, 11, 1, 9, 0, 0x20, 0, 0x20, 1, 0xfd, 0xe4, 0x01, 0x0b]);
const RELAXED_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 8, 1, 0x60, 3, 0x7b, 0x7b, 0x7b, 1, 0x7b,
  3, 2, 1, 0, 10, 13, 1, 11, 0, 0x20, 0, 0x20, 1, 0x20, 2, 0xfd, 0x85, 0x02, 0x0b]);

const isNode = typeof process !== 'undefined' && typeof process.versions?.node === 'string';

/**
 * Whether this engine compiles relaxed SIMD. Node 20 (V8 11.3) ships it behind
 * --experimental-wasm-relaxed-simd; V8 reads that flag when it compiles, so we set it at run
 * time once (set DPOSCALE_NO_RELAXED=1 to keep the engine's defaults).
 */
export async function relaxedSimdAvailable(): Promise<boolean> {
  if (WebAssembly.validate(RELAXED_PROBE)) return true;
  if (!isNode || process.env['DPOSCALE_NO_RELAXED']) return false;
  const v8 = await import('node:v8');
  v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
  return WebAssembly.validate(RELAXED_PROBE);
}

export function simdAvailable(): boolean {
  return WebAssembly.validate(SIMD_PROBE);
}


async function fetchBinary(url: URL): Promise<BufferSource | Response> {
  if (isNode && url.protocol === 'file:') {
    const { readFile } = await import('node:fs/promises');
    try {
      return await readFile(url);
    } catch (error) {
      throw new Error(`cannot load the Wasm core ${url.pathname}: ${(error as Error).message}. Run 'npm run asbuild' to build it.`);
    }
  }
  const response = await fetch(url);
  if (!response.ok) throw new Error(`cannot load the Wasm core ${url.href}: HTTP ${response.status}`);
  return response;
}

export async function loadCore(options: WasmLoadOptions = {}): Promise<LoadedCore> {
  const wanted = options.variant ?? 'auto';
  if (!simdAvailable()) {
    throw new Error(`cannot load the Wasm core ${WASM_FILES.simd}: this engine does not support WebAssembly SIMD (128-bit); use a current browser or Node >= 16.4, or --backend js`);
  }
  let variant: WasmVariant = wanted === 'simd' ? 'simd' : 'relaxed-simd';
  if (variant === 'relaxed-simd' && !(await relaxedSimdAvailable())) {
    if (wanted === 'relaxed-simd') {
      throw new Error(`cannot load the Wasm core ${WASM_FILES['relaxed-simd']}: this engine does not support relaxed SIMD (on Node 20 run with --experimental-wasm-relaxed-simd), or ask for the 'simd' variant`);
    }
    variant = 'simd';
  }
  const directory = options.directory ?? buildUrl('wasm/');
  const base = typeof directory === 'string' && !/^[a-z]+:/i.test(directory)
    ? new URL(`file://${directory.endsWith('/') ? directory : `${directory}/`}`)
    : new URL(String(directory).endsWith('/') ? String(directory) : `${String(directory)}/`);
  const url = new URL(WASM_FILES[variant], base);
  const source = await fetchBinary(url);
  try {
    const { exports } = await instantiate<CoreExports>(source as never);
    return { exports, variant, file: url.href };
  } catch (error) {
    throw new Error(`cannot instantiate the Wasm core ${url.href}: ${(error as Error).message}`);
  }
}
