// The yes-no floor (theory.md §2): when all K values answer with the same two tokens, the last
// layer has one useful direction u = W[yes] - W[no] (taken unit). With orthonormal concepts no
// unit u projects more than 1/sqrt(K) on every c_k, and a part along b helps one cluster of a
// value exactly as much as it hurts the other. So along the best u a sample's margin is, up to
// scale, 1/sqrt(K) + v N(0, 1), wrong with probability Phi(-1/(v sqrt(K))), whatever the data.
import { normalCdf } from './normal.js';

/** Phi(-1/(v sqrt(K))): the test error no amount of data removes in the yes-no layout. */
export function yesNoFloor(v: number, K: number): number {
  return normalCdf(-1 / (v * Math.sqrt(K)));
}
