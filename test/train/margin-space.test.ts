// Lemma 4.1: gradient descent on W and the Euler iteration of the margin equation are the
// same map for a linear model, so their margins agree step by step (up to float32 rounding).
import { describe, it } from 'vitest';
import { expectClose, loadEngines } from '../helpers.js';
import { traced } from './helpers.js';

describe('weight space == margin space', async () => {
  const { relaxed, js } = await loadEngines();
  const layouts = [
    { tokens: 'disjoint', loss: 'dpo' }, { tokens: 'yes-no', loss: 'dpo' },
    { tokens: 'shared:2', loss: 'ipo' }, { tokens: 'disjoint', loss: 'slic' },
  ] as const;
  for (const backend of [relaxed, js]) {
    for (const { tokens, loss } of layouts) {
      it(`${backend.variant}, ${tokens}, ${loss}: every sample's margin at every one of 200 steps`, () => {
        const options = { K: 4, Q: 16, test: 8, d: 24, v: 0.2, tokens, loss, lr: 0.5, steps: 200, logEvery: 1, seed: 3 };
        const weight = traced(backend, options);
        const margin = traced(backend, { ...options, space: 'margin' });
        weight.margins.forEach(([train, test], step) => {
          const [trainM, testM] = margin.margins[step]!;
          const scale = Math.max(1, ...Array.from(train, Math.abs));
          expectClose(trainM, train, { abs: 1e-4 * scale }, `train margins at step ${step}`);
          expectClose(testM, test, { abs: 1e-4 * scale }, `test margins at step ${step}`);
        });
      });
    }
  }
});
