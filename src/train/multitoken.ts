// The multi-token training loop (theory.md §5), top to bottom; runs also single-token data
// when a run needs the full softmax at every step (the SFT term, --explain). W itself is
// trained (the log-sum-exp no longer cancels in the margin), starting at W0. Per step, chunk
// by chunk over the active rows (multitoken-split.ts), all in the backend:
//   logits = G W^T (GEMM) -> Y = softmax - onehot and log p(token) (fused row kernel)
//   -> margins r_i and row factors c = beta sgn (-f'(r_i)) / N (+ alpha / N on preferred rows)
//   -> dL/dW += Y^T (diag(c) G) (row scaling, GEMM)
// then, with an SFT term, dL/dW += (alpha / N) Y^T G over the shared-prefix rows, and one
// optimiser update. Metrics, the explanation and the weight change come at logging steps.
import type { Backend } from '../backend/index.js';
import type { Dataset } from '../data/dataset.js';
import type { RunOptions } from '../config/options.js';
import { SequenceSplit } from './multitoken-split.js';
import { chunkRowsFor, TokenPass } from './multitoken-pass.js';
import type { SequenceObjective } from './multitoken-objective.js';
import { sequenceGradient } from './multitoken-gradient.js';
import { SequenceEvaluator, type SequenceEvaluation } from './multitoken-evaluate.js';
import { Explainer, explainRefusal, type ExplainReport, type ExplainTarget } from './explain.js';
import type { LogEntry } from './record.js';
import type { Schedule } from './schedule.js';
import { RunLog, type TrainHooks, type TrainOutcome } from './trainer.js';

export interface SequenceHooks extends TrainHooks {
  /** explain this position at every logging step (gd only) */
  explain?: ExplainTarget & { onReport: (report: ExplainReport) => void };
}

export interface SequenceOutcome extends TrainOutcome {
  chunkRows: number;
  /** bytes of the logits chunk */
  chunkBytes: number;
}

export function trainSequences(dataset: Dataset, options: RunOptions, schedule: Schedule, backend: Backend, hooks: SequenceHooks = {}): SequenceOutcome {
  const { V, d, K, L } = dataset.meta;
  if (options.space !== 'weight' || options.batchSize !== null) {
    throw new RangeError('the multi-token path (L > 1, an SFT term or --explain) trains W on the full batch: use space weight without batchSize');
  }
  const refusal = hooks.explain ? explainRefusal(options) : null;
  if (refusal) throw new RangeError(refusal);
  const chunkRows = chunkRowsFor(V, L, Math.max(dataset.train.N, dataset.test.N));
  const train = new SequenceSplit(backend, dataset.train, L, d, V, K, 'train', chunkRows);
  const test = new SequenceSplit(backend, dataset.test, L, d, V, K, 'test', chunkRows);
  const pass = new TokenPass(backend, V, d, chunkRows);
  const W0 = backend.float32(V * d, dataset.W0 ?? undefined);
  const W = backend.float32(V * d, dataset.W0 ?? undefined);
  const grad = backend.float32(V * d);
  const scaled = backend.float32(chunkRows * d);
  const adam = options.optimizer === 'adam' ? { m: backend.float32(V * d), v: backend.float32(V * d) } : null;
  const norm = backend.float32(1);
  const objective: SequenceObjective = { loss: options.loss, beta: options.beta, eps: options.eps, K, alpha: options.sft };
  const evaluators = [new SequenceEvaluator(backend, pass, train, objective), new SequenceEvaluator(backend, pass, test, objective)] as const;
  for (const evaluator of evaluators) evaluator.prepareReference(W0);
  const explainer = hooks.explain ? new Explainer(backend, pass, train, dataset, W0, objective, hooks.explain) : null;
  const log = new RunLog(hooks);

  const record = (step: number): void => {
    const [onTrain, onTest] = evaluators.map((evaluator) => evaluator.evaluate(W)) as [SequenceEvaluation, SequenceEvaluation];
    backend.axpy(-1, W0, W, V * d, grad);
    backend.gemm('nt', 1, 1, V * d, 1, grad, grad, 0, norm);
    const entry: LogEntry = {
      step, t: step * schedule.lr, train: onTrain.metrics, test: onTest.metrics,
      per_value_test_error: onTest.perValueError, per_value_train_error: onTrain.perValueError,
      weight_change: Math.sqrt(norm.view()[0]!),
      per_position_reward: { train: onTrain.positionRewards, test: onTest.positionRewards },
    };
    log.add(entry, train, test);
  };

  const explain = (step: number) => (explainer ? explainer.predict(W, step, step * schedule.lr) : null);

  const started = performance.now();
  record(0);
  let pending = explain(0);
  let step = 0;
  while (step < schedule.steps && !hooks.shouldStop?.()) {
    step++;
    const lossSum = sequenceGradient(backend, pass, train, W, objective, grad, scaled);
    if (!Number.isFinite(lossSum)) throw new Error(`training diverged at step ${step}: the loss is ${lossSum} (try a smaller lr)`);
    if (adam) {
      backend.adamUpdate(W, grad, adam.m, adam.v, V * d, schedule.lr, options.adamBeta1, options.adamBeta2, options.adamEps, step);
    } else {
      backend.gdUpdate(W, grad, V * d, schedule.lr);
    }
    if (pending) {
      hooks.explain!.onReport(explainer!.measure(pending, W, schedule.lr));
      pending = null;
    }
    if (schedule.logs(step)) {
      record(step);
      pending = explain(step);
    }
  }
  if (log.lastStep !== step) record(step);
  // The last logged step has no next step to measure.
  if (pending) hooks.explain!.onReport(pending);
  const trainMs = performance.now() - started;
  const memoryBytes = backend.memoryBytes();

  explainer?.free();
  pass.free();
  for (const block of [W0, W, grad, scaled, norm, ...(adam ? [adam.m, adam.v] : [])]) backend.free(block);
  train.free();
  test.free();
  return { log: log.entries, steps: step, trainMs, memoryBytes, chunkRows, chunkBytes: chunkRows * V * 4 };
}
