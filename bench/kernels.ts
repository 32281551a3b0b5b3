// The kernel benchmarks of issue 2: GEMM in three layouts and the shapes training meets,
// row softmax / log-softmax, and the fused DPO step, each on the JS twin, the plain-SIMD Wasm
// build and the relaxed-SIMD build, loaded side by side in this process. Single thread.
// Writes bench/results/kernels.json and regenerates the README table from it.
import { loadBackend, Random, type Backend, type Float32Block, type Layout } from 'dposcale';
import { ENGINES, environment, load, measureRounds, writeResults, type Budget, type Engine, type Row, type Target } from './common.js';
import { updateReadme } from './readme-table.js';

interface Case {
  kernel: string;
  shape: string;
  unit: Row['unit'];
  /** Flops (GEMM: 2 M N K) or elements per call. */
  work: number;
  target?: Target;
  /** Puts the operands into the backend's memory; returns the timed call and a cleanup. */
  prepare(backend: Backend): { call(): void; release(): void };
}

/** Wasm: warm up long enough for V8 to finish tiering up, then five interleaved rounds. */
const WASM: Budget = { warmupIterations: 10, warmupMs: 1000, iterations: 5, timeMs: 300, rounds: 5 };
/** The JS twin runs ~50x slower: the same shapes, fewer calls (a large GEMM takes seconds). */
const JS: Budget = { warmupIterations: 1, warmupMs: 0, iterations: 3, timeMs: 1000, rounds: 1 };

function release(backend: Backend, blocks: Float32Block[]): () => void {
  return () => { for (const block of blocks) backend.free(block); };
}

const MAIN: Target = { 'relaxed-simd': 42, simd: 33, overJs: 30 };

function gemm(layout: Layout, M: number, N: number, K: number, options: { name?: string; gram?: boolean; target?: Target } = {}): Case {
  const random = new Random(`gemm ${layout} ${M} ${N} ${K}`);
  const a = random.normalArray(M * K), b = options.gram ? a : random.normalArray(K * N);
  return {
    kernel: 'gemm',
    shape: `${options.name ?? layout} ${M}x${N}x${K}`,
    unit: 'GFLOP/s',
    work: 2 * M * N * K,
    target: options.target ?? { overJs: 30 },
    prepare(backend) {
      const A = backend.float32(a.length, a), B = options.gram ? A : backend.float32(b.length, b), C = backend.float32(M * N);
      return {
        call: () => backend.gemm(layout, M, N, K, 1, A, B, 0, C),
        release: release(backend, options.gram ? [A, C] : [A, B, C]),
      };
    },
  };
}

function rows(kernel: 'softmaxRows' | 'logSoftmaxRows', count: number, V: number): Case {
  const x = new Random(`${kernel} ${count} ${V}`).normalArray(count * V, 4);
  return {
    kernel,
    shape: `${count} rows x ${V}`,
    unit: 'M elements/s',
    work: count * V,
    target: { 'relaxed-simd': 800, simd: 640, overJs: 8 },
    prepare(backend) {
      const X = backend.float32(x.length, x), Y = backend.float32(x.length);
      return { call: () => backend[kernel](X, count, V, Y), release: release(backend, [X, Y]) };
    },
  };
}

/** The fused full-batch DPO step with gradient: N samples of d, K values on disjoint tokens (V = 2K). */
function dpoStep(N: number, d: number, K: number): Case {
  const random = new Random(`dpo ${N} ${d} ${K}`);
  const V = 2 * K;
  const g = random.normalArray(N * d), w0 = random.normalArray(V * d, 0.01);
  const yw = Int32Array.from({ length: N }, (_, i) => 2 * (i % K)), yl = yw.map((t) => t + 1);
  return {
    kernel: 'dpoStep',
    shape: `N=${N}, d=${d}, K=${K} (V=${V}), with gradient`,
    unit: 'M elements/s',
    work: N * d,
    target: { overJs: 8 },
    prepare(backend) {
      const G = backend.float32(g.length, g), D = backend.float32(w0.length, w0), grad = backend.float32(V * d), margins = backend.float32(N);
      const Yw = backend.int32(N, yw), Yl = backend.int32(N, yl);
      return {
        call: () => void backend.dpoStep({
          G, d, yw: Yw, yl: Yl, index: null, count: N, D, beta: 0.1, loss: 'dpo', eps: 0, scale: 1 / N, grad, margins,
        }),
        release: () => { release(backend, [G, D, grad, margins])(); backend.free(Yw); backend.free(Yl); },
      };
    },
  };
}

