// dL/dW of the multi-token path against central finite differences of the float64 objective,
// for every loss, with and without the SFT term, with L > 1 (shared prefix, chunks smaller
// than the split) and with L = 1 (where only the SFT term needs this path).
import { describe, it } from 'vitest';
import { LOSSES } from '../../src/backend/index.js';
import { generateDataset } from '../../src/data/clusters.js';
import { parseRunOptions } from '../../src/config/options.js';
import { sequenceGradient } from '../../src/train/multitoken-gradient.js';
import { expectClose, loadEngines, Random } from '../helpers.js';
import { objective64, residentTrain, smallSequences } from './helpers.js';

describe('multi-token gradient', async () => {
  const engines = await loadEngines();
  const datasets = {
    'L = 3': smallSequences(),
    'L = 1': generateDataset(parseRunOptions({ K: 2, Q: 2, test: 1, d: 5, V: 9, w0Scale: 0.5, seed: 4 })),
  };
  for (const backend of engines.all) {
    for (const [name, dataset] of Object.entries(datasets)) {
      for (const loss of LOSSES) {
        for (const alpha of name === 'L = 1' ? [0.4] : [0, 0.4]) {
          it(`${backend.variant} ${name} ${loss} sft ${alpha}: gradient equals finite differences`, () => {
            const { V, d } = dataset.meta;
            const objective = { loss, beta: 0.8, eps: 0.15, K: dataset.meta.K, alpha };
            // Six rows per chunk: several chunks in each region, pairs never cut.
            const { split, pass } = residentTrain(backend, dataset, objective, 6);
            const W0 = dataset.W0!;
            const perturbation = new Random(`${loss}:${alpha}`);
            const W = Float32Array.from(W0, (value) => value + 0.6 * perturbation.normal());
            const grad = backend.float32(V * d), scaled = backend.float32(6 * d);
            sequenceGradient(backend, pass, split, backend.float32(V * d, W), objective, grad, scaled);
            const Wf = Float64Array.from(W), h = 1e-4, numeric = new Float64Array(V * d);
            for (let k = 0; k < Wf.length; k++) {
              const keep = Wf[k]!;
              Wf[k] = keep + h; const up = objective64(dataset, Wf, W0, objective).loss;
              Wf[k] = keep - h; const down = objective64(dataset, Wf, W0, objective).loss;
              Wf[k] = keep;
              numeric[k] = (up - down) / (2 * h);
            }
            expectClose(grad.view(), numeric, { rel: 1e-3, abs: 2e-5 }, `${name} ${loss} sft ${alpha} gradient`);
          });
        }
      }
    }
  }
});
