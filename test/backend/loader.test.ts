// The Wasm loader: which variant it picks, and the messages when it cannot load.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadBackend } from '../../src/backend/index.js';

describe('wasm loader', () => {
  afterEach(() => vi.restoreAllMocks());

  it('runs relaxed SIMD by default on this engine and plain SIMD on request', async () => {
    expect((await loadBackend()).variant).toBe('relaxed-simd');
    expect((await loadBackend({ variant: 'simd' })).variant).toBe('simd');
    expect((await loadBackend({ backend: 'js' })).variant).toBe('js');
  });

  it('names the file and the reason when the engine has no Wasm SIMD', async () => {
    vi.spyOn(WebAssembly, 'validate').mockReturnValue(false);
    await expect(loadBackend()).rejects.toThrow(/cannot load the Wasm core dposcale-simd\.wasm: this engine does not support WebAssembly SIMD \(128-bit\).*--backend js/);
  });

  it('falls back to plain SIMD when relaxed SIMD is refused, and says why when relaxed was asked for', async () => {
    const validate = WebAssembly.validate.bind(WebAssembly);
    // Refuse any module using relaxed_madd (opcode 0xfd 0x85 0x02), as an engine without relaxed SIMD does.
    vi.spyOn(WebAssembly, 'validate').mockImplementation((bytes) => {
      const array = new Uint8Array(bytes as ArrayBuffer);
      for (let i = 0; i + 2 < array.length; i++) if (array[i] === 0xfd && array[i + 1] === 0x85 && array[i + 2] === 0x02) return false;
      return validate(bytes);
    });
    process.env['DPOSCALE_NO_RELAXED'] = '1';
    try {
      expect((await loadBackend()).variant).toBe('simd');
      await expect(loadBackend({ variant: 'relaxed-simd' })).rejects.toThrow(/dposcale-relaxed\.wasm: this engine does not support relaxed SIMD/);
    } finally {
      delete process.env['DPOSCALE_NO_RELAXED'];
    }
  });

  it('names the missing file and how to build it', async () => {
    await expect(loadBackend({ directory: '/nonexistent/wasm' })).rejects.toThrow(/cannot load the Wasm core \/nonexistent\/wasm\/dposcale-relaxed\.wasm: .*npm run asbuild/);
  });
});
