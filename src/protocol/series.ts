// The scalars the reference last-layer script logs (theory.md §6), under its TensorBoard tags,
// from a run's log. The script logs step i's loss, accuracy and margin before update i + 1,
// which is our log[i] (the weights after i updates), and ||W - W0|| after that update, which
// is our log[i + 1]: so each of the seven series has one point per update, steps 0..steps-1.
import type { LogEntry } from '../train/record.js';

export const REFERENCE_METRICS = [
  'train/loss', 'train/outputs/accuracies', 'train/margins',
  'eval/loss', 'eval/outputs/accuracies', 'eval/margins', 'eval/head/change',
] as const;

export type ReferenceMetric = (typeof REFERENCE_METRICS)[number];

/** One TensorBoard scalar event: seconds since the epoch, step, value. */
export interface ScalarEvent {
  wall_time: number;
  step: number;
  value: number;
}

/**
 * The seven series. `wallTimes[k]` is when log[k] was measured (seconds since the epoch).
 * The log must hold every step from 0 (the protocol logs each one).
 */
export function referenceSeries(log: readonly LogEntry[], wallTimes: readonly number[]): Record<ReferenceMetric, ScalarEvent[]> {
  log.forEach((entry, k) => {
    if (entry.step !== k) throw new RangeError(`log entry ${k} is step ${entry.step}: the reference series need a log at every step from 0`);
  });
  if (wallTimes.length !== log.length) throw new RangeError(`${wallTimes.length} wall times for ${log.length} log entries`);
  const before = log.slice(0, -1);
  const at = (k: number, value: number | null): ScalarEvent => {
    if (value === null) throw new RangeError(`step ${k} has no weight change (margin-space runs never form W)`);
    return { wall_time: wallTimes[k]!, step: k, value };
  };
  return {
    'train/loss': before.map((entry, k) => at(k, entry.train.loss)),
    'train/outputs/accuracies': before.map((entry, k) => at(k, entry.train.acc)),
    'train/margins': before.map((entry, k) => at(k, entry.train.margin)),
    'eval/loss': before.map((entry, k) => at(k, entry.test.loss)),
    'eval/outputs/accuracies': before.map((entry, k) => at(k, entry.test.acc)),
    'eval/margins': before.map((entry, k) => at(k, entry.test.margin)),
    'eval/head/change': before.map((_, k) => ({ ...at(k + 1, log[k + 1]!.weight_change), step: k })),
  };
}
