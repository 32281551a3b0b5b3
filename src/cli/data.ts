// `dposcale data`: draw a value-cluster preference dataset and write the dataset directory of
// architecture.md (meta.json and .npy files NumPy reads with numpy.load).
import { Command } from 'commander';
import { dataShape } from '../config/options.js';
import { generateData } from '../data/sequences.js';
import { readDatasetDirectory, writeDatasetDirectory } from '../data/directory.js';
import { twinDataset } from '../geometry/twin.js';
import { layoutZ } from '../data/tokens.js';
import { addRunFlags, flagName, runOptionsFromFlags, type RunField } from './flags.js';

const FIELDS = Object.keys(dataShape) as RunField[];

const EXAMPLES = `
Examples:
  $ dposcale data --K 8 --Q 100 --d 64 --v 0.1 --lb 0.5 --tokens disjoint --seed 1 --out runs/k8
  $ dposcale data --K 16 --tokens yes-no --imbalance 1 --flip 0.1 --out runs/persona-like
  $ dposcale data --K 4 --concept-cos 0.3 --w0-scale 1 --out runs/overlap --overwrite
  $ dposcale data --like my-llama-personas --out twin    # the synthetic twin of real data
      # (K, d, lb, v, concept directions, Q, tokens, flip and W0 from the data; see dposcale geometry)

Read it back with: dposcale train --data runs/k8, or numpy.load('runs/k8/train_g.npy').`;

export function dataCommand(): Command {
  const command = new Command('data')
    .description('generate a preference dataset (K values, two clusters each) and write it as a dataset directory')
    .requiredOption('--out <dir>', 'the dataset directory to write')
    .option('--overwrite', 'replace the directory if it exists')
    .option('--like <dir>', 'draw the synthetic twin of this dataset directory: the model with its estimated parameters (only --seed may be added)');
  addRunFlags(command, FIELDS);
  command.addHelpText('after', EXAMPLES);
  command.action(async (flags: Record<string, unknown>) => {
    const options = runOptionsFromFlags(flags, FIELDS);
    const like = flags['like'] === undefined ? null : String(flags['like']);
    const estimated = FIELDS.filter((field) => field !== 'seed' && flags[field] !== undefined);
    if (like !== null && estimated.length > 0) throw new Error(`${estimated.map((field) => `--${flagName(field)}`).join(', ')}: not used with --like (estimated from ${like})`);
    const dataset = like === null ? generateData(options) : twinDataset(await readDatasetDirectory(like), options.seed, like);
    const out = String(flags['out']);
    await writeDatasetDirectory(out, dataset, { overwrite: Boolean(flags['overwrite']) });
    const { V, d, K } = dataset.meta;
    process.stdout.write(`wrote ${out}: K=${K} values, ${dataset.train.N} training and ${dataset.test.N} test pairs, ` +
      `d=${d}, V=${V}, tokens ${dataset.meta['tokens']} (Z=${layoutZ(String(dataset.meta['tokens']), K)})\n`);
  });
  return command;
}
