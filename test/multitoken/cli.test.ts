// `dposcale train` with multi-token options as a user runs it (the built CLI): --explain lines
// next to the logged steps, its refusal outside gd, the failure-mode and memory summary, and
// the record's new blocks.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';

const small = ['--K', '2', '--Q', '5', '--test', '3', '--d', '12', '--V', '40', '--L', '4', '--prefix', '1', '--gamma', '0.5', '--vpos', '0.05'];

describe('dposcale train, multi-token', () => {
  it('--explain prints the decomposition after each logged step and the measured change', () => {
    const { status, stdout, stderr } = runCli(['train', ...small, '--steps', '4', '--log-every', '2', '--lr', '0.001', '--explain', '3:2:l']);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const lines = stdout.split('\n').filter((line) => line.startsWith('explain 3:2:l'));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^explain 3:2:l step 0 t 0 token \d+ reward 0 \| embedding correlation .* \| probability terms \[y=y'\] .* \| output-distribution correlation d_p .* \| predicted dr\/dt .*, measured .* \(relative difference .*\)$/);
    expect(lines[2]).toMatch(/step 4 .* measured: none \(no next step\)$/);
    expect(stdout).toMatch(/failure modes \(Section 7, train\): reward acc .* ranking acc .* pairs whose reference prefers the rejected response/);
    expect(stdout).toMatch(/log-probabilities \(train\): chosen -?\d.*, rejected -?\d.*; displacement \(both fell since step 0\)/);
    expect(stdout).toMatch(/memory: .* MiB in the backend, logits in chunks of \d+ rows/);
  });

  it('--explain refuses Adam and a malformed target', () => {
    const adam = runCli(['train', ...small, '--optimizer', 'adam', '--explain', '0:1:w']);
    expect(adam.status).not.toBe(0);
    expect(adam.stderr).toMatch(/--explain: the decomposition is the rate of gradient flow/);
    const malformed = runCli(['train', ...small, '--explain', '0:w']);
    expect(malformed.status).not.toBe(0);
    expect(malformed.stderr).toMatch(/--explain: expected i:j:side/);
  });

  it('--json records per-position rewards, logps, displacement, failure modes and memory', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'dposcale-multitoken-')), 'run.json');
    const { status } = runCli(['train', ...small, '--sft', '0.2', '--steps', '10', '--json', file, '--quiet']);
    expect(status).toBe(0);
    const record = JSON.parse(readFileSync(file, 'utf8'));
    expect(record.config).toMatchObject({ L: 4, prefix: 1, gamma: 0.5, vpos: 0.05, sft: 0.2 });
    expect(record.final.per_position_reward.train.chosen).toHaveLength(4);
    expect(record.final.train).toHaveProperty('logps_chosen');
    expect(record.final.train).toHaveProperty('displacement');
    expect(record.failure_modes.train).toHaveProperty('reversed');
    expect(record.memory.backend_bytes).toBeGreaterThan(0);
    expect(record.memory.chunk_rows).toBeGreaterThanOrEqual(8);
    expect(record.bounds.note).toMatch(/single-token responses without an SFT term/);
  });
});
