// Pieces the figure specs share: how fits are written in titles, K grids for drawing curves,
// the point-order color scale. Pure functions (no Node APIs): the browser page imports the
// figure specs too.
import { formatNumber } from '../format.js';
import type { QStarFitRow } from '../sweep/aggregate-summary.js';
import type { FitResult } from '../sweep/fits.js';

/** The vega-lite schema the specs are written against (the installed 6.x). */
export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** Looks shared by every figure: white background, readable type, no chart border. */
export const FIGURE_CONFIG = {
  background: 'white',
  font: 'Helvetica, Arial, sans-serif',
  view: { stroke: '#ddd' },
  title: { fontSize: 14, subtitleFontSize: 11, subtitleColor: '#444', anchor: 'start' as const },
  axis: { labelFontSize: 10, titleFontSize: 11 },
  legend: { labelFontSize: 10, titleFontSize: 11, labelLimit: 320 },
};

/** "y = a + b x, R² = r", or why there is no fit. */
export function describeFit(result: FitResult, x: string): string {
  if (result.fit === null) return `no fit: ${result.reason}`;
  const { a, b, r2 } = result.fit;
  const slope = `${b < 0 ? '-' : '+'} ${formatNumber(Math.abs(b))} ${x}`;
  return `${formatNumber(a)} ${slope}, R² = ${r2 === null ? 'undefined (constant y)' : r2.toFixed(3)}`;
}

/** Two short lines per Q*(K) curve: the verdict, then both R^2 (or why there is no fit). */
export function describeQStarFits(fit: QStarFitRow): [string, string] {
  const floors = fit.floors > 0 ? `, ${fit.floors} floored` : '';
  if (fit.winner === null) return [`${fit.metric}: no fit${floors}`, `   ${fit.note}`];
  const r2 = (result: FitResult) => result.fit?.r2?.toFixed(3);
  return [`${fit.metric}: ${fit.winner} fits better${floors}`, `   R² ${r2(fit.log)} for a + b log K, ${r2(fit.linear)} for a + b K`];
}

/** About `count` whole K from `low` to `high`, evenly spaced on a log axis (for smooth curves). */
export function logGridK(low: number, high: number, count = 48): number[] {
  const Ks = new Set<number>([low, high]);
  for (let i = 1; i < count; i++) Ks.add(Math.round(low * (high / low) ** (i / count)));
  return [...Ks].sort((a, b) => a - b);
}

/** A color per label in the order given (points keep the sweep's order, not alphabetical). */
export function orderedColors(labels: readonly string[]) {
  return { domain: [...labels], scheme: labels.length > 10 ? 'tableau20' : 'category10' };
}
