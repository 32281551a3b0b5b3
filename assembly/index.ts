// The export surface of the Wasm core: every function the host may call, nothing else.
export { alloc, free } from './memory';
export { gemm } from './kernels/matmul';
export { softmaxRows, logSoftmaxRows, logSumExpRows } from './kernels/softmax';
export { softmaxMinusOneHot } from './kernels/softmax-onehot';
export { objective } from './kernels/objective';
export { dpoStep, tokenRewards } from './kernels/dpo';
export { gdUpdate, adamUpdate } from './kernels/optim';
export { marginSummary, axpy, sum, fill } from './kernels/summary';
export { sequenceWeights } from './kernels/sequence-weights';
export { scaleRows } from './kernels/scale-rows';
export { sequenceRewards } from './kernels/sequence-rewards';
export { sequenceSummary } from './kernels/sequence-summary';
export { reversedPairs } from './kernels/reversed-pairs';

/** 1 when this binary was built with relaxed SIMD, else 0. */
export function relaxedSimd(): i32 {
  return ASC_FEATURE_RELAXED_SIMD ? 1 : 0;
}
