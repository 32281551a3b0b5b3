// Small sweeps for tests: run in-process (executeSweep with its worker pool, which runs the
// compiled build/js/sweep/worker.js) and compare records without their timings.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSweepConfig, type SweepConfig } from '../../src/sweep/config.js';
import { executeSweep } from '../../src/sweep/execute.js';
import type { Shard } from '../../src/sweep/plan.js';
import { readJsonLines } from '../../src/sweep/results.js';
import { canonicalJson, type RunRecord } from '../../src/train/record.js';

export const scratch = () => mkdtempSync(join(tmpdir(), 'dposcale-sweep-'));

export const silent = { tick() {}, setTotal() {}, stop() {} };

export function tinyConfig(extra: Record<string, unknown> = {}): SweepConfig {
  return parseSweepConfig({
    schema: 'dposcale-sweep/1', name: 'tiny',
    base: { Q: 12, test: 10, d: 12, steps: 15, logEvery: 5 },
    grid: { K: [1, 2, 3], tokens: ['disjoint', 'yes-no'] }, seeds: 2, ...extra,
  });
}

export async function sweepInto(config: SweepConfig, out: string, options: { workers?: number; shard?: Shard | null; resume?: boolean } = {}) {
  return executeSweep(config, {
    out, workers: options.workers ?? 1, shard: options.shard ?? null, resume: options.resume ?? false,
    backend: { backend: 'wasm' }, progress: silent,
  });
}

/** id -> record text without timing and memory (what may differ between two runs of a cell). */
export function recordsById(directory: string): Map<string, string> {
  const records = readJsonLines<RunRecord>(join(directory, 'results.jsonl')).records;
  const byId = new Map(records.map((record) => [record.id, canonicalJson({ ...record, timing: null, memory: null })]));
  if (byId.size !== records.length) throw new Error(`${directory}: a cell is recorded twice`);
  return byId;
}
