// The geometry of a dataset's training split, everything `dposcale geometry` reports: Figure
// 3's value cosines, Appendix E's cluster spread, the model's parameters estimated from the
// side labels, and the theorem conditions the data meets as given.
import type { Backend } from '../backend/index.js';
import type { Dataset } from '../data/dataset.js';
import { dataConditions, type DataConditions } from './conditions.js';
import { valueCosines, type ValueCosines } from './cosines.js';
import { estimateParameters, type ParameterEstimate } from './estimate.js';
import { clusterMoments, type ClusterMoments } from './moments.js';
import { readResponses, type Responses } from './responses.js';
import { clusterSpread, type ClusterSpread } from './spread.js';

export interface Geometry {
  K: number;
  d: number;
  /** training pairs the geometry was measured on */
  N: number;
  cosines: ValueCosines;
  clusters: ClusterSpread[];
  estimate: ParameterEstimate;
  responses: Responses;
  conditions: DataConditions;
}

/** The parts that need no backend: moments, estimates and responses (all a synthetic twin needs). */
export function estimateDataset(dataset: Dataset): { moments: ClusterMoments[]; estimate: ParameterEstimate; responses: Responses } {
  const { K, d, L } = dataset.meta;
  if (L !== 1) throw new RangeError(`the geometry reads one hidden state per pair (L = 1); this dataset has L = ${L}`);
  const moments = clusterMoments(dataset.train, K, d);
  return { moments, estimate: estimateParameters(moments, K, d), responses: readResponses(dataset.train, K) };
}

export function describeGeometry(dataset: Dataset, backend: Backend): Geometry {
  const { K, d } = dataset.meta;
  const { moments, estimate, responses } = estimateDataset(dataset);
  return {
    K, d, N: dataset.train.N,
    cosines: valueCosines(dataset.train, K, d),
    clusters: clusterSpread(backend, dataset.train, moments, d),
    estimate,
    responses,
    conditions: dataConditions(estimate, responses, moments, K, d),
  };
}
