// Running a training in a test and keeping every sample's margins at every logged step.
import type { Backend } from '../../src/backend/index.js';
import { parseRunOptions, type RunOptions } from '../../src/config/options.js';
import type { Dataset } from '../../src/data/dataset.js';
import { generateData } from '../../src/data/sequences.js';
import { trainOn } from '../../src/train/run.js';
import type { RunRecord } from '../../src/train/record.js';

export interface Traced {
  record: RunRecord;
  /** margins[k] = [train margins, test margins] at the k-th logged step */
  margins: Array<[Float32Array, Float32Array]>;
}

export function traced(backend: Backend, options: Partial<RunOptions>, dataset?: Dataset): Traced {
  const parsed = parseRunOptions(options);
  const margins: Array<[Float32Array, Float32Array]> = [];
  const record = trainOn(dataset ?? generateData(parsed), parsed, backend, {
    onMargins: (_, train, test) => margins.push([Float32Array.from(train), Float32Array.from(test)]),
  });
  return { record, margins };
}
