// Running a sweep into an output directory:
//   plan.json      the config, its points, this shard, and the cells known in advance
//   results.jsonl  one result record per finished cell, appended as whole lines
//   search.jsonl   one line per finished Q* search (point and metric)
// --resume skips every cell already recorded (after cutting off a torn last line), so a sweep
// killed at any moment and resumed ends with the records of an uninterrupted run.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BackendOptions } from '../backend/index.js';
import { writeFileAtomic } from '../io/atomic.js';
import { configId, RUN_SCHEMA, type RunRecord } from '../train/record.js';
import { VERSION } from '../version.js';
import type { SearchSpec, SweepConfig } from './config.js';
import { searchMetric } from './metrics.js';
import { gridPoints, makeCell, plannedCells, pointsOfShard, type Cell, type Point, type Shard } from './plan.js';
import { WorkerPool } from './pool.js';
import type { Progress } from './progress.js';
import { JsonLinesWriter, readJsonLines } from './results.js';
import { searchQ, type SearchOutcome } from './search.js';

export const PLAN_SCHEMA = 'dposcale-plan/1';

export interface Plan {
  schema: typeof PLAN_SCHEMA;
  version: string;
  config: SweepConfig;
  /** id of the sweep config: shards of one sweep share it */
  config_id: string;
  shard: Shard | null;
  points: Point[];
  /** this shard's points */
  shard_points: number[];
  /** ids of the cells known in advance (none when Q is searched) */
  cells: string[];
}

export interface SearchLine {
  point: number;
  values: Record<string, unknown>;
  search: number;
  outcome: SearchOutcome;
}

export interface ExecuteOptions {
  out: string;
  workers: number;
  shard: Shard | null;
  resume: boolean;
  backend: BackendOptions;
  progress: Progress;
}

export interface ExecuteSummary {
  ran: number;
  skipped: number;
  failed: number;
  searches: number;
}

export function makePlan(config: SweepConfig, shard: Shard | null): Plan {
  const points = gridPoints(config);
  const mine = pointsOfShard(points, shard);
  return {
    schema: PLAN_SCHEMA, version: VERSION, config, config_id: configId(config), shard, points,
    shard_points: mine.map((point) => point.index), cells: plannedCells(config, mine).map((cell) => cell.id),
  };
}

/** A record for a cell whose training threw: the sweep records it and goes on. */
export function failedRecord(cell: Cell, message: string): RunRecord {
  return {
    schema: RUN_SCHEMA, id: cell.id, version: VERSION, config: cell.options, data_seed: cell.dataSeed,
    schedule: null, backend: { name: 'none', variant: 'none' }, log: [], final: null, bounds: null,
    timing: null, memory: null, error: message,
  };
}

export async function executeSweep(config: SweepConfig, options: ExecuteOptions): Promise<ExecuteSummary> {
  const plan = makePlan(config, options.shard);
  const resultsPath = join(options.out, 'results.jsonl');
  const searchPath = join(options.out, 'search.jsonl');
  await preparePlan(plan, options);

  // What is already recorded: per cell id, only the numbers searches need (memory stays flat).
  const digests = new Map<string, Record<string, number>>();
  const digest = (record: RunRecord) => Object.fromEntries(config.searches.map((s) => [s.metric, searchMetric(record, s.metric)]));
  for (const record of readJsonLines<RunRecord>(resultsPath).records) digests.set(record.id, digest(record));
  const finishedSearches = new Set(readJsonLines<SearchLine>(searchPath).records.map((line) => `${line.point}:${line.search}`));
  const results = new JsonLinesWriter(resultsPath);
  const searchLog = new JsonLinesWriter(searchPath);
  const summary: ExecuteSummary = { ran: 0, skipped: 0, failed: 0, searches: 0 };
  const pool = new WorkerPool(options.workers, options.backend);
  const inFlight = new Map<string, Promise<Record<string, number>>>();
  let known = 0;

  const runCell = (cell: Cell): Promise<Record<string, number>> => {
    const recorded = digests.get(cell.id);
    if (recorded) { summary.skipped++; return Promise.resolve(recorded); }
    const running = inFlight.get(cell.id);
    if (running) return running;
    options.progress.setTotal(++known);
    const promise = pool.run({ id: cell.id, options: cell.options, dataSeed: cell.dataSeed }).then((reply) => {
      const record = 'record' in reply ? reply.record : failedRecord(cell, reply.error);
      results.append(record);
      const numbers = digest(record);
      digests.set(cell.id, numbers);
      inFlight.delete(cell.id);
      summary.ran++;
      if (record.error !== null) summary.failed++;
      options.progress.tick(record.error !== null);
      return numbers;
    });
    inFlight.set(cell.id, promise);
    return promise;
  };

  try {
    const mine = plan.points.filter((point) => plan.shard_points.includes(point.index));
    if (config.searches.length === 0) {
      const cells = plannedCells(config, mine);
      await Promise.all(cells.map(runCell));
    } else {
      await Promise.all(mine.flatMap((point) => config.searches.map(async (search, index) => {
        const outcome = await searchPoint(config, point, search, index, runCell);
        summary.searches++;
        if (!finishedSearches.has(`${point.index}:${index}`)) {
          searchLog.append({ point: point.index, values: point.values, search: index, outcome } satisfies SearchLine);
        }
      })));
    }
  } finally {
    await pool.close();
    results.close();
    searchLog.close();
    options.progress.stop();
  }
  return summary;
}

function searchPoint(config: SweepConfig, point: Point, search: SearchSpec, index: number,
  runCell: (cell: Cell) => Promise<Record<string, number>>): Promise<SearchOutcome> {
  const evaluate = async (Q: number) => {
    const cells = config.seeds.map((seed) => makeCell(config, point, seed, { Q }));
    const digests = await Promise.all(cells.map(runCell));
    return digests.map((numbers) => numbers[search.metric]!);
  };
  return searchQ(search, evaluate, `${configId(point.values)}:${index}`);
}

/** Writes plan.json for a new sweep, or checks that a resumed one is the same sweep and shard. */
async function preparePlan(plan: Plan, options: ExecuteOptions): Promise<void> {
  const planPath = join(options.out, 'plan.json');
  if (existsSync(planPath)) {
    const existing = JSON.parse(readFileSync(planPath, 'utf8')) as Plan;
    const resultsExist = readJsonLines(join(options.out, 'results.jsonl')).records.length > 0;
    if (!options.resume && resultsExist) {
      throw new Error(`${options.out}: holds results of a sweep already; add --resume to continue it, or choose another --out`);
    }
    if (existing.config_id !== plan.config_id) {
      throw new Error(`${planPath}: belongs to a different sweep config (${existing.config.name}, id ${existing.config_id}); choose another --out`);
    }
    if (JSON.stringify(existing.shard) !== JSON.stringify(plan.shard)) {
      throw new Error(`${planPath}: was run as shard ${JSON.stringify(existing.shard)}, not ${JSON.stringify(plan.shard)}`);
    }
    return;
  }
  mkdirSync(options.out, { recursive: true });
  await writeFileAtomic(planPath, `${JSON.stringify(plan, null, 1)}\n`);
}
