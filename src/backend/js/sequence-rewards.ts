// The JS twin of assembly/kernels/sequence-rewards.ts: token rewards summed per pair and
// per position, accumulated into the outputs.

export function sequenceRewards(rows: number, pair: Int32Array, position: Int32Array, sign: Float32Array,
  logp: Float32Array, logp0: Float32Array, beta: number, chosen: Float32Array, rejected: Float32Array,
  logpsChosen: Float32Array, logpsRejected: Float32Array, positionChosen: Float32Array, positionRejected: Float32Array): void {
  for (let row = 0; row < rows; row++) {
    const p = pair[row]!, j = position[row]!, s = sign[row]!, lp = logp[row]!;
    const rho = Math.fround(beta * (lp - logp0[row]!));
    if (s >= 0) {
      chosen[p] = chosen[p]! + rho;
      logpsChosen[p] = logpsChosen[p]! + lp;
      positionChosen[j] = positionChosen[j]! + rho;
    }
    if (s <= 0) {
      rejected[p] = rejected[p]! + rho;
      logpsRejected[p] = logpsRejected[p]! + lp;
      positionRejected[j] = positionRejected[j]! + rho;
    }
  }
}
