// index.html of a report: one self-contained page (figures inlined as SVG, styles inline, no
// scripts, nothing fetched) with the notes on what is missing, the figures and the tables:
// fits with R^2, Q* with intervals and floors, and the final metrics of every group.
import { formatNumber } from '../format.js';
import type { Estimate } from '../sweep/aggregate-interval.js';
import type { SweepSummary } from '../sweep/aggregate-summary.js';
import type { FitResult } from '../sweep/fits.js';
import type { Figure } from './figures.js';

export interface RenderedFigure extends Figure {
  /** path of the SVG file, relative to index.html */
  file: string;
  svg: string;
}

/** The final metrics the page tabulates per group. */
const FINAL_COLUMNS: Array<[string, string]> = [
  ['test_error', 'test error'], ['worst_value_error', 'worst value error'], ['train.margin', 'train margin'],
  ['test.margin', 'test margin'], ['train.loss', 'train loss'], ['test.loss', 'test loss'], ['train.acc', 'train acc'],
  ['weight_change', '|W - W0|'],
];

const STYLE = `
body { font: 14px/1.45 Helvetica, Arial, sans-serif; margin: 2em auto; max-width: 1200px; padding: 0 1em; color: #222; }
h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 2em; border-bottom: 1px solid #ddd; }
.notes { background: #fff6e0; border-left: 4px solid #e0a000; padding: 0.5em 1em; }
figure { margin: 1em 0 2em; } figcaption { color: #444; margin-bottom: 0.5em; max-width: 60em; }
svg { max-width: 100%; height: auto; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; font-size: 13px; }
th, td { border: 1px solid #ddd; padding: 3px 8px; text-align: right; } th { background: #f4f4f4; }
td:first-child, th:first-child { text-align: left; }
.meta { color: #555; }`;

export function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

const number = (value: number | null | undefined) => formatNumber(value ?? null);

function estimateText(estimate: Estimate | undefined): string {
  if (!estimate || estimate.n === 0) return '-';
  return estimate.low === null ? number(estimate.mean) : `${number(estimate.mean)} [${number(estimate.low)}, ${number(estimate.high)}]`;
}

function fitCells(result: FitResult): string[] {
  if (result.fit === null) return ['-', '-', `<span title="${escapeHtml(result.reason)}">-</span>`];
  return [number(result.fit.a), number(result.fit.b), result.fit.r2 === null ? 'undefined' : result.fit.r2.toFixed(4)];
}

function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const head = `<tr>${header.map((title) => `<th>${escapeHtml(title)}</th>`).join('')}</tr>`;
  return `<table>\n${head}\n${rows.map((row) => `<tr>${row.map((text) => `<td>${text}</td>`).join('')}</tr>`).join('\n')}\n</table>`;
}

export function reportHtml(summary: SweepSummary, figures: readonly RenderedFigure[]): string {
  const { counts } = summary;
  const sections: string[] = [];
  sections.push(`<h1>dposcale report: ${escapeHtml(summary.name)}</h1>`);
  sections.push(`<p class="meta">${counts.points} points, ${counts.records} cells recorded (${counts.trained} trained, ${counts.failed} failed)` +
    `${summary.searches.length > 0 ? `, ${summary.qstar.length} Q* searches finished` : ''}; sweep config ${escapeHtml(summary.config_id)}, dposcale ${escapeHtml(summary.version)}.</p>`);
  if (summary.notes.length > 0) sections.push(`<div class="notes"><ul>${summary.notes.map((note) => `<li>${escapeHtml(note)}</li>`).join('')}</ul></div>`);

  for (const figure of figures) {
    sections.push(`<h2 id="${escapeHtml(figure.name)}">${escapeHtml(figure.title)}</h2>\n<figure>\n<figcaption>${escapeHtml(figure.caption)} ` +
      `(<a href="${escapeHtml(figure.file)}">${escapeHtml(figure.file)}</a>)</figcaption>\n${figure.svg}\n</figure>`);
  }

  if (summary.fits.qstar.length > 0) {
    sections.push('<h2>Q*(K) fits</h2>');
    sections.push('<p>Q* = a + b log K and Q* = a + b K by least squares over the points with a finite Q* (floors left out).</p>');
    sections.push(table(['series', 'metric', 'searches', 'floors', 'log K: a', 'b', 'R²', 'K: a', 'b', 'R²', 'better fit'],
      summary.fits.qstar.map((fit) => [escapeHtml(fit.series), escapeHtml(fit.metric), String(fit.points), String(fit.floors),
        ...fitCells(fit.log), ...fitCells(fit.linear), escapeHtml(fit.winner ?? `none: ${fit.note}`)])));
  }
  if (summary.qstar.length > 0 || summary.pending_searches.length > 0) {
    sections.push('<h2>Q* per point</h2>');
    sections.push(table([...summary.grid, 'metric', 'level', 'Q*', '95% interval', 'floor: value at max', 'Q tried'],
      summary.qstar.map((row) => [
        ...summary.grid.map((key) => escapeHtml(String(row.values[key] ?? ''))), escapeHtml(row.metric), `${row.direction} ${row.level}`,
        row.floor ? `&gt; ${row.max}` : String(row.q_star),
        `[${row.interval.map((end) => end ?? `&gt; ${row.tried_max}`).join(', ')}]`,
        row.floor ? number(row.value_at_max) : '', String(row.evaluated),
      ])));
    if (summary.pending_searches.length > 0) {
      sections.push(`<p>Not finished yet: ${summary.pending_searches.map((search) =>
        escapeHtml(`${JSON.stringify(search.values)} ${search.metric}`)).join('; ')}.</p>`);
    }
  }
  if (summary.fits.final_vs_K.length > 0) {
    sections.push('<h2>Final metrics against K: linear fits (Tables 1-2)</h2>');
    sections.push(table(['series', 'metric', 'a', 'b (per value)', 'R²', 'note'], summary.fits.final_vs_K.map((fit) =>
      [escapeHtml(fit.series), escapeHtml(fit.metric), ...fitCells(fit.result), escapeHtml(fit.result.reason ?? '')])));
  }
  if (summary.groups.length > 0) {
    sections.push(`<h2>Final metrics per point${summary.searches.length > 0 ? ' and Q tried' : ''}</h2><p>Mean over seeds [95% t interval].</p>`);
    sections.push(table(['point', 'seeds', 'failed', ...FINAL_COLUMNS.map(([, title]) => title)], summary.groups.map((group) => [
      escapeHtml(group.label), String(group.seeds.length), String(group.failed),
      ...FINAL_COLUMNS.map(([metric]) => estimateText(group.final?.metrics[metric])),
    ])));
  }
  sections.push(`<p class="meta">Data: <a href="summary.json">summary.json</a>, <a href="summary.csv">summary.csv</a>` +
    `${summary.qstar.length > 0 ? ', <a href="qstar.csv">qstar.csv</a>' : ''}.</p>`);

  return `<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>dposcale report: ${escapeHtml(summary.name)}</title>\n` +
    `<style>${STYLE}\n</style>\n</head>\n<body>\n${sections.join('\n')}\n</body>\n</html>\n`;
}
