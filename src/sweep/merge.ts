// `dposcale merge`: the shards of one sweep into one output directory. It refuses inputs that
// belong to different sweeps, an incomplete set of shards, a shard with cells or searches
// missing (naming them), and two records of one cell that disagree.
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../io/atomic.js';
import { canonicalJson, type RunRecord } from '../train/record.js';
import { makePlan, type Plan, type SearchLine } from './execute.js';
import { plannedCells } from './plan.js';
import { readJsonLines } from './results.js';

export interface MergeSummary {
  inputs: number;
  records: number;
  searches: number;
}

/** A record without what legitimately differs between two runs of one cell. */
const comparable = (record: RunRecord) => canonicalJson({ ...record, timing: null, memory: null });

/** The first few items of a list, and how many more. */
const some = (items: readonly string[]) => `${items.slice(0, 10).join(', ')}${items.length > 10 ? ` and ${items.length - 10} more` : ''}`;

export async function mergeSweeps(inputs: readonly string[], out: string): Promise<MergeSummary> {
  if (inputs.length === 0) throw new Error('merge: give the shard directories to merge');
  if (inputs.includes(out)) throw new Error(`--out: ${out} is one of the inputs; merge into a new directory`);
  if (existsSync(out) && readdirSync(out).length > 0) throw new Error(`--out: ${out} exists and is not empty`);

  const plans = inputs.map((input) => {
    const path = join(input, 'plan.json');
    if (!existsSync(path)) throw new Error(`${path}: missing (not a sweep output directory)`);
    return { input, plan: JSON.parse(readFileSync(path, 'utf8')) as Plan };
  });
  const first = plans[0]!;
  for (const { input, plan } of plans) {
    if (plan.config_id !== first.plan.config_id) {
      throw new Error(`${input}: is sweep ${plan.config.name} (config ${plan.config_id}), not ${first.plan.config.name} (config ${first.plan.config_id}) like ${first.input}`);
    }
  }
  const config = first.plan.config;
  const full = makePlan(config, null);

  // Every shard present (an unsharded input covers all of them).
  if (!plans.some(({ plan }) => plan.shard === null)) {
    const count = first.plan.shard!.count;
    const mismatch = plans.find(({ plan }) => plan.shard!.count !== count);
    if (mismatch) throw new Error(`${mismatch.input}: is shard ${mismatch.plan.shard!.index}/${mismatch.plan.shard!.count}, but ${first.input} has ${count} shards`);
    const present = new Set(plans.map(({ plan }) => plan.shard!.index));
    const missing = Array.from({ length: count }, (_, i) => i).filter((i) => !present.has(i));
    if (missing.length > 0) throw new Error(`incomplete: shard${missing.length > 1 ? 's' : ''} ${some(missing.map(String))} of ${count} missing`);
  }

  const records = new Map<string, { record: RunRecord; input: string }>();
  const searches = new Map<string, SearchLine>();
  for (const { input } of plans) {
    for (const record of readJsonLines<RunRecord>(join(input, 'results.jsonl')).records) {
      const seen = records.get(record.id);
      if (seen && comparable(seen.record) !== comparable(record)) {
        throw new Error(`conflict: cell ${record.id} has different results in ${seen.input} and ${input}`);
      }
      records.set(record.id, { record, input });
    }
    for (const line of readJsonLines<SearchLine>(join(input, 'search.jsonl')).records) searches.set(`${line.point}:${line.search}`, line);
  }

  if (config.searches.length === 0) {
    const missing = plannedCells(config, full.points).filter((cell) => !records.has(cell.id))
      .map((cell) => `${cell.id} (point ${cell.point} ${JSON.stringify(full.points[cell.point]!.values)}, seed ${cell.seed})`);
    if (missing.length > 0) throw new Error(`incomplete: ${missing.length} cell${missing.length > 1 ? 's' : ''} missing: ${some(missing)}`);
  } else {
    const missing = full.points.flatMap((point) => config.searches.map((search, index) => ({ point, search, index })))
      .filter(({ point, index }) => !searches.has(`${point.index}:${index}`))
      .map(({ point, search }) => `${search.metric} at point ${point.index} ${JSON.stringify(point.values)}`);
    if (missing.length > 0) throw new Error(`incomplete: ${missing.length} Q* search${missing.length > 1 ? 'es' : ''} unfinished: ${some(missing)}`);
  }

  mkdirSync(out, { recursive: true });
  const sortedRecords = [...records.values()].map(({ record }) => record).sort((a, b) => (a.id < b.id ? -1 : 1));
  const sortedSearches = [...searches.values()].sort((a, b) => a.point - b.point || a.search - b.search);
  const lines = (items: readonly unknown[]) => items.map((item) => `${JSON.stringify(item)}\n`).join('');
  await writeFileAtomic(join(out, 'results.jsonl'), lines(sortedRecords));
  await writeFileAtomic(join(out, 'search.jsonl'), lines(sortedSearches));
  await writeFileAtomic(join(out, 'plan.json'), `${JSON.stringify(full, null, 1)}\n`);
  return { inputs: inputs.length, records: sortedRecords.length, searches: sortedSearches.length };
}
