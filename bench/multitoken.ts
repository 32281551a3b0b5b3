// The multi-token step benchmark of issue 5: one full-batch gd step at V = 4096, d = 256,
// N = 512 pairs, L = 8 (8192 positions, no shared prefix), exactly the trainer's per-step
// calls (sequenceGradient: per chunk the logits GEMM, softmax-minus-one-hot, per-pair weights,
// row scaling and the gradient GEMM; then the update), against the GEMM kernel on the step's
// own two shapes measured in the same run, and against the JS twin.
// Flops of a step: 2 P V d per GEMM (two of them) and 4 P V for the softmax pass (max,
// subtract and exp, sum, scale, the exp counted as one), P = 8192 positions.
// Targets: the relaxed-SIMD step at >= 60% of the GEMM's best rate here, and >= 20x the JS twin.
import { fileURLToPath } from 'node:url';
import {
  chunkRowsFor, generateSequences, loadBackend, parseRunOptions, Random, sequenceGradient, SequenceEvaluator, SequenceSplit,
  TokenPass, type Backend, type Dataset, type Float32Block, type Layout,
} from 'dposcale';
import { environment, load, measureRounds, writeResults, type Budget } from './common.js';
import { replaceReadmeSection } from './readme-table.js';

const WASM: Budget = { warmupIterations: 2, warmupMs: 2000, iterations: 3, timeMs: 2000, rounds: 3 };
const TARGET = { ofGemm: 0.6, overJs: 20 };

const OPTIONS = parseRunOptions({ K: 8, Q: 32, test: 1, d: 256, V: 4096, L: 8, prefix: 0, gamma: 0.5, vpos: 0.05, w0Scale: 0.02, seed: 1 });

interface Step {
  positions: number;
  chunkRows: number;
  bytes: number;
  call(): void;
  release(): void;
}

function prepareStep(backend: Backend, dataset: Dataset): Step {
  const { V, d, K, L } = dataset.meta;
  const chunkRows = chunkRowsFor(V, L, dataset.train.N);
  const split = new SequenceSplit(backend, dataset.train, L, d, V, K, 'train', chunkRows);
  const pass = new TokenPass(backend, V, d, chunkRows);
  const objective = { loss: 'dpo' as const, beta: 1, eps: 0, K, alpha: 0 };
  const W0 = backend.float32(V * d, dataset.W0 ?? undefined), W = backend.float32(V * d, dataset.W0 ?? undefined);
  const grad = backend.float32(V * d), scaled = backend.float32(chunkRows * d);
  new SequenceEvaluator(backend, pass, split, objective).prepareReference(W0);
  return {
    positions: split.activeRows,
    chunkRows,
    bytes: backend.memoryBytes(),
    call: () => {
      sequenceGradient(backend, pass, split, W, objective, grad, scaled);
      backend.gdUpdate(W, grad, V * d, 1e-3);
    },
    release: () => {
      pass.free(); split.free();
      for (const block of [W0, W, grad, scaled]) backend.free(block);
    },
  };
}

/** One GEMM call of the given shape on fresh operands; beta as the step uses it (0 overwrites C, 1 accumulates). */
function prepareGemm(backend: Backend, layout: Layout, M: number, N: number, K: number, beta: 0 | 1) {
  const random = new Random(`multitoken gemm ${layout} ${M} ${N} ${K}`);
  const blocks: Float32Block[] = [backend.float32(M * K, random.normalArray(M * K)), backend.float32(K * N, random.normalArray(K * N)), backend.float32(M * N)];
  const [A, B, C] = blocks as [Float32Block, Float32Block, Float32Block];
  return { flops: 2 * M * N * K, call: () => backend.gemm(layout, M, N, K, 1, A, B, beta, C), release: () => { for (const block of blocks) backend.free(block); } };
}

