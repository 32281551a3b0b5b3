// The `failure_modes` block of a run record: Section 7 of the paper measured (theory.md §4).
// By tau_1 every margin gains at most log 3 (Theorem 4.2), so a pair whose reference model
// prefers the rejected response by a factor above 3^(1/beta), i.e. with
// log pi_ref(y_l) - log pi_ref(y_w) > log(3) / beta, cannot have its ranking flipped by then:
// ranking accuracy stays below reward accuracy. The block counts those pairs and how many
// flipped by tau_1 and by the end, puts ranking next to reward accuracy, and keeps the
// per-response rewards (chosen, rejected), whose joint fall is likelihood displacement.
import type { RunOptions } from '../config/options.js';
import type { LogEntry } from './record.js';

/** A logged time counts as tau_1 when it is within this relative distance of it (as in bounds.ts). */
const SAME_TIME = 1e-9;

export interface FailureContext {
  tau1: number;
  /** Theorem 4.2's conditions hold for the data (the bounds block) */
  conditionsHold: boolean;
  /** single-token responses without an SFT term, trained by full-batch gd: the theorem's dynamics */
  gradientFlow: boolean;
}

export function failureModes(log: readonly LogEntry[], options: Pick<RunOptions, 'beta'>, context: FailureContext): Record<string, unknown> {
  const { tau1 } = context;
  const final = log[log.length - 1]!;
  const atTau1 = log.find((entry) => Math.abs(entry.t - tau1) <= SAME_TIME * tau1) ?? null;
  const split = (name: 'train' | 'test') => ({
    reversed: final[name].ref_reversed,
    flipped_at_tau1: atTau1 ? atTau1[name].ref_reversed_flipped : null,
    flipped_final: final[name].ref_reversed_flipped,
    reward_acc: final[name].acc,
    ranking_acc: final[name].ranking_acc,
    chosen: final[name].chosen,
    rejected: final[name].rejected,
    displacement: final[name].displacement,
  });
  const theoremApplies = context.conditionsHold && context.gradientFlow;
  return {
    factor: 3 ** (1 / options.beta),
    log_ratio_threshold: Math.log(3) / options.beta,
    tau1,
    step_at_tau1: atTau1?.step ?? null,
    final_t: final.t,
    theorem_applies: theoremApplies,
    prediction: theoremApplies ? 'no reversed pair flips by tau_1' : 'outside the theorem: no prediction',
    train: split('train'),
    test: split('test'),
  };
}
