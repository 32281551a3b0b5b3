// Regenerates a suite's table in README.md from bench/results/<suite>.json, between the markers
// `<!-- bench:<suite>:start -->` and `<!-- bench:<suite>:end -->`; nothing else in the README
// is touched. Run by the kernels suite when it finishes, or alone:
// `node build/bench/readme-table.js [suite ...]` (default: kernels).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { ROOT, resultsFile, type Row, type SuiteResult } from './common.js';

const README = new URL('README.md', ROOT);

function number(x: number): string {
  return x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2);
}

/** The target as text and whether this run met it. */
function targetCell(row: Row, rows: Row[]): { text: string; met: boolean } {
  const t = row.target;
  if (!t) return { text: '', met: true };
  const parts: string[] = [];
  let met = true;
  if (t['relaxed-simd'] !== undefined) {
    parts.push(`relaxed ≥ ${t['relaxed-simd']}`);
    met &&= row.results['relaxed-simd'].rate >= t['relaxed-simd'];
  }
  if (t.simd !== undefined) {
    parts.push(`SIMD ≥ ${t.simd}`);
    met &&= row.results.simd.rate >= t.simd;
  }
  if (t.overJs !== undefined) {
    parts.push(`≥ ${t.overJs}x JS`);
    met &&= row.ratios['simd/js'] >= t.overJs && row.ratios['relaxed-simd/js'] >= t.overJs;
  }
  if (t.ofRow) {
    const other = rows.find((r) => r.id === t.ofRow!.row);
    parts.push(`≥ ${t.ofRow.fraction}x ${t.ofRow.row}`);
    met &&= other !== undefined && (['simd', 'relaxed-simd'] as const)
      .every((engine) => row.results[engine].rate >= t.ofRow!.fraction * other.results[engine].rate);
  }
  return { text: parts.join(', '), met };
}

export function renderTable(result: SuiteResult): string {
  const e = result.environment;
  const lines = [
    `Measured ${result.date.slice(0, 10)} on ${e.cpu} (${e.cores} cores, ${e.platform}), Node ${e.node} (V8 ${e.v8}), `
      + `load average ${result.loadAverage.map((x) => x.toFixed(2)).join(' -> ')} (the run itself counts 1); ${result.method}`,
    '',
    '| kernel | shape | unit | JS twin | Wasm SIMD | Wasm relaxed SIMD | SIMD / JS | relaxed / JS | target (issue 2) | met |',
    '|---|---|---|---:|---:|---:|---:|---:|---|:-:|',
  ];
  for (const row of result.rows) {
    const target = targetCell(row, result.rows);
    lines.push(`| ${row.kernel} | ${row.shape} | ${row.unit} | ${number(row.results.js.rate)} | ${number(row.results.simd.rate)} | `
      + `${number(row.results['relaxed-simd'].rate)} | ${number(row.ratios['simd/js'])}x | ${number(row.ratios['relaxed-simd/js'])}x | `
      + `${target.text} | ${row.target ? (target.met ? 'yes' : '**no**') : ''} |`);
  }
  return lines.join('\n');
}

/** Replaces the text between `<!-- name:start -->` and `<!-- name:end -->` in README.md; nothing else is touched. */
export function replaceReadmeSection(name: string, markdown: string): void {
  const start = `<!-- ${name}:start -->`, end = `<!-- ${name}:end -->`;
  const text = existsSync(README) ? readFileSync(README, 'utf8') : '';
  const from = text.indexOf(start), to = text.indexOf(end);
  if (from < 0 || to < from) {
    throw new Error(`README.md has no ${start} ... ${end} markers; add them where the section belongs`);
  }
  writeFileSync(README, `${text.slice(0, from + start.length)}\n${markdown}\n${text.slice(to)}`);
}

/** The kernels table from bench/results/kernels.json. */
export function updateReadme(suite: string): void {
  replaceReadmeSection(`bench:${suite}`, renderTable(JSON.parse(readFileSync(resultsFile(suite), 'utf8')) as SuiteResult));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const suites = process.argv.slice(2);
  for (const suite of suites.length > 0 ? suites : ['kernels']) updateReadme(suite);
}
