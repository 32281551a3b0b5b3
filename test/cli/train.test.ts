// `dposcale train` and `dposcale data` as a user runs them: output, result files, and the
// messages and exit codes for bad input (nothing half-written).
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const scratch = () => mkdtempSync(join(tmpdir(), 'dposcale-cli-'));

describe('dposcale train', () => {
  it('runs with the defaults and prints the log table and a summary', () => {
    const { status, stdout } = runCli(['train']);
    expect(status).toBe(0);
    expect(stdout).toMatch(/step\s+t\s+train loss/);
    expect(stdout.match(/^\s+\d+\s/gm)).toHaveLength(21); // steps 0, 10, ..., 200
    expect(stdout).toMatch(/wasm \(relaxed-simd\): 200 steps at lr 0\.5/);
  });

  it('--json writes a dposcale-run/1 record, the same on both backends within tolerance', () => {
    const folder = scratch();
    const records = ['wasm', 'js'].map((backend) => {
      const file = join(folder, `${backend}.json`);
      const { status } = runCli(['train', '--K', '3', '--Q', '20', '--steps', '30', '--backend', backend, '--json', file, '--quiet']);
      expect(status).toBe(0);
      return JSON.parse(readFileSync(file, 'utf8'));
    });
    const [wasm, js] = records;
    expect(wasm.schema).toBe('dposcale-run/1');
    expect(wasm.id).toMatch(/^[0-9a-f]{16}$/);
    expect(wasm.id).toBe(js.id);
    expect(wasm.config).toMatchObject({ K: 3, Q: 20, steps: 30, d: 64, v: 0.1, lb: 0.5, tokens: 'disjoint', loss: 'dpo', seed: 0 });
    expect(wasm.backend).toEqual({ name: 'wasm', variant: 'relaxed-simd' });
    expect(js.backend).toEqual({ name: 'js', variant: 'js' });
    expect(wasm.log).toHaveLength(16); // steps 0, 2, ..., 30: about 20 logs by default
    expect(Math.abs(wasm.final.test.loss - js.final.test.loss)).toBeLessThan(1e-4);
    expect(wasm.bounds.conditions).toHaveProperty(['d <= 5Q']);
    expect(readdirSync(folder).sort()).toEqual(['js.json', 'wasm.json']); // no temporary files left
  });

  it('refuses bad values naming the flag and the range, and writes nothing', () => {
    const folder = scratch();
    const file = join(folder, 'out.json');
    const cases: Array<[string[], RegExp]> = [
      [['--K', '0'], /--K: Too small: expected number to be >=1 \(got 0\)/],
      [['--v', '-0.5'], /--v: .*>=0 \(got -0.5\)/],
      [['--K', 'many'], /'--K <number>' argument 'many' is invalid\. expected a number/],
      [['--tokens', 'shared:0'], /--tokens: must be disjoint, yes-no or shared:Z with Z >= 1/],
      [['--loss', 'kto'], /argument 'kto' is invalid\. Allowed choices are dpo, ipo, ipo-trl, slic, cdpo, robust/],
      [['--optimizer', 'adam', '--until', 'tau1'], /--until: tau1 is a time of gradient flow, so it needs optimizer gd/],
      [['--space', 'margin', '--batch-size', '8'], /--space: margin space iterates Lemma 4.1/],
      [['--K', '70', '--d', '16', '--axes'], /d/],
    ];
    for (const [args, message] of cases) {
      const { status, stderr } = runCli(['train', ...args, '--json', file]);
      expect(status, args.join(' ')).not.toBe(0);
      expect(stderr, args.join(' ')).toMatch(message);
      expect(existsSync(file)).toBe(false);
    }
  });
});

describe('dposcale data', () => {
  it('writes a dataset directory that train --data reproduces exactly', () => {
    const folder = scratch();
    const data = join(folder, 'k3');
    const written = runCli(['data', '--K', '3', '--Q', '25', '--d', '20', '--seed', '4', '--out', data]);
    expect(written.status).toBe(0);
    expect(written.stdout).toMatch(/K=3 values, 150 training and 600 test pairs, d=20, V=6/);
    expect(readdirSync(data).sort()).toContain('train_g.npy');
    const fromDisk = join(folder, 'disk.json'), generated = join(folder, 'memory.json');
    expect(runCli(['train', '--data', data, '--steps', '20', '--json', fromDisk, '--quiet']).status).toBe(0);
    expect(runCli(['train', '--K', '3', '--Q', '25', '--d', '20', '--seed', '4', '--steps', '20', '--json', generated, '--quiet']).status).toBe(0);
    const a = JSON.parse(readFileSync(fromDisk, 'utf8')), b = JSON.parse(readFileSync(generated, 'utf8'));
    expect(a.log).toEqual(b.log);
    expect(a.bounds.conditions).toEqual(b.bounds.conditions);
  });

  it('names the missing file of a broken dataset directory', () => {
    const { status, stderr } = runCli(['train', '--data', join(scratch(), 'nothing-here')]);
    expect(status).toBe(1);
    expect(stderr).toMatch(/nothing-here/);
  });

  it('refuses --K with --data', () => {
    const folder = scratch();
    runCli(['data', '--K', '2', '--out', join(folder, 'd')]);
    const { status, stderr } = runCli(['train', '--data', join(folder, 'd'), '--K', '3']);
    expect(status).toBe(1);
    expect(stderr).toMatch(/--K: not used with --data/);
  });
});
