// Reading a sweep output directory (plan.json, results.jsonl, search.jsonl) for the report.
// A missing directory or plan.json is an error naming the file; missing results are not (the
// sweep may not have started): the summary says what is there.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { SweepContents } from '../sweep/aggregate-summary.js';
import { PLAN_SCHEMA, type Plan, type SearchLine } from '../sweep/execute.js';
import { readJsonLines } from '../sweep/results.js';
import type { RunRecord } from '../train/record.js';

export function readSweepDirectory(directory: string): SweepContents {
  if (!existsSync(directory) || !statSync(directory).isDirectory()) {
    throw new Error(`${directory}: no such directory (give the --out directory of a dposcale sweep)`);
  }
  const planPath = join(directory, 'plan.json');
  if (!existsSync(planPath)) {
    throw new Error(`${planPath}: not found; is ${directory} the --out directory of a dposcale sweep?`);
  }
  let plan: Plan;
  try {
    plan = JSON.parse(readFileSync(planPath, 'utf8')) as Plan;
  } catch (error) {
    throw new Error(`${planPath}: not valid JSON (${(error as Error).message})`);
  }
  if (plan.schema !== PLAN_SCHEMA) throw new Error(`${planPath}: schema is ${JSON.stringify(plan.schema)}, expected "${PLAN_SCHEMA}"`);
  const results = readJsonLines<RunRecord>(join(directory, 'results.jsonl'));
  const searches = readJsonLines<SearchLine>(join(directory, 'search.jsonl'));
  return {
    plan,
    records: results.records,
    searchLines: searches.records,
    torn: [results.torn ? 'results.jsonl' : [], searches.torn ? 'search.jsonl' : []].flat(),
  };
}
