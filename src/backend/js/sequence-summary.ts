// The JS twin of assembly/kernels/sequence-summary.ts.
import type { SequenceSummary } from '../backend.js';

export function sequenceSummary(n: number, chosen: Float32Array, rejected: Float32Array,
  logpsChosen: Float32Array, logpsRejected: Float32Array): SequenceSummary {
  const summary: SequenceSummary = { chosen: 0, rejected: 0, logpsChosen: 0, logpsRejected: 0, ranked: 0, displaced: 0 };
  for (let i = 0; i < n; i++) {
    const c = chosen[i]!, r = rejected[i]!, lc = logpsChosen[i]!, lr = logpsRejected[i]!;
    summary.chosen += c;
    summary.rejected += r;
    summary.logpsChosen += lc;
    summary.logpsRejected += lr;
    if (lc > lr) summary.ranked++;
    if (c < 0 && r < 0) summary.displaced++;
  }
  return summary;
}
