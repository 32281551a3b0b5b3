// A preference dataset in memory: the same arrays as the dataset directory of
// architecture.md (train_g.npy, train_yw.npy, ...), so reading and writing is a straight copy.

/** One split (train or test) of a dataset. */
export interface Split {
  /** number of preference pairs */
  N: number;
  /** hidden states: [N, d] when L = 1, [N, 2, L, d] when L > 1 (axis 1: 0 preferred, 1 rejected) */
  G: Float32Array;
  /** preferred tokens: [N] when L = 1, [N, L] when L > 1 */
  yw: Int32Array;
  /** rejected tokens, shaped like yw */
  yl: Int32Array;
  /** which value (0..K-1) each pair comes from: [N] */
  value: Int32Array;
  /** +1 for the aligned cluster C_{k,+}, -1 for the misaligned C_{k,-}: [N] */
  side: Int8Array;
}

/** meta.json of a dataset directory. */
export interface DatasetMeta {
  format: 'dposcale-dataset';
  version: 1;
  V: number;
  d: number;
  L: number;
  K: number;
  /** the generation parameters, when the data was generated here */
  [parameter: string]: unknown;
}

export interface Dataset {
  meta: DatasetMeta;
  train: Split;
  test: Split;
  /** reference unembedding [V, d]; null means zeros */
  W0: Float32Array | null;
}
