import { afterEach, describe, expect, it, vi } from 'vitest';
import { boundCommand } from '../../src/cli/bound.js';

/** Runs `dposcale bound ARGS` and returns what it printed. */
async function bound(...args: string[]): Promise<string> {
  const printed: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => { printed.push(String(chunk)); return true; });
  await boundCommand().exitOverride().parseAsync(args, { from: 'user' });
  vi.restoreAllMocks();
  return printed.join('');
}

afterEach(() => { vi.restoreAllMocks(); });

describe('dposcale bound', () => {
  it('prints tau_1, the trajectory at tau_1, each probability and every condition', async () => {
    const text = await bound('--K', '10', '--Q', '880', '--d', '4400', '--v', '0.001');
    expect(text).toContain('tau_1 = K tau log(3) / (5 beta^2)      2.197');
    expect(text).toMatch(/Theorem 4\.2 failure probability\s+1\.795e\+8\s+vacuous/);
    expect(text).toMatch(/Theorem 4\.3 test-error bound\s+0\.04979 .*below eps = 0\.05; Q\* = 880/);
    expect(text).toMatch(/holds {2}d <= 5Q/);
    expect(text).toMatch(/4\.2 all conditions hold/);
  });

  it('says which conditions fail', async () => {
    const text = await bound('--K', '4', '--tokens', 'yes-no');
    expect(text).toMatch(/FAILS {2}Z <= 1\/\(4 lb\^2\)/);
    expect(text).toMatch(/FAILS {2}distinct response pairs/);
    expect(text).toMatch(/FAILS {2}v <= 1\/\(32 sqrt\(Q\)\)/);
  });

  it('--json gives the summary for machines', async () => {
    const json = JSON.parse(await bound('--K', '2', '--Q', '64', '--d', '320', '--v', '0.00390625', '--c', '1', '--json'));
    expect(json.input).toMatchObject({ K: 2, Q: 64, d: 320, v: 1 / 256, lb: 0.5, beta: 1, c: 1, eps: 0.05 });
    expect(json.tau1).toBeCloseTo((2 * Math.log(3)) / 5, 12);
    expect(json.theorem42.vacuous).toBe(true);
    expect(json.applies['theorem4.2']).toBe(true);
    expect(json.conditions.find((c: { name: string }) => c.name === 'd <= 5Q').holds).toBe(true);
    expect(json.figure4Q).toBe(799);
  });

  it('--curve prints K -> Q*, by default for K = 1, 2, 4, ..., 128', async () => {
    const json = JSON.parse(await bound('--curve', '--eps', '0.05', '--K', '1,10,100', '--json'));
    expect(json).toEqual({ eps: 0.05, curve: [{ K: 1, Q: 764 }, { K: 10, Q: 880 }, { K: 100, Q: 995 }] });
    const text = await bound('--curve');
    expect(text.trim().split('\n').slice(-1)[0]).toBe('128  1007');
    expect(text).toContain('  1  764');
  });

  it('refuses bad values, naming the flag and the allowed range', async () => {
    await expect(bound('--K', '0')).rejects.toThrow("--K: Too small: expected number to be >=1 (got '0')");
    await expect(bound('--v', 'abc')).rejects.toThrow(/^--v: .*number.* \(got 'abc'\)$/);
    await expect(bound('--tokens', 'some')).rejects.toThrow("--tokens: must be disjoint, yes-no or shared:Z with Z >= 1 (got 'some')");
    await expect(bound('--eps', '0')).rejects.toThrow("--eps: must be a number in (0, 1] (got '0')");
    await expect(bound('--c', '-1')).rejects.toThrow("--c: must be a number > 0 (got '-1')");
    await expect(bound('--delta', '0.7')).rejects.toThrow(/^--delta: .*0\.5/);
    await expect(bound('--K', '1,2')).rejects.toThrow('--K: one value unless --curve is given');
    await expect(bound('--curve', '--K', '1,x')).rejects.toThrow(/^--K: /);
  });
});
