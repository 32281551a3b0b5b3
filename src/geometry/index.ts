// The geometry of real (or generated) embeddings: Figure 3, Appendix E, the model's parameters
// estimated from the side labels, the conditions the data meets, and a synthetic twin.
export { describeGeometry, estimateDataset, type Geometry } from './describe.js';
export { clusterMoments, clusterIndex, type ClusterMoments } from './moments.js';
export { estimateParameters, type ParameterEstimate } from './estimate.js';
export { valueCosines, type ValueCosines } from './cosines.js';
export { clusterSpread, rmsNorm, type ClusterSpread } from './spread.js';
export { readResponses, type Responses } from './responses.js';
export { dataConditions, type DataConditions } from './conditions.js';
export { twinDataset } from './twin.js';
export { cosineHeatmap } from './figure.js';
export { writeGeometry, geometryJson, cosinesCsv, clustersCsv } from './write.js';
