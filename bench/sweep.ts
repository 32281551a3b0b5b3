// The sweep benchmarks of issue 4, each against what the issue asks:
//   - parallel speed-up of --workers 2 over --workers 1 on a 16-cell sweep (>= 1.7x);
//   - per-cell overhead (pool dispatch, result write) against the cell's own time on the
//     figure5 preset (< 5%);
//   - memory of a 10,000-cell sweep of tiny cells, sampled as it runs (flat, no growth).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { executeSweep, parseSweepConfig, presetConfig, readJsonLines, type RunRecord, type SweepConfig } from 'dposcale';
import { environment, ROOT, writeResults } from './common.js';
import { replaceReadmeSection } from './readme-table.js';

const silent = { tick() {}, setTotal() {}, stop() {} };

async function timeSweep(config: SweepConfig, workers: number): Promise<{ seconds: number; records: RunRecord[] }> {
  const out = mkdtempSync(join(tmpdir(), 'dposcale-bench-'));
  const started = performance.now();
  await executeSweep(config, { out, workers, shard: null, resume: false, backend: { backend: 'wasm' }, progress: silent });
  const seconds = (performance.now() - started) / 1000;
  const records = readJsonLines<RunRecord>(join(out, 'results.jsonl')).records;
  rmSync(out, { recursive: true, force: true });
  return { seconds, records };
}

/**
 * Two sweeps of 24 cells of a few hundred milliseconds each (the pool's start-up, about
 * 150 ms for a worker to load the module and compile the Wasm, is paid once per sweep): one
 * whose cells' data fits in a core's cache (compute-bound: the pool's own efficiency), and
 * one whose every step streams 12 MB of hidden states from memory (two workers then share
 * one memory bus).
 */
async function speedup() {
  const sweeps = {
    'cache-resident cells (K=4, Q=60, d=64, 24000 steps)': { base: { K: 4, Q: 60, d: 64, steps: 24000, logEvery: 4000, test: 20 }, grid: { loss: ['dpo', 'ipo', 'slic', 'cdpo'] }, seeds: 6 },
    'memory-bound cells (K=8, Q=1500, d=128, 200 steps)': { base: { K: 8, Q: 1500, d: 128, steps: 200, logEvery: 50, test: 50 }, grid: { loss: ['dpo', 'ipo', 'slic', 'cdpo'] }, seeds: 6 },
  };
  const results = [];
  for (const [name, sweep] of Object.entries(sweeps)) {
    const config = parseSweepConfig({ schema: 'dposcale-sweep/1', name: 'speedup', ...sweep });
    await timeSweep(config, 2); // warm the file cache and the compiled code paths
    const one = await timeSweep(config, 1), two = await timeSweep(config, 2);
    const result = { name, cells: one.records.length, workers1_seconds: one.seconds, workers2_seconds: two.seconds, speedup: one.seconds / two.seconds };
    console.log(`speed-up, ${name}, ${result.cells} cells: 1 worker ${one.seconds.toFixed(2)} s, 2 workers ${two.seconds.toFixed(2)} s: ${result.speedup.toFixed(2)}x (target >= 1.7x)`);
    results.push(result);
  }
  return results;
}

async function overhead() {
  const config = presetConfig('figure5');
  const startup = (await timeSweep(parseSweepConfig({ schema: 'dposcale-sweep/1', name: 'one', base: { Q: 2, d: 4, steps: 1, test: 1 }, grid: { K: [1] } }), 1)).seconds;
  const { seconds, records } = await timeSweep(config, 1);
  const cellMs = records.reduce((sum, record) => sum + record.timing!.ms, 0) / records.length;
  const perCellMs = ((seconds - startup) * 1000) / records.length - cellMs;
  const result = { cells: records.length, wall_seconds: seconds, pool_startup_seconds: startup, mean_cell_ms: cellMs, overhead_ms_per_cell: perCellMs, overhead_fraction: perCellMs / cellMs };
  console.log(`figure5 on 1 worker: ${records.length} cells in ${seconds.toFixed(2)} s (pool start-up ${(startup * 1000).toFixed(0)} ms); ` +
    `mean cell ${cellMs.toFixed(1)} ms, overhead ${perCellMs.toFixed(2)} ms per cell = ${(100 * result.overhead_fraction).toFixed(1)}% (target < 5%)`);
  return result;
}

