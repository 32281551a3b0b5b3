// The conditions of Theorem 4.2, Theorem 4.3 and Appendices B and C (theory.md §4), and the
// assumptions of the setting they are proved in (§3), each checked by name for a config. The
// names are the formulas themselves, so a result record reads like the paper.
import { layoutZ, tokenPairs } from '../data/tokens.js';
import { appendixBLargestEps } from './probabilities.js';

export interface ConditionConfig {
  K: number;
  Q: number;
  d: number;
  v: number;
  lb: number;
  /** token layout; gives Z and whether the response pairs are distinct (default disjoint) */
  tokens?: string;
  /** Z directly, overriding the layout's */
  Z?: number | null;
  delta?: number | null;
  conceptCos?: number | null;
  imbalance?: number;
  flip?: number;
  /** Appendix B/C's eps; null: the largest Appendix B allows, 1/(16 v (Z + 2)) */
  eps?: number | null;
}

export interface Condition {
  name: string;
  holds: boolean;
  /** the numbers compared, e.g. "Z = 1, 1/(4 lb^2) = 1" */
  detail: string;
}

export const THEOREMS = ['theorem4.2', 'theorem4.3', 'appendixB', 'appendixC'] as const;
export type Theorem = (typeof THEOREMS)[number];

const SETTING = ['d >= K + 1', 'equal group sizes', 'no label noise', 'distinct response pairs'];

/**
 * Which conditions each result needs. Our reading where theory.md is brief: Appendix B
 * replaces Theorem 4.2's noise conditions (v <= 1/(32 sqrt(Q)), d <= 5Q) by its own
 * (v <= 1/(4 sqrt(Q)), eps <= 1/(16 v (Z + 2))); Appendix C replaces exact orthogonality by
 * delta <= min(eps v / 8, 1/4) and keeps Theorem 4.2's other conditions.
 */
export const THEOREM_CONDITIONS: Record<Theorem, readonly string[]> = {
  'theorem4.2': ['Z <= 1/(4 lb^2)', 'd <= 5Q', 'v <= 1/(32 sqrt(Q))', '1/4 <= lb <= 1/2', 'orthogonal concepts', ...SETTING],
  'theorem4.3': ['Z <= 1/(4 lb^2)', 'd <= 5Q', 'v <= 1/(32 sqrt(Q))', '1/4 <= lb <= 1/2', 'Q >= 40', 'orthogonal concepts', ...SETTING],
  appendixB: ['Z <= 1/(4 lb^2)', 'v <= 1/(4 sqrt(Q))', 'eps <= 1/(16 v (Z + 2))', '1/4 <= lb <= 1/2', 'orthogonal concepts', ...SETTING],
  appendixC: ['Z <= 1/(4 lb^2)', 'd <= 5Q', 'v <= 1/(32 sqrt(Q))', '1/4 <= lb <= 1/2', 'delta <= min(eps v / 8, 1/4)', ...SETTING],
};

/** Every condition and assumption, each once, in the order of THEOREM_CONDITIONS. */
export function checkConditions(config: ConditionConfig): Condition[] {
  const { K, Q, d, v, lb } = config;
  const tokens = config.tokens ?? 'disjoint';
  const Z = config.Z ?? layoutZ(tokens, K);
  const delta = effectiveDelta(config);
  const pairs = tokenPairs(tokens, K).map(([a, b]) => `${Math.min(a, b)},${Math.max(a, b)}`);
  // eps v, kept finite when v = 0 and eps takes its largest value (eps v = 1/(16 (Z + 2))).
  const epsV = config.eps == null ? 1 / (16 * (Z + 2)) : config.eps * v;
  const eps = config.eps ?? appendixBLargestEps(v, Z);
  const all: Condition[] = [
    compare('Z <= 1/(4 lb^2)', 'Z', Z, '1/(4 lb^2)', 1 / (4 * lb * lb)),
    compare('d <= 5Q', 'd', d, '5Q', 5 * Q),
    compare('v <= 1/(32 sqrt(Q))', 'v', v, '1/(32 sqrt(Q))', 1 / (32 * Math.sqrt(Q))),
    { name: '1/4 <= lb <= 1/2', holds: lb >= 0.25 && lb <= 0.5, detail: `lb = ${show(lb)}` },
    compare('Q >= 40', '40', 40, 'Q', Q),
    compare('v <= 1/(4 sqrt(Q))', 'v', v, '1/(4 sqrt(Q))', 1 / (4 * Math.sqrt(Q))),
    compare('eps <= 1/(16 v (Z + 2))', 'eps', eps, '1/(16 v (Z + 2))', appendixBLargestEps(v, Z)),
    compare('delta <= min(eps v / 8, 1/4)', 'delta', delta, 'min(eps v / 8, 1/4)', Math.min(epsV / 8, 0.25)),
    { name: 'orthogonal concepts', holds: delta === 0, detail: delta === 0 ? 'c_k orthonormal' : `c_k only approximately orthogonal (delta = ${show(delta)})` },
    compare('d >= K + 1', 'K + 1', K + 1, 'd', d),
    { name: 'equal group sizes', holds: (config.imbalance ?? 0) === 0, detail: `imbalance = ${show(config.imbalance ?? 0)}` },
    { name: 'no label noise', holds: (config.flip ?? 0) === 0, detail: `flip = ${show(config.flip ?? 0)}` },
    { name: 'distinct response pairs', holds: new Set(pairs).size === pairs.length, detail: `tokens = ${tokens}` },
  ];
  const order = [...new Set(Object.values(THEOREM_CONDITIONS).flat())];
  return order.map((name) => all.find((condition) => condition.name === name)!);
}

/** Whether every condition a result needs holds. */
export function theoremApplies(theorem: Theorem, conditions: readonly Condition[]): boolean {
  return THEOREM_CONDITIONS[theorem].every((name) => conditions.find((condition) => condition.name === name)?.holds);
}

/** { name: holds } for the result record's bounds block. */
export function conditionMap(conditions: readonly Condition[]): Record<string, boolean> {
  return Object.fromEntries(conditions.map((condition) => [condition.name, condition.holds]));
}

/**
 * The delta of Appendix C's assumption |<c_k, e_{c_k}>| >= 1 - delta^2/8 that the concepts
 * meet: the given delta, or for concepts with pairwise cosine rho (built as in
 * data/directions.ts) the one their cosine to their own axis implies; 0 when orthogonal.
 */
export function effectiveDelta({ K, delta = null, conceptCos = null }: Pick<ConditionConfig, 'K' | 'delta' | 'conceptCos'>): number {
  if (delta !== null) return delta;
  if (conceptCos === null || conceptCos === 0) return 0;
  const a = Math.sqrt(1 - conceptCos);
  const cosToAxis = a + (Math.sqrt(Math.max(0, 1 + (K - 1) * conceptCos)) - a) / K;
  return Math.sqrt(8 * Math.max(0, 1 - cosToAxis));
}

/** left <= right, allowing for rounding when the two are equal on paper (v = 1/256, Q = 64). */
function compare(name: string, leftName: string, left: number, rightName: string, right: number): Condition {
  return { name, holds: left <= right * (1 + 1e-12), detail: `${leftName} = ${show(left)}, ${rightName} = ${show(right)}` };
}

function show(x: number): string {
  return Number.isFinite(x) ? String(Number(x.toPrecision(4))) : String(x);
}
