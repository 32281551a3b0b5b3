// `dposcale merge`: shards of one sweep into one directory, checked for completeness.
import { Command } from 'commander';
import { mergeSweeps } from '../sweep/merge.js';

export function mergeCommand(): Command {
  return new Command('merge')
    .description('merge the output directories of a sharded sweep, refusing incomplete or conflicting inputs')
    .argument('<dirs...>', 'the shard output directories')
    .requiredOption('--out <dir>', 'the merged output directory (new or empty)')
    .addHelpText('after', '\nExample:\n  $ dposcale merge runs/x-shard-* --out runs/x && dposcale report runs/x')
    .action(async (dirs: string[], flags: { out: string }) => {
      const summary = await mergeSweeps(dirs, flags.out);
      process.stdout.write(`merged ${summary.inputs} directories: ${summary.records} records, ${summary.searches} searches -> ${flags.out}\n`);
    });
}
