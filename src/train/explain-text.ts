// One --explain report as a line of text (explain.ts computes it). Each term is already
// summed over the training set with its weight beta c C (C the embedding correlation).
import type { ExplainReport } from './explain.js';

const number = (x: number) => (x === 0 ? '0' : Math.abs(x) >= 1e4 || Math.abs(x) < 1e-3 ? x.toExponential(3) : x.toPrecision(4));
const signed = (x: number) => (x < 0 ? `-${number(-x)}` : `+${number(x)}`);

export function explainText(report: ExplainReport): string {
  const { sample, position, side, step, t, token, reward, measured, predicted } = report;
  const comparison = measured === null
    ? 'measured: none (no next step)'
    : `measured ${number(measured)} (relative difference ${number(Math.abs(predicted - measured) / Math.max(Math.abs(measured), 1e-30))})`;
  return `explain ${sample}:${position}:${side} step ${step} t ${number(t)} token ${token} reward ${number(reward)} | ` +
    `embedding correlation beta sum c C ${signed(report.embedding)} | ` +
    `probability terms [y=y'] ${signed(report.same_token)}, -S(Wg)[y] ${signed(report.row_probability)}, -S(Wg*)[y'] ${signed(report.own_probability)} | ` +
    `output-distribution correlation d_p ${signed(report.output_correlation)} | predicted dr/dt ${number(predicted)}, ${comparison}\n`;
}
