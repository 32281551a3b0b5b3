// The metrics of one split at a logging step (TRL's names in brackets):
//   loss      mean f(r_i)
//   acc       fraction with r_i > 0                         [rewards/accuracies]
//   margin    mean r_i, with margin_min and margin_max      [rewards/margins]
//   chosen    mean beta (log pi(yw) - log pi_ref(yw))       [rewards/chosen]
//   rejected  mean beta (log pi(yl) - log pi_ref(yl))       [rewards/rejected]
//   ranking_acc  fraction with log pi(yw) > log pi(yl)  (depends on W0)
//   ref_reversed  pairs whose reference prefers yl by a factor above 3^(1/beta) (Section 7),
//   ref_reversed_flipped  and how many of them the policy now ranks the right way
// Multi-token runs add logps_chosen, logps_rejected and displacement (multitoken-evaluate.ts).
// Margins need only D = W - W0 (the log-sum-exp cancels); chosen and rejected need the full
// softmax over V, so they cost a GEMM G W^T and a log-sum-exp per row: logging steps only.
import type { Backend, Float32Block, LossName, MarginSummary } from '../backend/index.js';
import type { ResidentSplit } from './resident.js';

export interface Metrics {
  loss: number;
  acc: number;
  margin: number;
  margin_min: number;
  margin_max: number;
  chosen: number | null;
  rejected: number | null;
  ranking_acc: number | null;
  ref_reversed: number | null;
  ref_reversed_flipped: number | null;
  /** mean summed log-probability of each response [logps/chosen, logps/rejected] */
  logps_chosen: number | null;
  logps_rejected: number | null;
  /** fraction of pairs whose chosen and rejected log-probabilities both fell since step 0 */
  displacement: number | null;
}

export interface SplitEvaluation {
  metrics: Metrics;
  /** fraction of each value's samples with r <= 0 (NaN, written as null, for a value without samples) */
  perValueError: number[];
}

/** The model's weights as the evaluator needs them: D = W - W0 and the reference W0, both [V x d]. */
export interface Weights {
  V: number;
  d: number;
  D: Float32Block;
  W0: Float32Block;
}

export interface Objective {
  loss: LossName;
  beta: number;
  eps: number;
  K: number;
}

/** The metrics a margin summary gives (loss, accuracy, margins); the rest null until measured. */
export function marginMetrics(summary: MarginSummary, N: number): Metrics {
  return {
    loss: summary.lossSum / N, acc: summary.positive / N, margin: summary.sum / N, margin_min: summary.min, margin_max: summary.max,
    chosen: null, rejected: null, ranking_acc: null, ref_reversed: null, ref_reversed_flipped: null,
    logps_chosen: null, logps_rejected: null, displacement: null,
  };
}

/** Each value's fraction of margins <= 0 (NaN, written as null, for a value without samples). */
export function perValueErrors(summary: MarginSummary): number[] {
  return summary.errors.map((errors, k) => (summary.counts[k]! > 0 ? errors / summary.counts[k]! : NaN));
}

/** Rows of logits computed at once, so a large N x V never sits in memory whole. */
const LOGIT_FLOATS_PER_CHUNK = 1 << 22;

export class SplitEvaluator {
  readonly #referenceGap: Float32Block;
  readonly #referenceLogSumExp: number;
  readonly #W: Float32Block;
  readonly #logits: Float32Block;
  readonly #lse: Float32Block;
  readonly #chunkRows: number;

  constructor(readonly backend: Backend, readonly split: ResidentSplit, readonly weights: Weights, readonly objective: Objective) {
    const { V, d, W0 } = weights;
    this.#chunkRows = Math.max(1, Math.min(split.N, Math.floor(LOGIT_FLOATS_PER_CHUNK / V)));
    this.#W = backend.float32(V * d);
    this.#logits = backend.float32(this.#chunkRows * V);
    this.#lse = backend.float32(this.#chunkRows);
    // (W0[yw] - W0[yl]) . g_i and sum_i lse(W0 g_i) never change: compute them once.
    this.#referenceGap = backend.float32(split.N);
    backend.dpoStep({ ...this.#samples(), D: W0, beta: 1, loss: 'dpo', eps: 0, scale: 0, grad: null, margins: this.#referenceGap });
    this.#referenceLogSumExp = this.#logSumExpTotal(W0);
  }

  #samples() {
    const { G, yw, yl, N } = this.split;
    return { G, d: this.weights.d, yw, yl, index: null, count: N };
  }

  /** sum_i lse(W g_i) over the split, in chunks of rows. */
  #logSumExpTotal(W: Float32Block): number {
    const { backend, split } = this;
    const { V, d } = this.weights;
    let total = 0;
    for (let start = 0; start < split.N; start += this.#chunkRows) {
      const rows = Math.min(this.#chunkRows, split.N - start);
      backend.gemm('nt', rows, V, d, 1, split.G.slice(start * d, rows * d), W, 0, this.#logits);
      backend.logSumExpRows(this.#logits, rows, V, this.#lse);
      total += backend.sum(this.#lse, rows);
    }
    return total;
  }

  /** Metrics of the split under D; `withRewards` false skips the softmax (chosen, rejected, ranking). */
  evaluate(withRewards = true): SplitEvaluation {
    const { backend, split } = this;
    const { loss, beta, eps, K } = this.objective;
    const { V, d, D, W0 } = this.weights;
    const N = split.N;
    backend.dpoStep({ ...this.#samples(), D, beta, loss, eps, scale: 0, grad: null, margins: split.margins });
    const summary = backend.marginSummary(split.margins, N, split.value, K, loss, beta, eps);
    const metrics = marginMetrics(summary, N);
    if (withRewards) {
      // log pi(yw) - log pi(yl) = r / beta + (W0[yw] - W0[yl]) . g
      backend.axpy(1 / beta, split.margins, this.#referenceGap, N, split.scratch);
      metrics.ranking_acc = backend.marginSummary(split.scratch, N, null, 0, loss, beta, eps).positive / N;
      const reversed = backend.reversedPairs(this.#referenceGap, split.scratch, N, Math.log(3) / beta);
      metrics.ref_reversed = reversed.reversed;
      metrics.ref_reversed_flipped = reversed.flipped;
      backend.tokenRewards(split.G, d, N, split.yw, split.yl, D, beta, split.scratch, split.scratch2);
      backend.axpy(1, D, W0, V * d, this.#W);
      const normaliserShift = beta * (this.#logSumExpTotal(this.#W) - this.#referenceLogSumExp);
      metrics.chosen = (backend.sum(split.scratch, N) - normaliserShift) / N;
      metrics.rejected = (backend.sum(split.scratch2, N) - normaliserShift) / N;
    }
    return { metrics, perValueError: perValueErrors(summary) };
  }

  free(): void {
    for (const block of [this.#referenceGap, this.#W, this.#logits, this.#lse]) this.backend.free(block);
  }
}
