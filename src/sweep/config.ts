// The sweep config, schema dposcale-sweep/1 (architecture.md): base training options, a grid
// over any of them (cartesian product), seeds, and optional Q* searches. Validation names the
// field at fault, down to the grid entry: `grid.K[1]: Too small: expected number to be >=1`.
import { z } from 'zod';
import { describeIssues, OptionsError, runSchema } from '../config/options.js';

export const SWEEP_SCHEMA = 'dposcale-sweep/1';

/** Metrics a search can target besides any logged one (`test.loss`, `train.margin_min`, ...). */
export const SEARCH_METRICS = ['test_error', 'worst_value_error', 'all_train_correct'] as const;

const searchSchema = z.object({
  over: z.literal('Q'),
  metric: z.string().regex(/^(test_error|worst_value_error|all_train_correct|(train|test)\.(loss|acc|margin|margin_min|margin_max|chosen|rejected|ranking_acc))$/,
    `must be one of ${SEARCH_METRICS.join(', ')}, or a logged metric such as test.loss or train.margin_min`),
  below: z.number().optional(),
  above: z.number().optional(),
  min: z.number().int().min(1).default(2),
  max: z.number().int().min(1).default(512),
}).strict();

const sweepSchema = z.object({
  schema: z.literal(SWEEP_SCHEMA),
  name: z.string().regex(/^[A-Za-z0-9._-]+$/, 'must be letters, digits, dot, dash or underscore'),
  base: z.record(z.string(), z.unknown()).default({}),
  grid: z.record(z.string(), z.array(z.unknown())),
  seeds: z.union([z.number().int().min(1), z.array(z.number().int().min(0)).min(1)]).default(1),
  search: z.union([searchSchema, z.array(searchSchema).min(1)]).optional(),
}).strict();

export type SearchSpec = z.infer<typeof searchSchema> & { level: number; direction: 'below' | 'above' };

export interface SweepConfig {
  schema: typeof SWEEP_SCHEMA;
  name: string;
  base: Record<string, unknown>;
  grid: Record<string, unknown[]>;
  seeds: number[];
  searches: SearchSpec[];
}

const fail = (message: string): never => { throw new OptionsError(message); };

/** Validates a sweep config; every problem names its field. */
export function parseSweepConfig(input: unknown): SweepConfig {
  const parsed = sweepSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) fail(describeIssues(parsed.error));
  const raw = parsed.data!;
  const fields = runSchema.shape as Record<string, z.ZodType>;

  for (const [section, values] of [['base', raw.base], ['grid', raw.grid]] as const) {
    for (const key of Object.keys(values)) {
      if (key === 'seed') fail(`${section}.seed: seeds are set by the top-level "seeds" field`);
      if (!(key in fields)) fail(`${section}.${key}: unknown option (options are ${Object.keys(fields).join(', ')})`);
    }
  }
  for (const [key, value] of Object.entries(raw.base)) check(fields[key]!, value, `base.${key}`);
  if (Object.keys(raw.grid).length === 0) fail('grid: empty; give at least one option with a list of values, e.g. "grid": {"K": [1, 2, 4]}');
  for (const [key, values] of Object.entries(raw.grid)) {
    if (values.length === 0) fail(`grid.${key}: empty list; give at least one value`);
    values.forEach((value, index) => check(fields[key]!, value, `grid.${key}[${index}]`));
  }

  const searches = (raw.search === undefined ? [] : Array.isArray(raw.search) ? raw.search : [raw.search]).map((search, index) => {
    const at = Array.isArray(raw.search) ? `search[${index}]` : 'search';
    if ((search.below === undefined) === (search.above === undefined)) fail(`${at}: give exactly one of "below" and "above"`);
    if (search.max < search.min) fail(`${at}.max: must be >= min = ${search.min} (got ${search.max})`);
    for (const section of ['base', 'grid'] as const) {
      if ('Q' in raw[section]) fail(`${section}.Q: Q is searched (${at}.over), so it cannot be set`);
    }
    const direction = search.below !== undefined ? 'below' as const : 'above' as const;
    return { ...search, direction, level: (search.below ?? search.above)! };
  });
  const seeds = typeof raw.seeds === 'number' ? Array.from({ length: raw.seeds }, (_, i) => i) : raw.seeds;
  if (new Set(seeds).size !== seeds.length) fail('seeds: the list repeats a seed');
  return { schema: SWEEP_SCHEMA, name: raw.name, base: raw.base, grid: raw.grid, seeds, searches };
}

function check(schema: z.ZodType, value: unknown, field: string): void {
  const result = schema.safeParse(value, { reportInput: true });
  if (!result.success) fail(describeIssues(result.error, (path) => (path ? `${field}.${path}` : field)));
}