/** RSS of a child sweep of 10,000 tiny cells, sampled from /proc as results.jsonl grows. */
async function memory(cells = 10_000) {
  const root = mkdtempSync(join(tmpdir(), 'dposcale-bench-memory-'));
  const configFile = join(root, 'config.json');
  writeFileSync(configFile, JSON.stringify({
    schema: 'dposcale-sweep/1', name: 'many', base: { Q: 2, test: 2, d: 4, steps: 2, logEvery: 2 }, grid: { K: [1] },
    seeds: Array.from({ length: cells }, (_, i) => i),
  }));
  const out = join(root, 'out');
  const cli = fileURLToPath(new URL('build/js/cli/main.js', ROOT));
  const child = spawn(process.execPath, [cli, 'sweep', '--config', configFile, '--out', out, '--workers', '2'], { stdio: 'ignore' });
  const samples: Array<{ cells: number; rss_mb: number }> = [];
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  let running = true;
  void exited.then(() => { running = false; });
  const results = join(out, 'results.jsonl');
  while (running) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    try {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const rss = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024;
      const done = existsSync(results) ? readFileSync(results).reduce((n, byte) => n + (byte === 10 ? 1 : 0), 0) : 0;
      samples.push({ cells: done, rss_mb: rss });
    } catch {
      // the child has just exited
    }
  }
  rmSync(root, { recursive: true, force: true });
  const at = (fraction: number) => samples.find((sample) => sample.cells >= fraction * cells) ?? samples[samples.length - 1]!;
  const marks = [0.02, 0.1, 0.25, 0.5, 0.75, 0.95].map((fraction) => ({ fraction, ...at(fraction) }));
  console.log(`10,000 tiny cells: RSS ${marks.map((mark) => `${mark.rss_mb.toFixed(0)} MB at ${(100 * mark.fraction).toFixed(0)}%`).join(', ')}`);
  return { cells, marks, peak_rss_mb: Math.max(...samples.map((sample) => sample.rss_mb)) };
}

export async function run(): Promise<void> {
  const result = { suite: 'sweep', date: new Date().toISOString(), environment: environment(), speedup: await speedup(), overhead: await overhead(), memory: await memory() };
  const file = writeResults(result);
  console.log(`wrote ${fileURLToPath(file)}`);
  const { speedup: s, overhead: o, memory: m } = result;
  replaceReadmeSection('bench:sweep', [
    `Measured ${result.date.slice(0, 10)}, ${result.environment.cpu} (${result.environment.cores} cores), Node ${result.environment.node}.`,
    '',
    ...s.map((row) => `- Parallel speed-up, ${row.name}: ${row.cells} cells, ${row.workers1_seconds.toFixed(2)} s on 1 worker and ${row.workers2_seconds.toFixed(2)} s on 2: **${row.speedup.toFixed(2)}x** (target >= 1.7x).`),
    `- Per-cell overhead on the figure5 preset (1 worker): mean cell ${o.mean_cell_ms.toFixed(1)} ms, overhead ${o.overhead_ms_per_cell.toFixed(2)} ms per cell = **${(100 * o.overhead_fraction).toFixed(1)}%** (target < 5%; the pool's start-up, ${(1000 * o.pool_startup_seconds).toFixed(0)} ms once per sweep, left out).`,
    `- Memory over ${m.cells.toLocaleString('en')} tiny cells on 2 workers (resident set of the whole process): ${m.marks.map((mark) => `${mark.rss_mb.toFixed(0)} MB at ${(100 * mark.fraction).toFixed(0)}%`).join(', ')}; peak ${m.peak_rss_mb.toFixed(0)} MB.`,
  ].join('\n'));
}
