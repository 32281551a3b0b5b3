// A dataset the size of real last-layer exports (d = 4096, N = 20,000, like Llama-3-8B hidden
// states for 8 personas) trains under the reference protocol in a child process whose peak
// resident memory stays below three times the data. The loader reads each payload straight
// into its typed array and the protocol's split swaps rows in place, so the hidden states are
// held once in JavaScript and once in Wasm memory: about twice the data, plus Node itself.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { encodeHeader, writeNpyFile } from '../../src/data/npy.js';
import { CLI } from '../cli/run-cli.js';

const K = 8, d = 4096, perValue = 2500;
/** The README snippet's layout: ceil(90%) of each value's pairs in train_, the rest in test_. */
const trainPerValue = Math.ceil(0.9 * perValue);
const ROWS_PER_WRITE = 256;
/** Prints the kernel's peak resident set size (VmHWM) of the process as it exits. */
const REPORT_PEAK = 'data:text/javascript,import{readFileSync}from"node:fs";process.on("exit",()=>process.stderr.write(`peak-kB ${/VmHWM:\\s+(\\d+)/.exec(readFileSync("/proc/self/status","utf8"))[1]}\\n`))';

const root = mkdtempSync(join(tmpdir(), 'dposcale-large-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/**
 * Writes one split's files, the hidden states streamed in blocks of rows so this process never
 * holds them whole; returns the payload bytes. Pair i of value k and side s sits at
 * s c_k + b + noise, with c_k and b on coordinate axes and a cheap uniform noise: the test
 * measures memory, not learning.
 */
async function writeSplit(directory: string, name: string, pairsPerValue: number): Promise<number> {
  const N = K * pairsPerValue;
  const value = new Int32Array(N), yw = new Int32Array(N), yl = new Int32Array(N), side = new Int8Array(N);
  const file = openSync(join(directory, `${name}_g.npy`), 'w');
  writeSync(file, encodeHeader('float32', [N, d]));
  const block = new Float32Array(ROWS_PER_WRITE * d);
  let state = name.length;
  for (let start = 0; start < N; start += ROWS_PER_WRITE) {
    const rows = Math.min(ROWS_PER_WRITE, N - start);
    for (let r = 0; r < rows; r++) {
      const i = start + r, k = Math.floor(i / pairsPerValue), s = i % 2 === 0 ? 1 : -1;
      value[i] = k; side[i] = s; yw[i] = s > 0 ? 0 : 1; yl[i] = s > 0 ? 1 : 0;
      for (let j = 0; j < d; j++) {
        state = (Math.imul(state, 1664525) + 1013904223) | 0;
        block[r * d + j] = 0.05 * ((state >>> 8) / 16777216 - 0.5);
      }
      block[r * d]! += 0.5;
      block[r * d + 1 + k]! += s;
    }
    writeSync(file, new Uint8Array(block.buffer, 0, rows * d * 4));
  }
  closeSync(file);
  await writeNpyFile(join(directory, `${name}_value.npy`), { dtype: 'int32', shape: [N], data: value });
  await writeNpyFile(join(directory, `${name}_yw.npy`), { dtype: 'int32', shape: [N], data: yw });
  await writeNpyFile(join(directory, `${name}_yl.npy`), { dtype: 'int32', shape: [N], data: yl });
  await writeNpyFile(join(directory, `${name}_side.npy`), { dtype: 'int8', shape: [N], data: side });
  return N * d * 4 + value.byteLength + yw.byteLength + yl.byteLength + side.byteLength;
}

it.skipIf(!existsSync('/proc/self/status'))('trains d = 4096, N = 20,000 (protocol reference) with peak memory under 3x the data', async () => {
  const directory = join(root, 'personas');
  mkdirSync(directory);
  const W0 = new Float32Array(2 * d).fill(0.01);
  await writeNpyFile(join(directory, 'W0.npy'), { dtype: 'float32', shape: [2, d], data: W0 });
  writeFileSync(join(directory, 'meta.json'), JSON.stringify({ format: 'dposcale-dataset', version: 1, V: 2, d, L: 1, K }));
  const bytes = W0.byteLength + await writeSplit(directory, 'train', trainPerValue) + await writeSplit(directory, 'test', perValue - trainPerValue);
  expect(bytes).toBeGreaterThan(K * perValue * d * 4);

  const csv = join(root, 'csv');
  const child = spawnSync(process.execPath, ['--import', REPORT_PEAK, CLI, 'train', '--data', directory, '--protocol', 'reference', '--quiet', '--csv', csv], { encoding: 'utf8' });
  expect(child.status, child.stderr).toBe(0);
  const peak = Number(/peak-kB (\d+)/.exec(child.stderr)![1]) * 1024;
  const measured = `peak RSS ${(peak / 2 ** 20).toFixed(0)} MiB for ${(bytes / 2 ** 20).toFixed(0)} MiB of data (${(peak / bytes).toFixed(2)}x)`;
  expect(peak, measured).toBeLessThan(3 * bytes);
  expect(child.stdout).toMatch(/100 steps at lr 0\.001/);
  expect(readdirSync(csv)).toHaveLength(7);
}, 180_000);
