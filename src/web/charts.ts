// Charts on the page, drawn from the same vega-lite specs `dposcale report` renders to SVG.
// vega and vega-lite are loaded on first use, so the page is interactive before the charting
// code has arrived.
import type { LogEntry, RunRecord } from '../train/record.js';
import { aggregateEntries, type GroupAggregate } from '../sweep/aggregate.js';
import { summarizeSweep, type SweepContents } from '../sweep/aggregate-summary.js';
import type { SweepConfig } from '../sweep/config.js';
import type { SearchLine } from '../sweep/execute.js';
import { browserSweeps, planOf } from './browser-sweep.js';
import { curvesSpec } from '../report/curves.js';
import { parseRunOptions } from '../config/options.js';
import { sandwichBand } from '../train/bounds.js';
import { sweepFigures } from '../report/figures.js';
import type { TopLevelSpec } from 'vega-lite';

async function render(target: HTMLElement, spec: TopLevelSpec): Promise<void> {
  const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: 'svg', container: target, hover: true });
  await view.runAsync();
}

/** A single run's log as a one-seed group, so the report's curve spec can draw it. */
function runGroup(log: readonly LogEntry[], options: Record<string, unknown>): GroupAggregate {
  const K = Number(options['K']);
  return {
    key: 'run', point: 0, values: { K }, Q: null, label: `K=${K}`, K, options, cells: 1, failed: 0, errors: [], seeds: [Number(options['seed'] ?? 0)],
    steps: log.map((entry) => aggregateEntries([entry])),
    final: log.length > 0 ? aggregateEntries([log[log.length - 1]!]) : null,
  };
}

let pending: { target: HTMLElement; log: readonly LogEntry[]; options: Record<string, unknown> } | null = null;
let drawing = false;

/** Live curves of a run; called for every log entry, it draws at most one frame at a time. */
export function drawCurves(target: HTMLElement, log: readonly LogEntry[], options: Record<string, unknown>): void {
  pending = { target, log: [...log], options };
  if (drawing) return;
  drawing = true;
  void (async () => {
    while (pending) {
      const next = pending;
      pending = null;
      await render(next.target, curvesSpec([runGroup(next.log, next.options)], sandwichBand(parseRunOptions(next.options), next.log)));
    }
    drawing = false;
  })();
}

/** The K sweep's Figure 5 curves and, when searched, its Figure 4. */
export async function drawSweep(figure5: HTMLElement, figure4: HTMLElement, records: readonly RunRecord[],
  searches: readonly SearchLine[], sweeps: ReturnType<typeof browserSweeps>): Promise<void> {
  const draw = async (target: HTMLElement, config: SweepConfig, contents: Pick<SweepContents, 'records' | 'searchLines'>, name: string) => {
    const figure = sweepFigures(summarizeSweep({ plan: planOf(config), torn: [], ...contents })).find((candidate) => candidate.name === name);
    if (figure) await render(target, figure.spec);
  };
  await draw(figure5, sweeps.grid, { records: [...records], searchLines: [] }, 'figure5-curves');
  if (searches.length > 0) await draw(figure4, sweeps.search, { records: [], searchLines: [...searches] }, 'figure4-qstar');
}
