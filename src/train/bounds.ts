// The `bounds` block of a result record: what the theory says about the run's configuration
// (tau_1, each result's probability with its vacuous flag, every condition by name), and,
// for full-batch gradient descent, what the run measured against Theorem 4.2's sandwich
// r_L(t) <= r_i(t) <= r_U(t) for t <= tau_1 and the margin range at tau_1.
import type { RunOptions } from '../config/options.js';
import type { Dataset } from '../data/dataset.js';
import {
  boundSummary, checkConditions, conditionMap, effectiveDelta, rLower, rUpper, tau1, theoremApplies, type ConditionConfig,
} from '../theory/index.js';
import type { LogEntry } from './record.js';
import type { Schedule } from './schedule.js';

/** A logged time counts as tau_1 when it is within this relative distance of it. */
const SAME_TIME = 1e-9;

/** The data parameters the theorems' conditions read; `eps` is not passed (ours is cdpo's label smoothing, not Appendix B's). */
export function conditionInputs(source: Partial<Record<keyof RunOptions, unknown>>, K: number, d: number, Q: number, v: number, lb: number): ConditionConfig {
  return {
    K, Q, d, v, lb,
    tokens: (source.tokens as string | undefined) ?? 'disjoint',
    delta: (source.delta as number | null | undefined) ?? null,
    conceptCos: (source.conceptCos as number | null | undefined) ?? null,
    imbalance: (source.imbalance as number | undefined) ?? 0,
    flip: (source.flip as number | undefined) ?? 0,
  };
}

/** The logged entries up to tau_1 with Theorem 4.2's r_L(t) and r_U(t) at each. */
function bandOf(log: readonly LogEntry[], K: number, beta: number, approximate: boolean) {
  return log.filter((entry) => entry.t <= tau1(K, beta) * (1 + SAME_TIME))
    .map((entry) => ({ entry, lower: rLower(entry.t, K, beta, 1, approximate), upper: rUpper(entry.t, K, beta) }));
}

/** Theorem 4.2's band r_L(t) to r_U(t) at the logged steps up to tau_1, for gd inside the theorem's conditions; else none. */
export function sandwichBand(options: RunOptions, log: readonly LogEntry[]): Array<{ step: number; lower: number; upper: number }> {
  const { K, Q, d, v, lb, beta } = options;
  const inputs = conditionInputs(options, K, d, Q, v, lb);
  if (options.optimizer !== 'gd' || options.batchSize !== null || !theoremApplies('theorem4.2', checkConditions(inputs))) return [];
  return bandOf(log, K, beta, effectiveDelta(inputs) > 0).map(({ entry, lower, upper }) => ({ step: entry.step, lower, upper }));
}

export function runBounds(options: RunOptions, dataset: Dataset, log: readonly LogEntry[], schedule: Schedule): Record<string, unknown> {
  const { K, d } = dataset.meta;
  // A dataset directory's own generation parameters when it has them (it was made here).
  const source = (options.data === null ? options : dataset.meta) as Partial<Record<keyof RunOptions, unknown>>;
  const Q = (source.Q as number | undefined) ?? dataset.train.N / (2 * K);
  const v = source.v as number | undefined, lb = source.lb as number | undefined;
  if (v === undefined || lb === undefined) {
    return { conditions: null, note: 'the dataset directory does not record v and lb, so the conditions cannot be checked' };
  }
  const summary = boundSummary({ ...conditionInputs(source, K, d, Q, v, lb), beta: options.beta });
  const gradientFlow = options.optimizer === 'gd' && options.batchSize === null;
  return {
    conditions: conditionMap(summary.conditions),
    applies: summary.applies,
    Z: summary.Z,
    tau1: summary.tau1,
    reached_tau1: log[log.length - 1]!.t >= summary.tau1 * (1 - SAME_TIME),
    r_lower_at_tau1: summary.atTau1.rLower,
    r_upper_at_tau1: summary.atTau1.rUpper,
    theorem4_2_failure: summary.theorem42,
    theorem4_3_bound: summary.theorem43,
    appendix_b_failure: summary.appendixB,
    sandwich: gradientFlow ? sandwich(log, K, options.beta, summary.tau1, summary.approximate, summary.marginRange) : null,
    lr: schedule.lr,
  };
}

/** Theorem 4.2's sandwich checked at every logged step with t <= tau_1. */
function sandwich(log: readonly LogEntry[], K: number, beta: number, tau1: number, approximate: boolean,
  range: { lower: number; upper: number }) {
  const band = bandOf(log, K, beta, approximate);
  let firstViolation: Record<string, number> | null = null;
  let lowestRatio = Infinity, highestRatio = 0;
  for (const { entry, lower, upper } of band) {
    const { margin_min: low, margin_max: high } = entry.train;
    if (entry.t > 0) {
      lowestRatio = Math.min(lowestRatio, low / lower);
      highestRatio = Math.max(highestRatio, high / upper);
    }
    if (firstViolation === null && (low < lower || high > upper)) {
      firstViolation = { step: entry.step, t: entry.t, margin_min: low, r_lower: lower, margin_max: high, r_upper: upper };
    }
  }
  const last = band[band.length - 1]?.entry;
  const atTau1 = last && Math.abs(last.t - tau1) <= SAME_TIME * tau1
    ? {
      step: last.step, margin_min: last.train.margin_min, margin_max: last.train.margin_max, ...range,
      inside: last.train.margin_min >= range.lower && last.train.margin_max <= range.upper,
    }
    : null;
  return {
    checked_steps: band.length,
    inside: firstViolation === null,
    first_violation: firstViolation,
    // the slack: min over logged t > 0 of margin_min / r_L(t), max of margin_max / r_U(t)
    min_ratio_to_lower: Number.isFinite(lowestRatio) ? lowestRatio : null,
    max_ratio_to_upper: band.length > 1 ? highestRatio : null,
    at_tau1: atTau1,
  };
}
