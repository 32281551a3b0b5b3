// Everything the theory says about one configuration: tau_1, the trajectory at tau_1, each
// result's probability (or bound) with its vacuous flag, and every condition by name. The
// `bound` command prints it; training records carry it in their `bounds` block.
import { checkConditions, effectiveDelta, THEOREMS, theoremApplies, type Condition, type ConditionConfig, type Theorem } from './conditions.js';
import { layoutZ } from '../data/tokens.js';
import { appendixBFailure, theorem42Failure, theorem43Bound, type Probability } from './probabilities.js';
import { marginRangeAtTau1, rLower, rUpper, tau1 } from './bounds.js';

export interface SummaryInput extends ConditionConfig {
  beta: number;
  /** time constant of the flow (default 1) */
  tau?: number;
  /** the unknown constant of Theorem 4.2 and Appendix B (null: see theorem42Failure) */
  c?: number | null;
}

export interface BoundSummary {
  Z: number;
  tau1: number;
  /** r_L(tau_1) and r_U(tau_1) of Theorem 4.2 (r_L halved when the concepts are only approximately orthogonal) */
  atTau1: { rLower: number; rUpper: number };
  /** where every training margin lies at tau_1 */
  marginRange: { lower: number; upper: number };
  /** whether Appendix C's halved trajectory is the one that applies */
  approximate: boolean;
  theorem42: Probability;
  theorem43: Probability;
  appendixB: Probability & { eps: number };
  applies: Record<Theorem, boolean>;
  conditions: Condition[];
}

export function boundSummary(input: SummaryInput): BoundSummary {
  const { K, Q, beta, tau = 1, c = null } = input;
  const Z = input.Z ?? layoutZ(input.tokens ?? 'disjoint', K);
  const approximate = effectiveDelta(input) > 0;
  const t1 = tau1(K, beta, tau);
  const conditions = checkConditions({ ...input, Z });
  return {
    Z,
    tau1: t1,
    atTau1: { rLower: rLower(t1, K, beta, tau, approximate), rUpper: rUpper(t1, K, beta, tau) },
    marginRange: marginRangeAtTau1(approximate),
    approximate,
    theorem42: theorem42Failure({ K, Q, c }),
    theorem43: theorem43Bound({ K, Q }),
    appendixB: appendixBFailure({ K, Q, Z, d: input.d, v: input.v, eps: input.eps ?? null, c }),
    applies: Object.fromEntries(THEOREMS.map((theorem) => [theorem, theoremApplies(theorem, conditions)])) as Record<Theorem, boolean>,
    conditions,
  };
}
