// The report of real (tiny) sweeps: every figure the data allows renders to well-formed SVG
// with its titles and marks, index.html shows and links every figure, summary.csv has a row
// per point and step, and incomplete or empty directories are reported as such.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/io/atomic.js';
import { writeReport } from '../../src/report/write.js';
import type { SweepSummary } from '../../src/sweep/aggregate-summary.js';
import { makePlan } from '../../src/sweep/execute.js';
import { scratch, sweepInto, tinyConfig } from '../sweep/helpers.js';
import { checkSvg, countTags } from './svg.js';

const read = (directory: string, name: string) => readFileSync(join(directory, name), 'utf8');

/** The figures index.html links to, in page order. */
function figureNames(directory: string): string[] {
  return [...read(directory, 'index.html').matchAll(/href="figures\/([\w-]+)\.svg"/g)].map((match) => match[1]!);
}

describe('report of a sweep without search', () => {
  const out = join(scratch(), 'grid');
  let summary: SweepSummary;
  beforeAll(async () => {
    await sweepInto(tinyConfig(), out);
    summary = (await writeReport(out)).summary;
  });

  it('draws the curves, the trend against K and the per-value errors, each as well-formed SVG', () => {
    expect(figureNames(out)).toEqual(['figure5-curves', 'tables-k-trend', 'per-value-error']);
    const curves = read(out, 'figures/figure5-curves.svg');
    checkSvg(curves, 'curves');
    expect(curves).toContain('Figure 5 analogue');
    for (const text of ['reward margin (mean r)', 'loss', 'reward accuracy', 'train', 'test', 'K=3 tokens=yes-no']) expect(curves).toContain(`>${text}<`);
    // 6 panels, each with a line and a band for each of the 6 points
    expect(countTags(curves, 'path')).toBeGreaterThanOrEqual(6 * 6 * 2);

    const trend = read(out, 'figures/tables-k-trend.svg');
    checkSvg(trend, 'trend');
    expect(trend).toContain('final test error against K');
    expect(trend).toMatch(/tokens=disjoint: y = -?[\d.e-]+ [+-] [\d.e-]+ K, R² = \d\.\d{3}/);

    const perValue = read(out, 'figures/per-value-error.svg');
    checkSvg(perValue, 'per-value');
    expect(perValue).toContain('>K=2 tokens=disjoint<');
    expect(perValue).toContain('>value k<');
  });

  it('writes the summary, the CSV and a page that inlines and links every figure', () => {
    expect(summary).toMatchObject({ schema: 'dposcale-summary/1', name: 'tiny', counts: { points: 6, records: 12, trained: 12, failed: 0 }, notes: [] });
    expect(summary.fits.final_vs_K.map((fit) => `${fit.series} ${fit.metric}`)).toEqual([
      'tokens=disjoint test_error', 'tokens=disjoint train.margin', 'tokens=yes-no test_error', 'tokens=yes-no train.margin',
    ]);
    const csv = read(out, 'summary.csv').trimEnd().split('\n');
    expect(csv[0]).toMatch(/^point,label,K,tokens,cells,failed,seeds,step,t,train\.loss,train\.loss_low,train\.loss_high,/);
    expect(csv.length).toBe(1 + summary.groups.reduce((sum, group) => sum + group.steps.length, 0));
    const html = read(out, 'index.html');
    const inline = html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
    expect(inline).toHaveLength(3);
    inline.forEach((svg, i) => checkSvg(svg, `inline figure ${i}`));
    expect(inline[0]).toBe(read(out, 'figures/figure5-curves.svg'));
    for (const name of figureNames(out)) expect(html).toContain(`<a href="figures/${name}.svg">`);
    expect(html).toContain('Final metrics against K: linear fits');
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
  });
});

describe('report of a Q* search sweep', () => {
  const config = tinyConfig({
    base: { test: 10, d: 12, until: 'tau1', steps: 10 },
    grid: { K: [1, 2, 4], tokens: ['disjoint', 'yes-no'] },
    search: [{ over: 'Q', metric: 'test_error', below: 0.2, min: 2, max: 16 }, { over: 'Q', metric: 'worst_value_error', below: 0.2, min: 2, max: 16 }],
  });
  const out = join(scratch(), 'search');
  beforeAll(async () => {
    await sweepInto(config, out);
    await writeReport(out);
  });

  it('draws Q*(K) beside the theorem, with fits and the yes-no floor', () => {
    expect(figureNames(out)).toEqual(['figure4-qstar', 'per-value-error']);
    const svg = read(out, 'figures/figure4-qstar.svg');
    checkSvg(svg, 'figure 4');
    for (const text of ['Figure 4 analogue', 'Q*(K), tokens=disjoint', 'Q*(K), tokens=yes-no', 'The yes-no floor, tokens=yes-no',
      'Q* (samples per cluster)', 'K (values)', 'Theorem 4.3: 2KQ² exp(-Q/45) &lt; level', 'yes-no floor Φ(-1/(v√K))', 'test_error', 'worst_value_error']) {
      expect(svg).toContain(text);
    }
    expect(svg).toMatch(/test_error: (log K fits better|K fits better|no fit)/);
    // 3 K x 2 metrics per Q* panel: a dot and an interval bar each
    expect(countTags(svg, 'path')).toBeGreaterThanOrEqual(2 * 6 * 2);
    const qstar = read(out, 'qstar.csv').trimEnd().split('\n');
    expect(qstar[0]).toBe('point,K,tokens,metric,direction,level,min,max,q_star,q_star_low,q_star_high,floor,value_at_max,Q_evaluated,Q_tried_max');
    expect(qstar.length).toBe(1 + 6 * 2);
    const html = read(out, 'index.html');
    expect(html).toContain('Q*(K) fits');
    expect(html).toContain('Q* per point');
  });

  it('reports an unfinished search as far as it got, and says so', async () => {
    const partial = join(scratch(), 'partial');
    await sweepInto(config, partial, {});
    const lines = read(partial, 'search.jsonl').split('\n');
    writeFileSync(join(partial, 'search.jsonl'), `${lines.slice(0, 3).join('\n')}\n`);
    const { summary } = await writeReport(partial);
    expect(summary.qstar).toHaveLength(3);
    expect(summary.pending_searches).toHaveLength(9);
    expect(summary.notes.join('\n')).toMatch(/9 of 12 Q\* searches have not finished/);
    expect(read(partial, 'index.html')).toContain('Not finished yet:');
  });
});

describe('report of a sweep with no results yet', () => {
  it('writes a page that says so', async () => {
    const out = scratch();
    await writeFileAtomic(join(out, 'plan.json'), JSON.stringify(makePlan(tinyConfig(), null)));
    const { summary, index } = await writeReport(out);
    expect(summary.counts.records).toBe(0);
    expect(summary.notes[0]).toMatch(/no records yet/);
    expect(read(out, 'index.html')).toContain('results.jsonl holds no records yet');
    expect(index).toBe(join(out, 'index.html'));
  });
});
