// The spreadsheet view of a summary. summary.csv: one row per group (a point, and its Q in a
// search sweep) and logged step, with every metric's mean over seeds and its 95% interval ends
// as <metric>, <metric>_low, <metric>_high; a group's last step is its final value. qstar.csv:
// one row per finished Q* search. Empty cells: not measured (or no interval from one seed).
import type { SweepSummary } from '../sweep/aggregate-summary.js';

function cell(value: unknown): string {
  if (value === null || value === undefined || (typeof value === 'number' && !Number.isFinite(value))) return '';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const lines = (rows: unknown[][]) => rows.map((row) => row.map(cell).join(',')).join('\n') + '\n';

export function summaryCsv(summary: SweepSummary): string {
  const searched = summary.searches.length > 0;
  const metrics = [...new Set(summary.groups.flatMap((group) => group.steps.flatMap((step) => Object.keys(step.metrics))))];
  const header = ['point', 'label', ...summary.grid, ...(searched ? ['Q'] : []), 'cells', 'failed', 'seeds', 'step', 't',
    ...metrics.flatMap((metric) => [metric, `${metric}_low`, `${metric}_high`])];
  const rows = summary.groups.flatMap((group) => group.steps.map((step) => [
    group.point, group.label, ...summary.grid.map((key) => group.values[key]), ...(searched ? [group.Q] : []),
    group.cells, group.failed, group.seeds.length, step.step, step.t,
    ...metrics.flatMap((metric) => {
      const estimate = step.metrics[metric];
      return [estimate?.mean, estimate?.low, estimate?.high];
    }),
  ]));
  return lines([header, ...rows]);
}

export function qStarCsv(summary: SweepSummary): string {
  const header = ['point', ...summary.grid, 'metric', 'direction', 'level', 'min', 'max', 'q_star', 'q_star_low', 'q_star_high', 'floor', 'value_at_max', 'Q_evaluated', 'Q_tried_max'];
  const rows = summary.qstar.map((row) => [
    row.point, ...summary.grid.map((key) => row.values[key]), row.metric, row.direction, row.level, row.min, row.max,
    row.q_star, row.interval[0], row.interval[1], row.floor, row.value_at_max, row.evaluated, row.tried_max,
  ]);
  return lines([header, ...rows]);
}
