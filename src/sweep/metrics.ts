// The numbers a Q* search compares against its level, read from a cell's result record.
//   test_error         1 - final test reward accuracy (averaged over seeds by the search)
//   worst_value_error  the largest per-value test error
//   all_train_correct  1 when every training margin is positive (its mean over seeds is the
//                      fraction of seeds where training classified every pair correctly)
//   train.<m>, test.<m>  any logged metric at the last step
import type { RunRecord } from '../train/record.js';

export function searchMetric(record: RunRecord, metric: string): number {
  const final = record.final;
  if (record.error !== null || final === null) return NaN;
  switch (metric) {
    case 'test_error': return 1 - final.test.acc;
    case 'worst_value_error': return Math.max(...final.per_value_test_error);
    case 'all_train_correct': return final.train.margin_min > 0 ? 1 : 0;
  }
  const [split, name] = metric.split('.') as ['train' | 'test', keyof typeof final.train];
  return final[split][name] ?? NaN;
}
