// `dposcale sweep`: many training runs from a preset or a dposcale-sweep/1 config, in a pool
// of worker threads, appended to DIR/results.jsonl; resumable and shardable.
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Command, InvalidArgumentError, Option } from 'commander';
import { parseSweepConfig, type SweepConfig } from '../sweep/config.js';
import { executeSweep, makePlan } from '../sweep/execute.js';
import { makeCell, resolveShard } from '../sweep/plan.js';
import { presetConfig, presetDescription, PRESET_NAMES } from '../sweep/presets.js';
import { makeProgress } from '../sweep/progress.js';

const EXAMPLES = `
Examples:
  $ dposcale sweep --preset figure5 --out runs/fig5              # margins vs steps for K = 1,2,4,8,16
  $ dposcale sweep --config my-sweep.json --out runs/x --workers 2
  $ dposcale sweep --config my-sweep.json --out runs/x-shard-3 --shard 3/16
  $ dposcale sweep --config my-sweep.json --out runs/x --resume  # after a crash or Ctrl-C
  $ dposcale sweep --preset figure4 --plan-only                   # what would run

Presets:
${PRESET_NAMES.map((name) => `  ${name.padEnd(9)} ${presetDescription(name)}`).join('\n')}

Shards: --shard i/n (i from 0), or Slurm's SLURM_ARRAY_TASK_ID / SLURM_ARRAY_TASK_COUNT, or a
Kubernetes Indexed Job's JOB_COMPLETION_INDEX with --shards n. Then: dposcale merge DIRS --out DIR.`;

const positiveInteger = (name: string) => (value: string) => {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new InvalidArgumentError(`${name} must be a whole number >= 1, got '${value}'.`);
  return number;
};

export function sweepCommand(): Command {
  return new Command('sweep')
    .description('run a grid of training runs (with optional Q* searches) into DIR/results.jsonl')
    .addOption(new Option('--preset <name>', 'a built-in sweep').choices(PRESET_NAMES).conflicts('config'))
    .option('--config <file>', 'a dposcale-sweep/1 JSON config')
    .option('--out <dir>', 'output directory (plan.json, results.jsonl, search.jsonl)')
    .option('--workers <n>', `worker threads (default: available cores, ${availableParallelism()} here)`, positiveInteger('--workers'))
    .option('--shard <i/n>', 'run only shard i of n (points split round-robin)')
    .option('--shards <n>', 'number of shards, with JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID', positiveInteger('--shards'))
    .option('--resume', 'continue a sweep in --out, skipping the cells it already recorded')
    .option('--plan-only', 'print the points and cells, run nothing')
    .addOption(new Option('--backend <name>', 'compute backend').choices(['wasm', 'js']).default('wasm'))
    .addOption(new Option('--variant <name>', 'Wasm variant').choices(['relaxed-simd', 'simd']))
    .addHelpText('after', EXAMPLES)
    .action(async (flags: Record<string, string | number | boolean | undefined>) => {
      const config = loadConfig(flags);
      const shard = resolveShard(flags['shard'] as string | undefined, flags['shards'] as number | undefined, process.env);
      if (flags['planOnly']) { process.stdout.write(describePlan(config, shard)); return; }
      if (!flags['out']) throw new Error('--out: required (the directory the sweep writes to)');
      const out = String(flags['out']);
      const workers = (flags['workers'] as number | undefined) ?? availableParallelism();
      process.stderr.write(`sweep ${config.name}${shard ? ` shard ${shard.index}/${shard.count}` : ''}: ${workers} workers, writing ${out}\n`);
      const started = Date.now();
      const summary = await executeSweep(config, {
        out, workers, shard, resume: Boolean(flags['resume']),
        backend: { backend: flags['backend'] as 'wasm' | 'js', ...(flags['variant'] ? { variant: flags['variant'] as 'simd' | 'relaxed-simd' } : {}) },
        progress: makeProgress(config.name),
      });
      process.stdout.write(`${config.name}: ran ${summary.ran} cells (${summary.failed} failed), reused ${summary.skipped} recorded, ` +
        `${summary.searches} searches, in ${((Date.now() - started) / 1000).toFixed(1)} s\n` +
        `results: ${out}/results.jsonl; report: dposcale report ${out}\n`);
    });
}

function loadConfig(flags: Record<string, unknown>): SweepConfig {
  if (flags['preset']) return presetConfig(String(flags['preset']));
  if (!flags['config']) throw new Error('give --preset NAME or --config FILE');
  const path = String(flags['config']);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`${path}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${path}: not valid JSON (${(error as Error).message})`);
  }
  try {
    return parseSweepConfig(json);
  } catch (error) {
    throw new Error(`${path}: ${(error as Error).message.split('\n').join(`\n${path}: `)}`);
  }
}

function describePlan(config: SweepConfig, shard: ReturnType<typeof resolveShard>): string {
  const plan = makePlan(config, shard);
  const lines = [`sweep ${config.name}: ${plan.points.length} points${shard ? `, shard ${shard.index}/${shard.count} runs ${plan.shard_points.length}` : ''}, seeds ${config.seeds.join(', ')}`];
  for (const index of plan.shard_points) {
    const point = plan.points[index]!;
    lines.push(`  point ${index}: ${JSON.stringify(point.values)}`);
  }
  if (config.searches.length === 0) {
    lines.push(`cells: ${plan.cells.length}`);
    for (const index of plan.shard_points) {
      for (const seed of config.seeds) lines.push(`  ${makeCell(config, plan.points[index]!, seed).id}  point ${index} seed ${seed}`);
    }
  } else {
    for (const search of config.searches) {
      const steps = Math.ceil(Math.log2(search.max / search.min)) + 1;
      lines.push(`search Q in [${search.min}, ${search.max}] for ${search.metric} ${search.direction} ${search.level}: ` +
        `cells are known only as it runs (about ${steps} to ${2 * steps} Q values x ${config.seeds.length} seeds per point)`);
    }
  }
  return `${lines.join('\n')}\n`;
}
