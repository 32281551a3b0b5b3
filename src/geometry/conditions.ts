// Which of the theorems' conditions (src/theory/conditions.ts) the data meets as given, with
// the estimated lb, v and concept cosines, Q the mean training pairs per cluster, and the
// response pairs, group sizes and label agreement read from the data itself. Estimated
// concepts are never exactly orthogonal: their mean cosine stands in for conceptCos, so the
// delta of Appendix C is the one that cosine implies.
import { checkConditions, THEOREMS, theoremApplies, type Condition, type Theorem } from '../theory/conditions.js';
import { yesNoFloor } from '../theory/floor.js';
import type { ParameterEstimate } from './estimate.js';
import type { ClusterMoments } from './moments.js';
import type { Responses } from './responses.js';

export interface DataConditions {
  /** training pairs per cluster, averaged */
  Q: number;
  conditions: Condition[];
  applies: Record<Theorem, boolean>;
  /** Phi(-1/(v sqrt(K))) when every value answers with the same two tokens, else null */
  yesNoFloor: number | null;
}

export function dataConditions(estimate: ParameterEstimate, responses: Responses, clusters: readonly ClusterMoments[], K: number, d: number): DataConditions {
  const counts = clusters.map((cluster) => cluster.count);
  const Q = counts.reduce((sum, n) => sum + n, 0) / (2 * K);
  const measured: Record<string, Omit<Condition, 'name'>> = {
    'equal group sizes': {
      holds: Math.min(...counts) === Math.max(...counts),
      detail: `training pairs per cluster from ${Math.min(...counts)} to ${Math.max(...counts)}`,
    },
    'distinct response pairs': { holds: responses.distinct, detail: `pairs ${responses.pairs.map(([a, b]) => `(${a}, ${b})`).join(' ')}` },
  };
  const conditions = checkConditions({
    K, Q, d, v: estimate.v, lb: estimate.lb, Z: responses.Z, conceptCos: estimate.meanConceptCos, flip: responses.flipped,
  }).map((condition) => (condition.name in measured ? { name: condition.name, ...measured[condition.name]! } : condition));
  const sameTokens = responses.pairs.every(([a, b]) => a === responses.pairs[0]![0] && b === responses.pairs[0]![1]);
  return {
    Q,
    conditions,
    applies: Object.fromEntries(THEOREMS.map((theorem) => [theorem, theoremApplies(theorem, conditions)])) as Record<Theorem, boolean>,
    yesNoFloor: sameTokens && K > 1 ? yesNoFloor(estimate.v, K) : null,
  };
}
