// A synthetic twin of a dataset: data drawn from the model (theory.md §3) with the parameters
// estimated from it, so a real run and a run on its twin can be compared side by side. The
// twin keeps the data's coordinates: its clusters sit at +-c_k + b along the estimated
// directions, its noise is isotropic with the estimated v, and its hidden states are scaled
// back from model units (|c_k| = 1) to the data's (`scale`), so the reference W0 still
// applies and Adam sees the same coordinate scales. What the model leaves out (unequal concept
// norms, a b per value, anisotropic noise, unequal group sizes) is what a difference between
// the two runs points at.
import { parseRunOptions } from '../config/options.js';
import { generateDataset } from '../data/clusters.js';
import type { Dataset } from '../data/dataset.js';
import { tokensNeeded } from '../data/tokens.js';
import { estimateDataset } from './describe.js';

/** The twin of `dataset`, its noise drawn with `seed`; `source` names the data in meta.json. */
export function twinDataset(dataset: Dataset, seed: number, source: string): Dataset {
  const { K, d, V } = dataset.meta;
  const { estimate, responses } = estimateDataset(dataset);
  if (!(estimate.scale > 0)) {
    throw new RangeError('the aligned and misaligned clusters are no further apart than their noise explains (|c_k| = 0 for every value), so the model has no unit for lb and v');
  }
  const tokens = responses.layout ?? 'disjoint';
  const options = parseRunOptions({
    K, d, seed, tokens,
    // Q per cluster: the mean of the data's group sizes, train and test alike.
    Q: Math.max(1, Math.round(dataset.train.N / (2 * K))),
    test: Math.max(1, Math.round(dataset.test.N / (2 * K))),
    v: estimate.v,
    lb: estimate.lb,
    V: Math.max(V, tokensNeeded(tokens, K)),
    conceptCos: estimate.meanConceptCos,
    flip: responses.flipped,
  });
  const twin = generateDataset(options, { b: estimate.b, concepts: estimate.concepts });
  for (const split of [twin.train, twin.test]) for (let i = 0; i < split.G.length; i++) split.G[i]! *= estimate.scale;
  // W0's rows mean the same tokens only when the twin answers with the data's own pairs.
  const sameTokens = responses.layout !== null;
  return {
    meta: {
      ...twin.meta,
      like: source,
      scale: estimate.scale,
      directions: 'estimated from the data (conceptCos records their mean cosine)',
      ...(sameTokens ? {} : { W0_note: `W0 not copied: the data's response pairs are not a layout this generator draws` }),
    },
    train: twin.train,
    test: twin.test,
    W0: sameTokens ? dataset.W0 : null,
  };
}
