// The metrics of one split of a multi-token run, with the single-token names (evaluate.ts)
// plus what only sequences have. Per pair i, with rewards summed over each response's tokens:
//   r_i        beta * sum_j (token reward of y_w^(j) - token reward of y_l^(j))   (margin)
//   chosen_i   beta * (log pi(y_w) - log pi_ref(y_w)), rejected_i likewise       (shared prefix included)
//   logps      log pi(y_w) and log pi(y_l), summed over tokens                   [logps/chosen, logps/rejected]
//   displacement  fraction with chosen_i < 0 and rejected_i < 0: both log-probabilities fell since
//                 step 0 (the model at step 0 is the reference)
//   per position j: the mean token reward of each response
// loss is the objective trained: mean f(r_i) + alpha * mean -log pi(y_w) (alpha: the SFT term).
import type { Backend, Float32Block } from '../backend/index.js';
import { marginMetrics, perValueErrors, type Metrics, type SplitEvaluation } from './evaluate.js';
import type { SequenceSplit } from './multitoken-split.js';
import type { Chunk, TokenPass } from './multitoken-pass.js';
import { weighChunk, type SequenceObjective } from './multitoken-objective.js';

export interface SequenceEvaluation extends SplitEvaluation {
  /** mean token reward at each position 1..L of the preferred and of the rejected response */
  positionRewards: { chosen: number[]; rejected: number[] };
}

export class SequenceEvaluator {
  constructor(readonly backend: Backend, readonly pass: TokenPass, readonly split: SequenceSplit, readonly objective: SequenceObjective) {}

  /** Fills logp0 and the reference's log-ratio log pi_ref(y_w) - log pi_ref(y_l) per pair (rewards are 0 here). */
  prepareReference(W0: Float32Block): void {
    const { backend, split } = this;
    this.#rewards(W0, split.logp0, () => undefined);
    backend.axpy(-1, split.logpsRejected, split.logpsChosen, split.N, split.referenceGap);
  }

  evaluate(W: Float32Block): SequenceEvaluation {
    const { backend, split } = this;
    const { loss, beta, eps, K, alpha } = this.objective;
    const N = split.N;
    this.#rewards(W, split.logp, (chunk) => weighChunk(backend, split, chunk, this.objective, false));
    const summary = backend.marginSummary(split.margins, N, split.value, K, loss, beta, eps);
    const sums = backend.sequenceSummary(N, split.chosen, split.rejected, split.logpsChosen, split.logpsRejected);
    backend.axpy(-1, split.logpsRejected, split.logpsChosen, N, split.scratch);
    const reversed = backend.reversedPairs(split.referenceGap, split.scratch, N, Math.log(3) / beta);
    const metrics: Metrics = {
      ...marginMetrics(summary, N),
      loss: (summary.lossSum - alpha * sums.logpsChosen) / N,
      chosen: sums.chosen / N,
      rejected: sums.rejected / N,
      ranking_acc: sums.ranked / N,
      logps_chosen: sums.logpsChosen / N,
      logps_rejected: sums.logpsRejected / N,
      displacement: sums.displaced / N,
      ref_reversed: reversed.reversed,
      ref_reversed_flipped: reversed.flipped,
    };
    const perValueError = perValueErrors(summary);
    const mean = (block: Float32Block) => Array.from(block.view(), (sum) => sum / N);
    return { metrics, perValueError, positionRewards: { chosen: mean(split.positionChosen), rejected: mean(split.positionRejected) } };
  }

  /**
   * One pass over every row under W, writing log p(token) into `logp` and summing rewards per
   * pair and per position; `active` also sees each chunk of the active region (the margins).
   */
  #rewards(W: Float32Block, logp: Float32Block, active: (chunk: Chunk) => void): void {
    const { backend, split, pass } = this;
    for (const block of [split.chosen, split.rejected, split.logpsChosen, split.logpsRejected]) backend.fill(block, split.N, 0);
    for (const block of [split.positionChosen, split.positionRejected]) backend.fill(block, split.L, 0);
    for (const [chunks, visit] of [[split.activeChunks, active], [split.sharedChunks, () => undefined]] as const) {
      pass.run(split, W, chunks, logp, (chunk) => {
        visit(chunk);
        backend.sequenceRewards({
          rows: chunk.rows, pair: chunk.pair, position: chunk.position, sign: chunk.sign, logp: chunk.logp,
          logp0: chunk.logp0, beta: this.objective.beta,
          chosen: split.chosen, rejected: split.rejected, logpsChosen: split.logpsChosen, logpsRejected: split.logpsRejected,
          positionChosen: split.positionChosen, positionRejected: split.positionRejected,
        });
      });
    }
  }
}
