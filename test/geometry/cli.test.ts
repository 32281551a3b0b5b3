// `dposcale geometry` and `dposcale data --like` as a user runs them.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';

const root = mkdtempSync(join(tmpdir(), 'dposcale-geometry-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const scratch = () => mkdtempSync(join(root, 'case-'));

function personas(folder: string): string {
  const data = join(folder, 'data');
  const { status, stderr } = runCli(['data', '--K', '4', '--Q', '250', '--test', '25', '--d', '32', '--v', '0.1', '--lb', '0.4',
    '--tokens', 'yes-no', '--w0-scale', '0.5', '--seed', '3', '--out', data]);
  expect(status, stderr).toBe(0);
  return data;
}

describe('dposcale geometry', () => {
  it('prints the estimates, the per-value spread, Figure 3 and the conditions; --out writes them with the heatmaps', () => {
    const folder = scratch();
    const data = personas(folder), out = join(folder, 'geometry');
    const { status, stdout, stderr } = runCli(['geometry', '--data', data, '--out', out]);
    expect(status, stderr).toBe(0);
    expect(stdout).toMatch(/K = 4 values, d = 32, 2000 training pairs/);
    expect(stdout).toMatch(/lb = \|b\| \/ scale\s+0\.4\d*/);
    expect(stdout).toMatch(/tokens\s+yes-no \(Z = 4\)/);
    expect(stdout).toMatch(/Average cosine between values' aligned embeddings \(Figure 3\), as given/);
    expect(stdout).toMatch(/NO\s+distinct response pairs/);
    expect(stdout).toMatch(/theorem4\.2 does not apply/);
    expect(readdirSync(out).sort()).toEqual(['clusters.csv', 'cosines.csv', 'cosines.svg', 'geometry.json']);
    const geometry = JSON.parse(readFileSync(join(out, 'geometry.json'), 'utf8'));
    expect(geometry.estimate.lb).toBeCloseTo(0.4, 1);
    expect(geometry.estimate).not.toHaveProperty('concepts');
    expect(geometry.cosines.asGiven).toHaveLength(4);
    expect(readFileSync(join(out, 'cosines.csv'), 'utf8').trim().split('\n')).toHaveLength(1 + 16);
    expect(readFileSync(join(out, 'clusters.csv'), 'utf8').trim().split('\n')[0]).toBe('value,side,count,covariance_frobenius,mean_squared_distance');
    const svg = readFileSync(join(out, 'cosines.svg'), 'utf8');
    expect(svg).toMatch(/^<svg/);
    expect(svg).toContain('mean subtracted');
  });
});

describe('dposcale data --like', () => {
  it('writes the synthetic twin, which the protocol trains like the data', () => {
    const folder = scratch();
    const data = personas(folder), twin = join(folder, 'twin');
    const written = runCli(['data', '--like', data, '--seed', '9', '--out', twin]);
    expect(written.status, written.stderr).toBe(0);
    expect(written.stdout).toMatch(/K=4 values, 2000 training and 200 test pairs, d=32, V=2, tokens yes-no/);
    const meta = JSON.parse(readFileSync(join(twin, 'meta.json'), 'utf8'));
    expect(meta).toMatchObject({ like: data, seed: 9, tokens: 'yes-no' });
    expect(readdirSync(twin)).toContain('W0.npy');
    const runs = [data, twin].map((directory) => {
      const json = join(folder, `${readdirSync(folder).length}.json`);
      expect(runCli(['train', '--data', directory, '--protocol', 'reference', '--quiet', '--json', json]).status).toBe(0);
      return JSON.parse(readFileSync(json, 'utf8'));
    });
    expect(Math.abs(runs[0].final.test.margin / runs[1].final.test.margin - 1)).toBeLessThan(0.1);
  });

  it('refuses data flags next to --like', () => {
    const folder = scratch();
    const { status, stderr } = runCli(['data', '--like', personas(folder), '--K', '3', '--v', '0.2', '--out', join(folder, 'twin')]);
    expect(status).toBe(1);
    expect(stderr).toMatch(/--K, --v: not used with --like/);
  });
});
