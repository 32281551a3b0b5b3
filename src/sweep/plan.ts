// From a sweep config to points and cells. A point is one grid combination; a cell is one
// training run (point, seed, and the searched Q). A cell's id is the first 16 hex digits of
// SHA-256 of its full options (canonical JSON, defaults filled in, seed included) and its data
// seed derives from the id: neither depends on the cell's position, worker or shard.
import { parseRunOptions, type RunOptions } from '../config/options.js';
import { configId } from '../train/record.js';
import type { SweepConfig } from './config.js';

export interface Point {
  index: number;
  /** the grid values of this point, e.g. { K: 4, tokens: 'yes-no' } */
  values: Record<string, unknown>;
}

export interface Cell {
  id: string;
  point: number;
  /** the replicate seed (config.seeds); the data is drawn with dataSeed */
  seed: number;
  options: RunOptions;
  dataSeed: number;
}

/** The cartesian product of the grid, in the order the keys and values are written. */
export function gridPoints(config: SweepConfig): Point[] {
  let combinations: Array<Record<string, unknown>> = [{}];
  for (const [key, values] of Object.entries(config.grid)) {
    combinations = combinations.flatMap((combination) => values.map((value) => ({ ...combination, [key]: value })));
  }
  return combinations.map((values, index) => ({ index, values }));
}

/** The cell of a point for one seed (and a searched Q). */
export function makeCell(config: SweepConfig, point: Point, seed: number, searched: Record<string, number> = {}): Cell {
  const name = (path: string) => (path in point.values ? `grid.${path}` : path in searched ? `search.${path}` : `base.${path}`);
  const options = parseRunOptions({ ...config.base, ...point.values, ...searched, seed }, name);
  const id = configId(options);
  return { id, point: point.index, seed, options, dataSeed: Number.parseInt(id.slice(0, 8), 16) };
}

/** Every cell known in advance: all of them without a search, none with one (Q is found as it runs). */
export function plannedCells(config: SweepConfig, points: readonly Point[]): Cell[] {
  if (config.searches.length > 0) return [];
  return points.flatMap((point) => config.seeds.map((seed) => makeCell(config, point, seed)));
}

export interface Shard {
  index: number;
  count: number;
}

/** Shards split points round-robin, so a whole search stays in one shard. */
export function pointsOfShard(points: readonly Point[], shard: Shard | null): Point[] {
  return shard === null ? [...points] : points.filter((point) => point.index % shard.count === shard.index);
}

/**
 * The shard to run: --shard i/n, else Slurm's array variables, else a Kubernetes Indexed
 * Job's JOB_COMPLETION_INDEX with --shards n. Null when none is given.
 */
export function resolveShard(flag: string | undefined, shards: number | undefined, env: NodeJS.ProcessEnv): Shard | null {
  let shard: Shard | null = null;
  let source = '--shard';
  if (flag !== undefined) {
    const match = /^(\d+)\/(\d+)$/.exec(flag);
    if (!match) throw new RangeError(`--shard: expected i/n with 0 <= i < n, e.g. 3/16 (got '${flag}')`);
    shard = { index: Number(match[1]), count: Number(match[2]) };
  } else if (env['SLURM_ARRAY_TASK_ID'] !== undefined) {
    source = 'SLURM_ARRAY_TASK_ID';
    const count = Number(env['SLURM_ARRAY_TASK_COUNT'] ?? shards);
    shard = { index: Number(env['SLURM_ARRAY_TASK_ID']) - Number(env['SLURM_ARRAY_TASK_MIN'] ?? 0), count };
  } else if (env['JOB_COMPLETION_INDEX'] !== undefined) {
    source = 'JOB_COMPLETION_INDEX';
    if (shards === undefined) throw new RangeError('JOB_COMPLETION_INDEX is set: give the number of shards with --shards n (the Job\'s completions)');
    shard = { index: Number(env['JOB_COMPLETION_INDEX']), count: shards };
  }
  if (shard !== null && !(Number.isInteger(shard.index) && Number.isInteger(shard.count) && shard.count >= 1 && shard.index >= 0 && shard.index < shard.count)) {
    throw new RangeError(`${source}: shard ${shard.index} of ${shard.count} is not a valid shard (need 0 <= i < n)`);
  }
  return shard;
}
