// The figures that make sense for a sweep's data: Figure 4 needs Q* searches, the training
// curves need logged steps of a sweep without search (a search's groups differ by Q), the
// trend against K needs two or more K, and the per-value errors need a trained group.
import type { TopLevelSpec } from 'vega-lite';
import type { GroupAggregate } from '../sweep/aggregate.js';
import type { SweepSummary } from '../sweep/aggregate-summary.js';
import { curvesSpec } from './curves.js';
import { figure4Spec } from './figure4.js';
import { kTrendSpec } from './k-trend.js';
import { perValueSpec } from './per-value.js';

export interface Figure {
  /** file name without extension: figures/<name>.svg */
  name: string;
  title: string;
  /** what to read in it, for the page */
  caption: string;
  spec: TopLevelSpec;
}

export function sweepFigures(summary: SweepSummary): Figure[] {
  const figures: Figure[] = [];
  const searched = summary.searches.length > 0;
  const trained = summary.groups.filter((group) => group.final !== null);

  if (summary.qstar.length > 0) {
    figures.push({
      name: 'figure4-qstar',
      title: 'Q* against K (Figure 4 analogue)',
      caption: 'The smallest Q per cluster whose error, averaged over seeds, is below the level. Theorem 4.3\'s curve grows like 45 log K ' +
        'and sits far above what the simulation needs; disjoint tokens stay cheap, while yes-no tokens hit the floor Φ(-1/(v√K)) and no Q helps.',
      spec: figure4Spec(summary.qstar, summary.fits.qstar),
    });
  }
  if (!searched && trained.some((group) => group.steps.length > 1)) {
    figures.push({
      name: 'figure5-curves',
      title: 'Training curves (Figure 5 / Appendix E analogue)',
      caption: 'Mean reward margin, loss and reward accuracy on the train and test split against steps. With more values K the margins grow more slowly (rate ~ 1/K).',
      spec: curvesSpec(trained),
    });
  }
  if (!searched && new Set(trained.map((group) => group.K)).size > 1) {
    figures.push({
      name: 'tables-k-trend',
      title: 'Final test error and train margin against K (Tables 1-2 analogue)',
      caption: 'The end of training against K with the least-squares line in K and its R².',
      spec: kTrendSpec(trained, summary.fits.final_vs_K),
    });
  }
  const perValue = searched ? groupsAtQStar(summary) : trained;
  if (perValue.length > 0) {
    figures.push({
      name: 'per-value-error',
      title: 'Test error of each value',
      caption: 'Which values lag: each value\'s final test error. Minority values (imbalance) and, with shared tokens, values the last layer cannot serve sit above the mean.',
      spec: perValueSpec(perValue, searched ? 'Each point at the Q* of its first search (at max where it floored).' : ''),
    });
  }
  return figures;
}

/** In a search sweep, each point's group at the Q* of its first search (its largest Q when it floored). */
function groupsAtQStar(summary: SweepSummary): GroupAggregate[] {
  const points = [...new Set(summary.groups.map((group) => group.point))];
  return points.flatMap((point) => {
    const mine = summary.groups.filter((group) => group.point === point && group.final !== null);
    const row = summary.qstar.find((candidate) => candidate.point === point);
    if (mine.length === 0 || !row) return [];
    const Q = row.q_star ?? row.max;
    return [mine.find((group) => group.Q === Q) ?? mine[mine.length - 1]!];
  });
}
