// The page's K sweep as two sweep configs, built the same way in the worker (to run them) and
// on the page (to summarise and draw them with the report's figures): a grid over K for the
// Figure 5 curves, and the same grid searching Q for test error below 0.05 for Figure 4.
import { parseSweepConfig, SWEEP_SCHEMA, type SweepConfig } from '../sweep/config.js';
import type { Plan } from '../sweep/execute.js';
import { gridPoints } from '../sweep/plan.js';
import { configId } from '../train/record.js';
import { VERSION } from '../version.js';

export const BROWSER_SEARCH = { over: 'Q', metric: 'test_error', below: 0.05, min: 2, max: 256 } as const;

export function browserSweeps(options: Record<string, unknown>, Ks: readonly number[], seeds: number): { grid: SweepConfig; search: SweepConfig } {
  const { seed: _seed, K: _K, Q: _Q, ...shared } = options;
  const common = { schema: SWEEP_SCHEMA, name: 'browser', grid: { K: [...Ks] }, seeds };
  return {
    grid: parseSweepConfig({ ...common, base: { ...shared, Q: options['Q'] } }),
    search: parseSweepConfig({ ...common, base: shared, search: BROWSER_SEARCH }),
  };
}

/** The plan `dposcale sweep` would write for a config, for the report's summary. */
export function planOf(config: SweepConfig): Plan {
  const points = gridPoints(config);
  return {
    schema: 'dposcale-plan/1', version: VERSION, config, config_id: configId(config), shard: null, points,
    shard_points: points.map((point) => point.index), cells: [],
  };
}
