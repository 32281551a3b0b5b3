// The reference protocol for real embeddings (theory.md §6): the pooled 90/10 split and the
// reference script's metric series and CSV files.
export { referenceDataset } from './regroup.js';
export { chooseTraining, trainingCount, TRAINING_SHARE, type SplitMode } from './split.js';
export { pairKeys } from './pair-key.js';
export { PooledPairs } from './pooled.js';
export { referenceSeries, REFERENCE_METRICS, type ReferenceMetric, type ScalarEvent } from './series.js';
export { csvFileName, seriesCsv, writeReferenceCsv } from './csv.js';
