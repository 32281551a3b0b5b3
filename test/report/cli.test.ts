// `dposcale report` as a user runs it: help with an example, clear errors naming the missing
// directory or plan.json (non-zero exit), and where index.html is on success.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/io/atomic.js';
import { makePlan } from '../../src/sweep/execute.js';
import { runCli } from '../cli/run-cli.js';
import { scratch, tinyConfig } from '../sweep/helpers.js';

describe('dposcale report', () => {
  it('explains itself', () => {
    const help = runCli(['report', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('$ dposcale report runs/');
    expect(help.stdout).toContain('summary.csv');
  });

  it('names a missing directory, or a missing plan.json, and fails', () => {
    const missing = join(scratch(), 'nowhere');
    const noDirectory = runCli(['report', missing]);
    expect(noDirectory.status).not.toBe(0);
    expect(noDirectory.stderr).toContain(`dposcale: ${missing}: no such directory`);

    const empty = join(scratch(), 'empty');
    mkdirSync(empty);
    const noPlan = runCli(['report', empty]);
    expect(noPlan.status).not.toBe(0);
    expect(noPlan.stderr).toContain(`${join(empty, 'plan.json')}: not found`);
  });

  it('reports a sweep that has not run yet, and prints where index.html is', async () => {
    const out = scratch();
    await writeFileAtomic(join(out, 'plan.json'), JSON.stringify(makePlan(tinyConfig(), null)));
    const result = runCli(['report', out]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('tiny: 6 points, 0 cells (0 failed)');
    expect(result.stdout).toContain('note: results.jsonl holds no records yet');
    expect(result.stdout.trimEnd().split('\n').at(-1)).toBe(`report: ${join(out, 'index.html')}`);
  });
});
