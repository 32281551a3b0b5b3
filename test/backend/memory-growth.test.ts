// Wasm memory grows while blocks are alive: old typed-array views detach, blocks re-create
// their views, and a computation whose memory grows half-way gives the same numbers.
import { describe, expect, it } from 'vitest';
import { loadBackend } from '../../src/backend/index.js';
import { parseRunOptions } from '../../src/config/options.js';
import { trainGenerated } from '../../src/train/run.js';
import { expectClose } from '../helpers.js';
import { traced } from '../train/helpers.js';

describe('memory growth', () => {
  it('detaches old views and re-creates views with the data intact', async () => {
    const backend = await loadBackend({ variant: 'simd' });
    const block = backend.float32(5, [1, 2, 3, 4, 5]);
    const before = block.view();
    const bytes = backend.memoryBytes();
    const big = backend.float32(64 << 20); // 256 MiB: the heap must grow
    expect(backend.memoryBytes()).toBeGreaterThan(bytes);
    expect(before.byteLength).toBe(0); // the old buffer is detached
    expectClose(block.view(), [1, 2, 3, 4, 5], { abs: 0 }, 'block after growth');
    backend.softmaxRows(block, 1, 5, block);
    expect(block.view()[4]).toBeCloseTo(Math.exp(5) / (Math.exp(1) + Math.exp(2) + Math.exp(3) + Math.exp(4) + Math.exp(5)), 6);
    backend.free(big);
  });

  it('a training run whose memory grows between steps gives the same numbers', async () => {
    const options = { K: 3, Q: 30, d: 16, steps: 40, logEvery: 4, w0Scale: 0.3 } as const;
    const quiet = traced(await loadBackend(), options);
    const backend = await loadBackend();
    const held: ReturnType<typeof backend.float32>[] = [];
    const start = backend.memoryBytes();
    // Grow the memory at every logging step: every block the trainer holds must survive it.
    const grown = trainGenerated(parseRunOptions(options), backend, { onLog: () => { held.push(backend.float32(4 << 20)); } });
    expect(backend.memoryBytes()).toBeGreaterThan(start + 10 * (16 << 20));
    expect(grown.log).toEqual(quiet.record.log);
  });
});