function cases(): Case[] {
  return [
    gemm('nn', 128, 128, 128),
    gemm('nn', 256, 256, 256),
    gemm('nn', 512, 512, 512, { target: MAIN }),
    gemm('nn', 1024, 1024, 1024, { target: MAIN }),
    gemm('tn', 512, 512, 512, { target: { overJs: 30, ofRow: { row: 'gemm nn 512x512x512', fraction: 0.8 } } }),
    gemm('tn', 1024, 1024, 1024, { target: { overJs: 30, ofRow: { row: 'gemm nn 1024x1024x1024', fraction: 0.8 } } }),
    gemm('nt', 512, 512, 512),
    gemm('nt', 1024, 1024, 1024),
    gemm('nn', 2, 20000, 512, { name: 'skinny nn', target: { 'relaxed-simd': 15, simd: 15, overJs: 10 } }),
    gemm('nt', 4096, 4096, 256, { name: 'Gram A*A^T', gram: true, target: MAIN }),
    gemm('nt', 1024, 8192, 256, { name: 'logits A*B^T', target: MAIN }),
    rows('softmaxRows', 256, 1024),
    rows('softmaxRows', 8, 32768),
    rows('logSoftmaxRows', 256, 1024),
    rows('logSoftmaxRows', 8, 32768),
    dpoStep(32000, 256, 16),
  ];
}

function rate(c: Case, medianMs: number): number {
  return c.work / (medianMs * 1e-3) / (c.unit === 'GFLOP/s' ? 1e9 : 1e6);
}

export async function run(): Promise<void> {
  const loadAtStart = load();
  const backends: Record<Engine, Backend> = {
    js: await loadBackend({ backend: 'js' }),
    simd: await loadBackend({ variant: 'simd' }),
    'relaxed-simd': await loadBackend({ variant: 'relaxed-simd' }),
  };
  const rowsOut: Row[] = [];
  for (const c of cases()) {
    const id = `${c.kernel} ${c.shape}`;
    const prepared = ENGINES.map((engine) => ({ engine, ...c.prepare(backends[engine]) }));
    const [js] = await measureRounds([{ name: `${id} js`, call: prepared[0]!.call }], JS);
    const [simd, relaxed] = await measureRounds(prepared.slice(1).map((p) => ({ name: `${id} ${p.engine}`, call: p.call })), WASM);
    for (const p of prepared) p.release();
    const results: Row['results'] = {
      js: { ...js!, rate: rate(c, js!.medianMs) },
      simd: { ...simd!, rate: rate(c, simd!.medianMs) },
      'relaxed-simd': { ...relaxed!, rate: rate(c, relaxed!.medianMs) },
    };
    const row: Row = {
      id, kernel: c.kernel, shape: c.shape, unit: c.unit, work: c.work, results,
      ratios: {
        'simd/js': results.simd.rate / results.js.rate,
        'relaxed-simd/js': results['relaxed-simd'].rate / results.js.rate,
        'relaxed-simd/simd': results['relaxed-simd'].rate / results.simd.rate,
      },
      ...(c.target ? { target: c.target } : {}),
    };
    rowsOut.push(row);
    const show = (engine: Engine): string => results[engine].rate.toFixed(1);
    console.log(`${id.padEnd(46)} ${c.unit.padEnd(12)} js ${show('js').padStart(7)}  simd ${show('simd').padStart(7)}  relaxed ${show('relaxed-simd').padStart(7)}`
      + `  relaxed/js ${row.ratios['relaxed-simd/js'].toFixed(1)}x  simd/js ${row.ratios['simd/js'].toFixed(1)}x`);
  }
  const file = writeResults({
    suite: 'kernels',
    date: new Date().toISOString(),
    environment: environment(),
    loadAverage: [loadAtStart, load()],
    method: `single thread; Wasm: warm-up >= ${WASM.warmupMs} ms and ${WASM.warmupIterations} calls, then the median of ${WASM.rounds} `
      + `interleaved rounds of tinybench medians (>= ${WASM.timeMs} ms and ${WASM.iterations} calls each); JS twin: the same shapes, `
      + `the median of >= ${JS.iterations} calls after ${JS.warmupIterations} warm-up call; GEMM counts 2 M N K flops.`,
    rows: rowsOut,
  });
  updateReadme('kernels');
  console.log(`wrote ${file.pathname} and the README table`);
}
