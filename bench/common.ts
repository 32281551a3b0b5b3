// What every benchmark suite shares: the engines compared, timing with tinybench (medians after
// a warm-up), the machine description, and the result file each suite writes.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { Bench } from 'tinybench';

/** The repository root (this file runs from build/bench/). */
export const ROOT = new URL('../../', import.meta.url);

/** The three engines of every comparison: the JS twin and the two Wasm builds. */
export const ENGINES = ['js', 'simd', 'relaxed-simd'] as const;
export type Engine = (typeof ENGINES)[number];

export interface Environment {
  node: string;
  v8: string;
  cpu: string;
  cores: number;
  platform: string;
}

export function environment(): Environment {
  const cpu = cpus();
  return {
    node: process.version,
    v8: process.versions.v8,
    cpu: cpu[0]?.model.trim() ?? 'unknown',
    cores: cpu.length,
    platform: `${process.platform} ${process.arch}`,
  };
}

export interface Budget {
  /** Warm-up: at least this many calls and this many milliseconds. */
  warmupIterations: number;
  warmupMs: number;
  /** Timed: at least this many calls and this many milliseconds (per round when there are rounds). */
  iterations: number;
  timeMs: number;
  /** Interleaved rounds (see measureRounds); 1 times each call in one stretch. */
  rounds: number;
}

export interface Timing {
  /** Median milliseconds per call (with rounds: the median of the rounds' medians). */
  medianMs: number;
  /** Timed calls. */
  samples: number;
}

async function time(name: string, call: () => void, warmup: boolean, budget: Budget): Promise<Timing> {
  const bench = new Bench({
    name,
    throws: true,
    warmup,
    warmupIterations: budget.warmupIterations,
    warmupTime: budget.warmupMs,
    iterations: budget.iterations,
    time: budget.timeMs,
  });
  bench.add(name, call);
  const [task] = await bench.run();
  const result = task!.result;
  if (result.state !== 'completed') throw new Error(`benchmark ${name} did not complete: ${result.state}`);
  return { medianMs: result.latency.p50, samples: result.latency.samplesCount };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b), middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Median time per call of each named call. Each call is first warmed up (V8 runs new Wasm and
 * JS in baseline code and tiers it up in the background), then the calls are timed in turn,
 * round after round: a burst of load from elsewhere on the machine then touches every call a
 * little instead of one call a lot, and the median over rounds drops it.
 */
export async function measureRounds(calls: Array<{ name: string; call: () => void }>, budget: Budget): Promise<Timing[]> {
  for (const { name, call } of calls) await time(`${name} warm-up`, call, true, { ...budget, iterations: 1, timeMs: 0 });
  const rounds = calls.map(() => [] as Timing[]);
  for (let round = 0; round < budget.rounds; round++) {
    for (const [index, { name, call }] of calls.entries()) rounds[index]!.push(await time(name, call, false, budget));
  }
  return rounds.map((timings) => ({
    medianMs: median(timings.map((t) => t.medianMs)),
    samples: timings.reduce((total, t) => total + t.samples, 0),
  }));
}

/** What a row must reach (issue 2): rates per engine, a speed-up over the JS twin, or a fraction of another row. */
export interface Target {
  'relaxed-simd'?: number;
  simd?: number;
  overJs?: number;
  ofRow?: { row: string; fraction: number };
}

export interface Row {
  /** Unique within the suite: kernel and shape. */
  id: string;
  kernel: string;
  shape: string;
  unit: 'GFLOP/s' | 'M elements/s';
  /** Flops or elements per call. */
  work: number;
  results: Record<Engine, Timing & { rate: number }>;
  /** Rate ratios measured in the same run. */
  ratios: { 'simd/js': number; 'relaxed-simd/js': number; 'relaxed-simd/simd': number };
  target?: Target;
}

export interface SuiteResult {
  suite: string;
  date: string;
  environment: Environment;
  /** One-minute load average when the suite started and ended: other work on the machine skews timings. */
  loadAverage: [number, number];
  method: string;
  rows: Row[];
}

/** The one-minute load average. */
export function load(): number {
  return loadavg()[0]!;
}

export function resultsFile(suite: string): URL {
  return new URL(`bench/results/${suite}.json`, ROOT);
}

/** Writes bench/results/<suite>.json (any suite's result object) and returns its URL. */
export function writeResults<T extends { suite: string }>(result: T): URL {
  const file = resultsFile(result.suite);
  mkdirSync(new URL('.', file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}
