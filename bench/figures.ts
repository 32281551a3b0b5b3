// The figures the README shows, produced the way a user produces them: the figure4, figure5
// and table-k presets run into runs/<preset> (on every core), `dposcale report` on each, and
// the SVGs copied to bench/results/figures/ with a summary of the numbers in the README
// between `<!-- figures:start -->` and `<!-- figures:end -->`.
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { executeSweep, presetConfig, writeReport, type SweepSummary } from 'dposcale';
import { ROOT } from './common.js';
import { replaceReadmeSection } from './readme-table.js';

const PRESETS = ['figure4', 'figure5', 'table-k'] as const;
const silent = { tick() {}, setTotal() {}, stop() {} };

function describe(name: string, summary: SweepSummary, seconds: number, figures: string[]): string {
  const lines = [`**${name}** (${summary.counts.records} runs, ${seconds.toFixed(0)} s on ${availableParallelism()} workers):`, ''];
  for (const figure of figures) lines.push(`![${name} ${figure}](bench/results/figures/${name}-${figure}.svg)`, '');
  if (summary.qstar.length > 0) {
    lines.push('| tokens | K | Q* (test error < 0.05) | Q* (worst value < 0.05) |', '|---|---:|---:|---:|');
    const cell = (row: SweepSummary['qstar'][number] | undefined) =>
      !row ? '' : row.q_star === null ? `floor: ${row.value_at_max!.toFixed(3)} at Q = ${row.max}` : String(row.q_star);
    const points = [...new Set(summary.qstar.map((row) => row.point))];
    for (const point of points) {
      const rows = summary.qstar.filter((row) => row.point === point);
      const values = rows[0]!.values as { tokens?: string; K: number };
      lines.push(`| ${values.tokens ?? ''} | ${values.K} | ${cell(rows.find((row) => row.search === 0))} | ${cell(rows.find((row) => row.search === 1))} |`);
    }
    lines.push('');
    for (const fit of summary.fits.qstar) {
      const r2 = (result: typeof fit.log) => (result.fit?.r2 ?? NaN).toFixed(3);
      lines.push(`- ${fit.series} ${fit.metric}: ${fit.winner === null ? `no fit (${fit.note})` : `${fit.winner} fits better, R² ${r2(fit.log)} for a + b log K and ${r2(fit.linear)} for a + b K`}`);
    }
    lines.push('');
  }
  for (const fit of summary.fits.final_vs_K) {
    const result = fit.result;
    lines.push(`- final ${fit.metric} against K${fit.series ? ` (${fit.series})` : ''}: ${result.fit ? `${result.fit.a.toFixed(4)} + ${result.fit.b.toExponential(2)} K, R² ${result.fit.r2?.toFixed(3)}` : `no fit (${result.reason})`}`);
  }
  return lines.join('\n');
}

export async function run(): Promise<void> {
  const folder = new URL('bench/results/figures/', ROOT);
  mkdirSync(folder, { recursive: true });
  const sections: string[] = [];
  for (const name of PRESETS) {
    const out = fileURLToPath(new URL(`runs/${name}`, ROOT));
    rmSync(out, { recursive: true, force: true });
    const started = performance.now();
    await executeSweep(presetConfig(name), { out, workers: availableParallelism(), shard: null, resume: false, backend: { backend: 'wasm' }, progress: silent });
    const seconds = (performance.now() - started) / 1000;
    const report = await writeReport(out);
    const figures = report.files.filter((file) => file.endsWith('.svg')).map((file) => file.replace(/^.*\/figures\/(.*)\.svg$/, '$1'));
    for (const figure of figures) copyFileSync(`${out}/figures/${figure}.svg`, new URL(`${name}-${figure}.svg`, folder));
    sections.push(describe(name, report.summary, seconds, figures));
    console.log(`${name}: ${report.summary.counts.records} runs in ${seconds.toFixed(1)} s; report ${report.index}`);
  }
  replaceReadmeSection('figures', sections.join('\n\n'));
  console.log('README figures section updated');
}
