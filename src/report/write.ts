// `dposcale report DIR` without the command line: read the sweep directory, summarize it,
// render the figures that fit its data, and write summary.json, summary.csv (and qstar.csv
// with searches), figures/*.svg and index.html, each file whole or not at all.
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../io/atomic.js';
import { summarizeSweep, type SweepSummary } from '../sweep/aggregate-summary.js';
import { qStarCsv, summaryCsv } from './csv.js';
import { sweepFigures } from './figures.js';
import { reportHtml, type RenderedFigure } from './html.js';
import { renderSvg } from './render.js';
import { readSweepDirectory } from './sweep-directory.js';

export interface ReportOutput {
  summary: SweepSummary;
  /** paths written, index.html last */
  files: string[];
  index: string;
}

export async function writeReport(directory: string): Promise<ReportOutput> {
  const summary = summarizeSweep(readSweepDirectory(directory));
  const figures: RenderedFigure[] = [];
  for (const figure of sweepFigures(summary)) {
    figures.push({ ...figure, file: `figures/${figure.name}.svg`, svg: await renderSvg(figure.spec) });
  }
  const files: Array<[string, string]> = [
    ['summary.json', `${JSON.stringify(summary)}\n`],
    ['summary.csv', summaryCsv(summary)],
    ...(summary.qstar.length > 0 ? [['qstar.csv', qStarCsv(summary)] as [string, string]] : []),
    ...figures.map((figure) => [figure.file, figure.svg] as [string, string]),
    ['index.html', reportHtml(summary, figures)],
  ];
  for (const [name, text] of files) await writeFileAtomic(join(directory, name), text);
  removeStaleFigures(join(directory, 'figures'), new Set(figures.map((figure) => `${figure.name}.svg`)));
  return { summary, files: files.map(([name]) => join(directory, name)), index: join(directory, 'index.html') };
}

/** A figure an earlier report drew but this one does not (e.g. before a search finished) would mislead. */
function removeStaleFigures(folder: string, current: ReadonlySet<string>): void {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return;
  }
  for (const name of names) if (name.endsWith('.svg') && !current.has(name)) rmSync(join(folder, name));
}
