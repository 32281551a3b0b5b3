// Lemma 4.1 iterated directly on the margins, without ever forming W:
//   r_j <- r_j + lr * (beta^2 / N) * sum_i (-f'(r_i)) P_ij S_ij
// for every training and test sample j (training samples drive, test samples follow).
// S_ij = g_i . g_j comes from one GEMM; P_ij (preference sharing) is
// (e_yw,i - e_yl,i) . (e_yw,j - e_yl,j). Per step: the weights -f'(r_i), then one
// single-row GEMM per split against the fixed matrix H = P o S.
// For a linear model this is the same map as gradient descent on W, step for step.
import type { Backend } from '../backend/index.js';
import type { Dataset } from '../data/dataset.js';
import type { RunOptions } from '../config/options.js';
import { ResidentSplit } from './resident.js';
import type { LogEntry } from './record.js';
import { marginMetrics, perValueErrors, type Metrics } from './evaluate.js';
import type { Schedule } from './schedule.js';
import { RunLog, type TrainHooks, type TrainOutcome } from './trainer.js';

/** H larger than this is refused: margin space is for checking the theory on moderate N. */
const MAX_H_BYTES = 2 ** 31;

export function trainMargins(dataset: Dataset, options: RunOptions, schedule: Schedule, backend: Backend, hooks: TrainHooks = {}): TrainOutcome {
  const { V, d, K } = dataset.meta;
  const train = new ResidentSplit(backend, dataset.train, d, V, K, 'train');
  const test = new ResidentSplit(backend, dataset.test, d, V, K, 'test');
  const N = train.N;
  const bytes = (N + test.N) * N * 4;
  if (bytes > MAX_H_BYTES) {
    throw new RangeError(`space: margin space needs a (N + Ntest) x N = ${N + test.N} x ${N} matrix (${(bytes / 2 ** 30).toFixed(1)} GiB, the limit is 2 GiB): use space weight or fewer samples`);
  }
  const drive = [
    { split: train, H: sharingTimesGram(backend, train, dataset.train.yw, dataset.train.yl, train, dataset.train.yw, dataset.train.yl, d) },
    { split: test, H: sharingTimesGram(backend, test, dataset.test.yw, dataset.test.yl, train, dataset.train.yw, dataset.train.yl, d) },
  ];
  const weights = backend.float32(N);
  const { loss, beta, eps } = options;
  const log = new RunLog(hooks);

  const summarise = (split: ResidentSplit): { metrics: Metrics; perValue: number[] } => {
    const s = backend.marginSummary(split.margins, split.N, split.value, K, loss, beta, eps);
    return { metrics: marginMetrics(s, split.N), perValue: perValueErrors(s) };
  };
  const record = (step: number): void => {
    const onTrain = summarise(train), onTest = summarise(test);
    const entry: LogEntry = {
      step, t: step * schedule.lr, train: onTrain.metrics, test: onTest.metrics,
      per_value_test_error: onTest.perValue, per_value_train_error: onTrain.perValue, weight_change: null,
    };
    log.add(entry, train, test);
  };

  const started = performance.now();
  record(0);
  let step = 0;
  const rate = schedule.lr * beta * beta / N;
  while (step < schedule.steps && !hooks.shouldStop?.()) {
    step++;
    backend.objective(loss, train.margins, N, beta, eps, null, weights);
    for (const { split, H } of drive) backend.gemm('nt', 1, split.N, N, rate, weights, H, 1, split.margins);
    if (schedule.logs(step)) record(step);
  }
  if (log.lastStep !== step) record(step);
  const trainMs = performance.now() - started;
  const memoryBytes = backend.memoryBytes();

  for (const { H } of drive) backend.free(H);
  backend.free(weights);
  train.free();
  test.free();
  return { log: log.entries, steps: step, trainMs, memoryBytes };
}

/** H [target.N x source.N] with H_ji = P_ij * (g_j . g_i). */
function sharingTimesGram(backend: Backend, target: ResidentSplit, targetYw: Int32Array, targetYl: Int32Array,
  source: ResidentSplit, sourceYw: Int32Array, sourceYl: Int32Array, d: number) {
  const H = backend.float32(target.N * source.N);
  backend.gemm('nt', target.N, source.N, d, 1, target.G, source.G, 0, H);
  const h = H.view();
  for (let j = 0; j < target.N; j++) {
    const w = targetYw[j]!, l = targetYl[j]!, row = j * source.N;
    for (let i = 0; i < source.N; i++) {
      const sharing = Number(sourceYw[i] === w) - Number(sourceYw[i] === l) - Number(sourceYl[i] === w) + Number(sourceYl[i] === l);
      h[row + i] = sharing === 0 ? 0 : sharing * h[row + i]!;
    }
  }
  return H;
}
