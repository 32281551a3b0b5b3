// `dposcale report DIR`: the summary, tables and figures of a sweep output directory.
import { Command } from 'commander';
import { describeQStarFits } from '../report/spec-parts.js';
import { writeReport } from '../report/write.js';

const HELP = `
Writes into DIR:
  summary.json    counts of cells and failed cells, notes on anything missing, every point's
                  means and 95% t intervals over seeds (each logged metric at each step, and
                  the final values), Q* per point and search with its bootstrap interval, and
                  the fits: Q* = a + b log K and Q* = a + b K (R^2, which wins), final test
                  error and train margin = a + b K (R^2)
  summary.csv     one row per point (and searched Q) and logged step: the grid values, the
                  seeds that trained, then for each metric its mean and 95% interval ends as
                  <metric>, <metric>_low, <metric>_high; a point's last step is its final value
  qstar.csv       with Q* searches: one row per point and search (Q*, interval, floor)
  figures/*.svg   the figures the data allows: Q*(K) with the theorem's curve (searches),
                  training curves (logged steps), final metrics against K (two or more K),
                  per-value test error
  index.html      all of it on one self-contained page

A sweep still running, or with unfinished searches, is reported as far as it got, with a note.

Examples:
  $ dposcale sweep --preset figure5 --out runs/fig5 && dposcale report runs/fig5
  $ dposcale report runs/figure4        # then open runs/figure4/index.html`;

export function reportCommand(): Command {
  return new Command('report')
    .description('summarize a sweep directory: summary.json, summary.csv, figures/*.svg and index.html')
    .argument('<dir>', 'the --out directory of dposcale sweep (or merge)')
    .addHelpText('after', HELP)
    .action(async (directory: string) => {
      const { summary, index } = await writeReport(directory);
      const { counts } = summary;
      const lines = [
        `${summary.name}: ${counts.points} points, ${counts.records} cells (${counts.failed} failed)` +
          `${summary.searches.length > 0 ? `, ${summary.qstar.length} of ${counts.points * summary.searches.length} Q* searches finished` : ''}`,
        ...summary.notes.map((note) => `note: ${note}`),
        ...summary.fits.qstar.map((fit) => `Q*(K) ${fit.series}, ${describeQStarFits(fit).map((line) => line.trim()).join('; ')}`),
        ...summary.fits.final_vs_K.map(({ series, metric, result }) => `final ${metric} against K, ${series}: ` +
          (result.fit ? `slope ${result.fit.b.toPrecision(3)} per value, R^2 ${result.fit.r2?.toFixed(3) ?? 'undefined'}` : `no fit (${result.reason})`)),
        `report: ${index}`,
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