export async function run(): Promise<void> {
  const loadAtStart = load();
  const dataset = generateSequences(OPTIONS);
  const { V, d } = dataset.meta;
  const relaxed = await loadBackend({ variant: 'relaxed-simd' });
  const simd = await loadBackend({ variant: 'simd' });
  const js = await loadBackend({ backend: 'js' });

  const step = prepareStep(relaxed, dataset);
  const P = step.positions, C = step.chunkRows;
  const stepFlops = 2 * (2 * P * V * d) + 4 * P * V;
  // The GEMM kernel on the step's shapes: whole (P rows at once) and as the step cuts them.
  const shapes: Array<[string, Layout, number, number, number, 0 | 1]> = [
    [`logits nt ${P}x${V}x${d}`, 'nt', P, V, d, 0],
    [`gradient tn ${V}x${d}x${P}`, 'tn', V, d, P, 1],
    [`logits nt ${C}x${V}x${d} (chunk)`, 'nt', C, V, d, 0],
    [`gradient tn ${V}x${d}x${C} (chunk)`, 'tn', V, d, C, 1],
  ];
  const gemms = shapes.map(([name, layout, M, N, K, beta]) => ({ name, ...prepareGemm(relaxed, layout, M, N, K, beta) }));
  const simdStep = prepareStep(simd, dataset);
  const timings = await measureRounds([
    { name: 'relaxed-simd step', call: step.call },
    { name: 'simd step', call: simdStep.call },
    ...gemms.map((gemm) => ({ name: gemm.name, call: gemm.call })),
  ], WASM);
  const rate = (flops: number, ms: number) => flops / (ms * 1e6);
  const relaxedRate = rate(stepFlops, timings[0]!.medianMs), simdRate = rate(stepFlops, timings[1]!.medianMs);
  const gemmRates = gemms.map((gemm, k) => ({ shape: gemm.name, gflops: rate(gemm.flops, timings[k + 2]!.medianMs), ms: timings[k + 2]!.medianMs }));
  const bestGemm = Math.max(...gemmRates.map((g) => g.gflops));
  for (const gemm of gemms) gemm.release();
  simdStep.release();
  const wasmBytes = step.bytes;
  step.release();

  // The JS twin takes about a minute for this step: one timed call (V8 tiers its loops up within the first milliseconds).
  const jsStep = prepareStep(js, dataset);
  const started = performance.now();
  jsStep.call();
  const jsMs = performance.now() - started;
  jsStep.release();
  const jsRate = rate(stepFlops, jsMs);

  const result = {
    suite: 'multitoken',
    date: new Date().toISOString(),
    environment: environment(),
    loadAverage: [loadAtStart, load()],
    method: `single thread; one full-batch gd step (sequenceGradient + gdUpdate) at V=${V}, d=${d}, N=${dataset.train.N} pairs, L=${dataset.meta.L} `
      + `(${P} positions, chunks of ${C} rows); flops = 2 x 2 P V d (two GEMMs) + 4 P V (softmax pass); Wasm: warm-up >= ${WASM.warmupMs} ms, `
      + `median of ${WASM.rounds} interleaved rounds (step and GEMMs alternate); JS twin: one call.`,
    step: { flops: stepFlops, positions: P, chunk_rows: C, wasm_memory_bytes: wasmBytes },
    results: {
      'relaxed-simd': { ms: timings[0]!.medianMs, gflops: relaxedRate },
      simd: { ms: timings[1]!.medianMs, gflops: simdRate },
      js: { ms: jsMs, gflops: jsRate },
    },
    gemm: gemmRates,
    ratios: { 'relaxed-simd step / best gemm': relaxedRate / bestGemm, 'relaxed-simd / js': relaxedRate / jsRate, 'simd / js': simdRate / jsRate },
    target: TARGET,
  };
  for (const gemm of gemmRates) console.log(`gemm ${gemm.shape.padEnd(36)} ${gemm.gflops.toFixed(1).padStart(6)} GFLOP/s (${gemm.ms.toFixed(1)} ms)`);
  console.log(`step (${P} positions, V=${V}, d=${d}, chunks of ${C}): relaxed ${relaxedRate.toFixed(1)} GFLOP/s (${timings[0]!.medianMs.toFixed(0)} ms), `
    + `simd ${simdRate.toFixed(1)} GFLOP/s, js ${jsRate.toFixed(2)} GFLOP/s (${(jsMs / 1000).toFixed(1)} s); Wasm memory ${(wasmBytes / 2 ** 20).toFixed(0)} MiB`);
  const ofGemm = result.ratios['relaxed-simd step / best gemm'], overJs = result.ratios['relaxed-simd / js'];
  console.log(`step / best GEMM here: ${(100 * ofGemm).toFixed(0)}% (target >= ${100 * TARGET.ofGemm}%: ${ofGemm >= TARGET.ofGemm ? 'met' : 'MISSED'}); `
    + `relaxed / js: ${overJs.toFixed(0)}x (target >= ${TARGET.overJs}x: ${overJs >= TARGET.overJs ? 'met' : 'MISSED'})`);
  const file = writeResults(result);
  console.log(`wrote ${fileURLToPath(file)}`);
  replaceReadmeSection('bench:multitoken', [
    `Measured ${result.date.slice(0, 10)}, ${result.environment.cpu}, Node ${result.environment.node}; ${result.method}`,
    '',
    '| | GFLOP/s | ms |',
    '|---|---:|---:|',
    ...(['relaxed-simd', 'simd', 'js'] as const).map((engine) => `| step, ${engine === 'js' ? 'JS twin' : `Wasm ${engine}`} | ${result.results[engine].gflops.toFixed(1)} | ${result.results[engine].ms.toFixed(0)} |`),
    ...result.gemm.map((gemm) => `| GEMM ${gemm.shape} | ${gemm.gflops.toFixed(1)} | ${gemm.ms.toFixed(1)} |`),
    '',
    `The relaxed-SIMD step runs at **${(100 * ofGemm).toFixed(0)}%** of the best GEMM rate in the same run (target >= 60%) and **${result.ratios['relaxed-simd / js'].toFixed(0)}x** the JS twin (target >= 20x).`,
  ].join('\n'));
}
