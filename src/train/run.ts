// One training run from options to result record: get the data (generate, or read a dataset
// directory), choose the schedule, train in weight or margin space, attach the theory's
// bounds and the timing. The CLI, sweeps and the browser page all run through here.
import type { Backend } from '../backend/index.js';
import type { Dataset } from '../data/dataset.js';
import { generateData } from '../data/sequences.js';
import type { RunOptions } from '../config/options.js';
import { VERSION } from '../version.js';
import { tau1 } from '../theory/bounds.js';
import { makeSchedule } from './schedule.js';
import { trainWeights, type TrainOutcome } from './trainer.js';
import { trainMargins } from './margin-space.js';
import { runBounds } from './bounds.js';
import { configId, RUN_SCHEMA, type RunRecord } from './record.js';
import { trainSequences, type SequenceHooks, type SequenceOutcome } from './multitoken.js';
import { failureModes } from './failure-modes.js';
import { referenceDataset } from '../protocol/regroup.js';

/**
 * Trains on a dataset already in memory (generated or read by the caller). `dataSeed` drives
 * everything random in the run (the minibatch order here, the data in trainGenerated); it is
 * the options' seed unless a sweep derives one from the cell's id. With protocol reference
 * the run pools the dataset's train and test pairs and splits them itself, reordering the
 * dataset's arrays in place (see referenceDataset).
 */
export function trainOn(dataset: Dataset, options: RunOptions, backend: Backend, hooks: SequenceHooks = {}, dataSeed = options.seed): RunRecord {
  const started = performance.now();
  if (options.protocol === 'reference') dataset = referenceDataset(dataset, options.split, dataSeed);
  const { K } = dataset.meta;
  const schedule = makeSchedule(options, tau1(K, options.beta));
  // Runs that need the softmax at every step (multi-token responses, the SFT term, --explain)
  // take the multi-token path, single-token data included.
  const sequences = dataset.meta.L > 1 || options.sft > 0 || hooks.explain !== undefined;
  const train = sequences ? trainSequences : options.space === 'margin' ? trainMargins : trainWeights;
  const outcome: TrainOutcome & Partial<SequenceOutcome> = train(dataset, { ...options, seed: dataSeed }, schedule, backend, hooks);
  const final = outcome.log[outcome.log.length - 1]!;
  const bounds = runBounds(options, dataset, outcome.log, schedule);
  if (dataset.meta.L > 1 || options.sft > 0) bounds['note'] = 'Theorems 4.2 and 4.3 are about single-token responses without an SFT term: the conditions describe the prompts only';
  const gradientFlow = dataset.meta.L === 1 && options.sft === 0 && options.optimizer === 'gd' && options.batchSize === null;
  const conditionsHold = (bounds['applies'] as Record<string, boolean> | undefined)?.['theorem4.2'] === true;
  return {
    schema: RUN_SCHEMA,
    id: configId(options),
    version: VERSION,
    config: options,
    data_seed: dataSeed,
    schedule: { steps: schedule.steps, lr: schedule.lr, log_every: schedule.logEvery, completed_steps: outcome.steps },
    backend: { name: backend.name, variant: backend.variant },
    log: outcome.log,
    final,
    bounds,
    failure_modes: failureModes(outcome.log, options, { tau1: tau1(K, options.beta), conditionsHold, gradientFlow }),
    timing: {
      ms: performance.now() - started,
      train_ms: outcome.trainMs,
      steps_per_second: outcome.steps / (outcome.trainMs / 1000),
    },
    memory: {
      wasm_bytes: backend.name === 'wasm' ? outcome.memoryBytes : 0,
      ...(outcome.chunkRows !== undefined ? { backend_bytes: outcome.memoryBytes, chunk_rows: outcome.chunkRows, chunk_bytes: outcome.chunkBytes } : {}),
    },
    error: null,
  };
}

/** Generates the data the options describe and trains on it. */
export function trainGenerated(options: RunOptions, backend: Backend, hooks: SequenceHooks = {}, dataSeed = options.seed): RunRecord {
  const started = performance.now();
  const dataset = generateData({ ...options, seed: dataSeed });
  const dataMs = performance.now() - started;
  const record = trainOn(dataset, options, backend, hooks, dataSeed);
  if (record.timing) record.timing = { ...record.timing, ms: record.timing.ms + dataMs, data_ms: dataMs };
  return record;
}
