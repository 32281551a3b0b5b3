// The CLI summary lines of a run's failure modes (failure-modes.ts) and, for multi-token
// runs, the summed log-probabilities and likelihood displacement.
import type { RunRecord } from './record.js';

const number = (x: number | null | undefined) => (x === null || x === undefined ? '-' : Number.isInteger(x) ? String(x) : x.toPrecision(4));

export function failureLines(record: RunRecord): string[] {
  const block = record.failure_modes as undefined | null | {
    factor: number; tau1: number; step_at_tau1: number | null; theorem_applies: boolean; prediction: string;
    train: { reversed: number | null; flipped_at_tau1: number | null; flipped_final: number | null; reward_acc: number; ranking_acc: number | null; chosen: number | null; rejected: number | null };
  };
  if (!block || block.train.reversed === null) return [];
  const { train } = block;
  const lines = [
    `failure modes (Section 7, train): reward acc ${number(train.reward_acc)}, ranking acc ${number(train.ranking_acc)}; ` +
      `${train.reversed} pairs whose reference prefers the rejected response by more than 3^(1/beta) = ${number(block.factor)}, ` +
      `${block.step_at_tau1 === null ? `tau_1 = ${number(block.tau1)} not logged` : `${train.flipped_at_tau1} flipped by tau_1`}, ${train.flipped_final} by the end ` +
      `(${block.prediction}); rewards chosen ${number(train.chosen)}, rejected ${number(train.rejected)}`,
  ];
  const final = record.final?.train;
  if (final && final.logps_chosen !== null) {
    lines.push(`log-probabilities (train): chosen ${number(final.logps_chosen)}, rejected ${number(final.logps_rejected)}; ` +
      `displacement (both fell since step 0) ${number(final.displacement)}`);
  }
  const memory = record.memory;
  if (memory?.chunk_rows !== undefined) {
    lines.push(`memory: ${number((memory.backend_bytes ?? 0) / 2 ** 20)} MiB in the backend, logits in chunks of ${memory.chunk_rows} rows (${number((memory.chunk_bytes ?? 0) / 2 ** 20)} MiB)`);
  }
  return lines;
}
