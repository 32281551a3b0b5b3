// The training loop, top to bottom. Data goes into backend memory once; each step is one
// fused kernel pass (margins, weights, gradient rows) and one optimiser update; metrics are
// computed inside the backend at logging steps and only scalars come back.
import type { Backend } from '../backend/index.js';
import type { Dataset } from '../data/dataset.js';
import { Random } from '../data/random.js';
import type { RunOptions } from '../config/options.js';
import { ResidentSplit } from './resident.js';
import { SplitEvaluator, type SplitEvaluation, type Weights } from './evaluate.js';
import type { LogEntry } from './record.js';
import type { Schedule } from './schedule.js';

export interface TrainHooks {
  /** called with every log entry as soon as it is measured (progress, live charts) */
  onLog?: (entry: LogEntry) => void;
  /** checked before every step; true ends the run early */
  shouldStop?: () => boolean;
  /** every sample's margin at each logging step (views valid only during the call: copy to keep) */
  onMargins?: (step: number, train: Float32Array, test: Float32Array) => void;
}

export interface TrainOutcome {
  log: LogEntry[];
  /** the last step taken (less than schedule.steps when stopped early) */
  steps: number;
  trainMs: number;
  memoryBytes: number;
}

export function trainWeights(dataset: Dataset, options: RunOptions, schedule: Schedule, backend: Backend, hooks: TrainHooks = {}): TrainOutcome {
  const { V, d, K } = dataset.meta;
  const train = new ResidentSplit(backend, dataset.train, d, V, K, 'train');
  const test = new ResidentSplit(backend, dataset.test, d, V, K, 'test');
  const weights: Weights = { V, d, D: backend.float32(V * d), W0: backend.float32(V * d, dataset.W0 ?? undefined) };
  const objective = { loss: options.loss, beta: options.beta, eps: options.eps, K };
  const evaluators = [new SplitEvaluator(backend, train, weights, objective), new SplitEvaluator(backend, test, weights, objective)] as const;
  const grad = backend.float32(V * d);
  const adam = options.optimizer === 'adam' ? { m: backend.float32(V * d), v: backend.float32(V * d) } : null;
  const batches = options.batchSize === null ? null : new Batches(backend, train.N, options.batchSize, options.seed);
  const norm = backend.float32(1);
  const log = new RunLog(hooks);

  const record = (step: number): void => {
    const [onTrain, onTest] = evaluators.map((evaluator) => evaluator.evaluate()) as [SplitEvaluation, SplitEvaluation];
    backend.gemm('nt', 1, 1, V * d, 1, weights.D, weights.D, 0, norm);
    const entry: LogEntry = {
      step, t: step * schedule.lr, train: onTrain.metrics, test: onTest.metrics,
      per_value_test_error: onTest.perValueError, per_value_train_error: onTrain.perValueError,
      weight_change: Math.sqrt(norm.view()[0]!),
    };
    log.add(entry, train, test);
  };

  const started = performance.now();
  record(0);
  let step = 0;
  while (step < schedule.steps && !hooks.shouldStop?.()) {
    step++;
    backend.fill(grad, V * d, 0);
    const batch = batches ? batches.next() : null;
    const count = batch ? batch.length : train.N;
    const marginSum = backend.dpoStep({
      G: train.G, d, yw: train.yw, yl: train.yl, index: batch, count, D: weights.D,
      beta: options.beta, loss: options.loss, eps: options.eps, scale: 1 / count, grad, margins: null,
    });
    if (!Number.isFinite(marginSum)) throw new Error(`training diverged at step ${step}: a margin is ${marginSum} (try a smaller lr)`);
    if (adam) {
      backend.adamUpdate(weights.D, grad, adam.m, adam.v, V * d, schedule.lr, options.adamBeta1, options.adamBeta2, options.adamEps, step);
    } else {
      backend.gdUpdate(weights.D, grad, V * d, schedule.lr);
    }
    if (schedule.logs(step)) record(step);
  }
  if (log.lastStep !== step) record(step);
  const trainMs = performance.now() - started;
  const memoryBytes = backend.memoryBytes();

  for (const evaluator of evaluators) evaluator.free();
  for (const block of [weights.D, weights.W0, grad, norm, ...(adam ? [adam.m, adam.v] : [])]) backend.free(block);
  batches?.free();
  train.free();
  test.free();
  return { log: log.entries, steps: step, trainMs, memoryBytes };
}

/** The log of a run: checks each entry, keeps it and tells the hooks. */
export class RunLog {
  readonly entries: LogEntry[] = [];

  constructor(readonly hooks: TrainHooks) {}

  get lastStep(): number {
    return this.entries[this.entries.length - 1]?.step ?? -1;
  }

  add(entry: LogEntry, train: Pick<ResidentSplit, 'margins'>, test: Pick<ResidentSplit, 'margins'>): void {
    assertFinite(entry);
    this.entries.push(entry);
    this.hooks.onLog?.(entry);
    this.hooks.onMargins?.(entry.step, train.margins.view(), test.margins.view());
  }
}

/** Shuffled minibatches, one pass over the data per epoch; the order follows the run's seed. */
class Batches {
  readonly #order: Int32Array;
  readonly #index;
  readonly #random: Random;
  #position: number;

  constructor(readonly backend: Backend, readonly N: number, readonly size: number, seed: number) {
    this.#random = new Random(`${seed}:batches`);
    this.#order = Int32Array.from({ length: N }, (_, i) => i);
    this.#index = backend.int32(N);
    this.#position = N;
  }

  next() {
    if (this.#position >= this.N) {
      this.#random.shuffle(this.#order);
      this.#index.view().set(this.#order);
      this.#position = 0;
    }
    const length = Math.min(this.size, this.N - this.#position);
    const batch = this.#index.slice(this.#position, length);
    this.#position += length;
    return batch;
  }

  free(): void {
    this.backend.free(this.#index);
  }
}

/** A NaN or Infinity in a logged metric means the run broke: say where instead of logging it. */
function assertFinite(entry: LogEntry): void {
  for (const split of ['train', 'test'] as const) {
    for (const [name, value] of Object.entries(entry[split])) {
      if (value !== null && !Number.isFinite(value)) {
        throw new Error(`training diverged by step ${entry.step}: ${split} ${name} is ${value} (try a smaller lr)`);
      }
    }
  }
}

