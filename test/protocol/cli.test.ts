// `dposcale train --data DIR --protocol reference --csv OUT` as a user runs it, and the
// messages for flags that contradict the protocol and for broken dataset directories (NaN,
// mismatched N, token ids beyond V), each naming the file.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseRunOptions } from '../../src/config/options.js';
import { generateDataset } from '../../src/data/clusters.js';
import { writeDatasetDirectory } from '../../src/data/directory.js';
import { writeNpyFile } from '../../src/data/npy.js';
import { runCli } from '../cli/run-cli.js';

const root = mkdtempSync(join(tmpdir(), 'dposcale-protocol-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const scratch = () => mkdtempSync(join(root, 'case-'));

async function personas(directory: string): Promise<string> {
  await writeDatasetDirectory(directory, generateDataset(parseRunOptions({ K: 4, Q: 45, test: 5, d: 24, tokens: 'yes-no', w0Scale: 0.3, seed: 1 })));
  return directory;
}

describe('dposcale train --protocol reference', () => {
  it('writes the seven reference metrics as CSV files that agree with the result record', async () => {
    const folder = scratch();
    const data = await personas(join(folder, 'data'));
    const csv = join(folder, 'csv'), json = join(folder, 'run.json');
    const { status, stdout, stderr } = runCli(['train', '--data', data, '--protocol', 'reference', '--csv', csv, '--json', json, '--quiet']);
    expect(status, stderr).toBe(0);
    expect(stdout).toMatch(/100 steps at lr 0\.001/);
    expect(readdirSync(csv).sort()).toEqual([
      'eval_head_change.csv', 'eval_loss.csv', 'eval_margins.csv', 'eval_outputs_accuracies.csv',
      'train_loss.csv', 'train_margins.csv', 'train_outputs_accuracies.csv',
    ]);
    const record = JSON.parse(readFileSync(json, 'utf8'));
    const rows = (name: string) => readFileSync(join(csv, name), 'utf8').trim().split('\n');
    const loss = rows('train_loss.csv'), change = rows('eval_head_change.csv'), accuracy = rows('eval_outputs_accuracies.csv');
    expect(loss[0]).toBe('wall_time,step,value');
    expect(loss).toHaveLength(101);
    const [wallTime, step, value] = loss[30]!.split(',').map(Number);
    expect(wallTime).toBeGreaterThan(1.6e9);
    expect([step, value]).toEqual([29, record.log[29].train.loss]);
    expect(change[1]!.split(',').slice(1).map(Number)).toEqual([0, record.log[1].weight_change]);
    expect(accuracy[100]!.split(',').slice(1).map(Number)).toEqual([99, record.log[99].test.acc]);
  });

  it('refuses flags that contradict the protocol, --csv without it, and --split without it', async () => {
    const data = await personas(join(scratch(), 'data'));
    const cases: Array<[string[], RegExp]> = [
      [['--protocol', 'reference', '--optimizer', 'gd'], /--optimizer: --protocol reference fixes it to "adam" \(got "gd"\)/],
      [['--protocol', 'reference', '--steps', '10'], /--steps: --protocol reference fixes it to 100/],
      [['--csv', join(scratch(), 'csv')], /--csv: writes the reference script's metrics, so it needs --protocol reference/],
      [['--split', 'global'], /--split: only used with protocol reference/],
      [['--protocol', 'reference', '--split', 'sideways'], /argument 'sideways' is invalid\. Allowed choices are per-value, global/],
    ];
    for (const [args, message] of cases) {
      const { status, stderr } = runCli(['train', '--data', data, ...args]);
      expect(status, args.join(' ')).toBe(1);
      expect(stderr, args.join(' ')).toMatch(message);
    }
  });
});

describe('a broken dataset directory is refused with the file named', () => {
  const spoils: Array<[string, (directory: string) => Promise<void>, RegExp]> = [
    ['NaN in the hidden states', async (directory) => {
      const G = new Float32Array(360 * 24).fill(0.5);
      G[24 * 7 + 3] = NaN;
      await writeNpyFile(join(directory, 'train_g.npy'), { dtype: 'float32', shape: [360, 24], data: G });
    }, /train_g\.npy: NaN at flat index 171 \(index \[7, 3\]\)/],
    ['N differing between files', (directory) => writeNpyFile(join(directory, 'test_value.npy'), { dtype: 'int32', shape: [39], data: new Int32Array(39) }),
      /test_value\.npy: N = 39 pairs, but .*test_g\.npy has N = 40/],
    ['a token id beyond V', (directory) => writeNpyFile(join(directory, 'test_yl.npy'), { dtype: 'int64', shape: [40], data: new BigInt64Array(40).fill(2n) }),
      /test_yl\.npy: entry 0 is 2; token ids must lie in \[0, V\) = \[0, 2\)/],
  ];
  for (const [what, spoil, message] of spoils) {
    it(what, async () => {
      const data = await personas(join(scratch(), 'data'));
      await spoil(data);
      for (const args of [['train', '--data', data, '--protocol', 'reference'], ['geometry', '--data', data], ['data', '--like', data, '--out', join(scratch(), 'twin')]]) {
        const { status, stderr } = runCli(args);
        expect(status, args[0]).toBe(1);
        expect(stderr, args[0]).toMatch(message);
      }
    });
  }
});
