// The library API: everything a program needs to run dposcale without the CLI.
export * from './backend/index.js';
export { Random } from './data/random.js';
export { parseRunOptions, runSchema, OptionsError, type RunOptions, type DataOptions } from './config/options.js';
export type { Dataset, Split, DatasetMeta } from './data/dataset.js';
export { generateDataset } from './data/clusters.js';
export { readDatasetDirectory, writeDatasetDirectory } from './data/directory.js';
export { trainOn, trainGenerated } from './train/run.js';
export type { TrainHooks } from './train/trainer.js';
export { RUN_SCHEMA, configId, canonicalJson, type RunRecord, type LogEntry } from './train/record.js';
export type { Metrics } from './train/evaluate.js';
export { VERSION } from './version.js';
