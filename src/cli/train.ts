// `dposcale train`: one training run, printed as a table of logged steps; --json writes the
// result record (schema dposcale-run/1).
import { Command, Option } from 'commander';
import { loadBackend } from '../backend/index.js';
import { dataShape, trainingShape } from '../config/options.js';
import { readDatasetDirectory } from '../data/directory.js';
import { generateData } from '../data/sequences.js';
import { writeFileAtomic } from '../io/atomic.js';
import { trainOn } from '../train/run.js';
import { explainRefusal, parseExplainTarget, type ExplainReport } from '../train/explain.js';
import { explainText } from '../train/explain-text.js';
import { failureLines } from '../train/failure-text.js';
import type { LogEntry, RunRecord } from '../train/record.js';
import { addRunFlags, flagName, runOptionsFromFlags, type RunField } from './flags.js';
import { referenceSeries, writeReferenceCsv } from '../protocol/index.js';
import { formatNumber } from '../format.js';
import { Table, type Cell } from './table.js';

const DATA_FIELDS = Object.keys(dataShape).filter((field) => field !== 'seed') as RunField[];
const FIELDS = [...Object.keys(dataShape), ...Object.keys(trainingShape)] as RunField[];

const EXAMPLES = `
Examples:
  $ dposcale train                                        # K=4, Q=100, d=64, gd, lr 0.5, 200 steps
  $ dposcale train --K 8 --Q 100 --d 64 --beta 1 --lr 0.5 --steps 200 --loss dpo --json out.json
  $ dposcale train --data runs/k8 --optimizer adam --lr 1e-3 --beta 0.01 --steps 100
  $ dposcale train --K 8 --until tau1                     # gd to the theorem's tau_1 in 100 steps
  $ dposcale train --K 8 --until tau1 --space margin      # iterate Lemma 4.1 instead of W
  $ dposcale train --tokens yes-no --K 16 --backend js    # the plain-JS twin
  $ dposcale train --data my-personas --protocol reference --csv runs/personas
      # the paper's last-layer run: all pairs of train_ and test_ pooled, split 90/10 per value
      # (--split global: all values at once; --seed picks the split), metrics as the reference
      # script's CSV files (train_loss.csv, ..., eval_head_change.csv: wall_time,step,value).
      # Flags the protocol fixes (optimizer, lr, beta, steps, ...) are refused if they differ.`;

export function trainCommand(): Command {
  const command = new Command('train')
    .description('train the last layer on value-cluster preference data (generated, or --data DIR) and report metrics')
    .addOption(new Option('--backend <name>', 'compute backend').choices(['wasm', 'js']).default('wasm'))
    .addOption(new Option('--variant <name>', 'Wasm variant (default: relaxed SIMD when the engine has it)').choices(['relaxed-simd', 'simd']))
    .option('--json <file>', 'write the result record (dposcale-run/1) to this file')
    .option('--csv <dir>', 'with --protocol reference: write the reference script\'s seven metrics, one CSV file each (wall_time,step,value)')
    .option('--quiet', 'print only the final summary');
  addRunFlags(command, FIELDS);
  command.option('--explain <i:j:side>', 'gd: at each logged step, the theory.md §5 decomposition of the token reward of training sample i (from 0), position j (from 1), side w or l, next to its measured change');
  command.addHelpText('after', EXAMPLES);
  command.action(async (flags: Record<string, unknown>) => {
    const options = runOptionsFromFlags(flags, FIELDS);
    const explain = flags['explain'] === undefined ? null : parseExplainTarget(String(flags['explain']));
    const refusal = explain ? explainRefusal(options) : null;
    if (refusal) throw new Error(refusal);
    if (flags['csv'] && options.protocol !== 'reference') throw new Error('--csv: writes the reference script\'s metrics, so it needs --protocol reference');
    if (options.data !== null) {
      const ignored = DATA_FIELDS.filter((field) => flags[field] !== undefined);
      if (ignored.length > 0) {
        throw new Error(`${ignored.map((field) => `--${flagName(field)}`).join(', ')}: not used with --data (the dataset directory fixes the data)`);
      }
    }
    const backend = await loadBackend({
      backend: flags['backend'] as 'wasm' | 'js',
      ...(flags['variant'] ? { variant: flags['variant'] as 'relaxed-simd' | 'simd' } : {}),
    });
    const dataset = options.data !== null ? await readDatasetDirectory(options.data) : generateData(options);
    const quiet = Boolean(flags['quiet']);
    const table = new Table(HEADER);
    if (!quiet) process.stdout.write(table.head());
    const wallTimes: number[] = [];
    const record = trainOn(dataset, options, backend, {
      onLog: (entry) => {
        wallTimes.push(Date.now() / 1000);
        if (!quiet) process.stdout.write(table.row(row(entry)));
      },
      ...(explain ? { explain: { ...explain, onReport: (report: ExplainReport) => process.stdout.write(explainText(report)) } } : {}),
    });
    process.stdout.write(summary(record));
    if (flags['json']) {
      await writeFileAtomic(String(flags['json']), `${JSON.stringify(record, null, 1)}\n`);
      process.stdout.write(`wrote ${String(flags['json'])}\n`);
    }
    if (flags['csv']) {
      const paths = await writeReferenceCsv(String(flags['csv']), referenceSeries(record.log, wallTimes));
      process.stdout.write(`wrote ${paths.length} CSV files to ${String(flags['csv'])}\n`);
    }
  });
  return command;
}

const HEADER = ['step', 't', 'train loss', 'train acc', 'train margin', 'margin min', 'test loss', 'test acc', 'test margin', 'worst value err', '|W-W0|'];

function row(entry: LogEntry): Cell[] {
  return [
    String(entry.step), entry.t, entry.train.loss, entry.train.acc, entry.train.margin, entry.train.margin_min,
    entry.test.loss, entry.test.acc, entry.test.margin, Math.max(...entry.per_value_test_error), entry.weight_change,
  ];
}

function summary(record: RunRecord): string {
  const final = record.final!, schedule = record.schedule!;
  const lines = [
    '',
    `final test error ${formatNumber(1 - final.test.acc)}, worst value ${formatNumber(Math.max(...final.per_value_test_error))}, ` +
      `train margins in [${formatNumber(final.train.margin_min)}, ${formatNumber(final.train.margin_max)}]`,
    `${record.backend.name} (${record.backend.variant}): ${schedule.completed_steps} steps at lr ${formatNumber(schedule.lr)}, ` +
      `${formatNumber(record.timing!.steps_per_second)} steps/s, ${formatNumber(record.timing!.ms)} ms`,
    ...failureLines(record),
  ];
  return `${lines.join('\n')}\n`;
}
