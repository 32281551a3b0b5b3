// A sweep killed with SIGKILL at any moment and resumed ends with exactly the records of an
// uninterrupted run: same ids, same numbers, none missing, none twice.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, runCli } from '../cli/run-cli.js';
import { recordsById, scratch } from './helpers.js';

const config = {
  schema: 'dposcale-sweep/1', name: 'killed',
  base: { Q: 150, test: 20, d: 48, steps: 150, logEvery: 10 },
  grid: { K: [1, 2, 3, 4, 5, 6], loss: ['dpo', 'ipo'] }, seeds: 2,
};

const lineCount = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').length - 1 : 0);

/** Starts the sweep and SIGKILLs it once results.jsonl has at least `after` lines. */
async function killAfter(configFile: string, out: string, after: number, resume: boolean): Promise<void> {
  const child = spawn(process.execPath, [CLI, 'sweep', '--config', configFile, '--out', out, '--workers', '2', ...(resume ? ['--resume'] : [])], { stdio: 'ignore' });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const file = join(out, 'results.jsonl');
  for (;;) {
    if (lineCount(file) >= after) { child.kill('SIGKILL'); break; }
    if (child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  await exited;
}

describe('SIGKILL and --resume', () => {
  it('gives the records of an uninterrupted run', async () => {
    const root = scratch();
    const configFile = join(root, 'sweep.json');
    writeFileSync(configFile, JSON.stringify(config));
    expect(runCli(['sweep', '--config', configFile, '--out', join(root, 'whole'), '--workers', '2']).status).toBe(0);
    const whole = recordsById(join(root, 'whole'));
    expect(whole.size).toBe(24);

    const out = join(root, 'killed');
    await killAfter(configFile, out, 1, false);
    const afterFirstKill = lineCount(join(out, 'results.jsonl'));
    expect(afterFirstKill).toBeLessThan(24); // really interrupted
    await killAfter(configFile, out, afterFirstKill + 5, true);
    // and once more just as it starts, before anything new is written
    await killAfter(configFile, out, 0, true);
    const resumed = runCli(['sweep', '--config', configFile, '--out', out, '--workers', '2', '--resume']);
    expect(resumed.status).toBe(0);
    expect(recordsById(out)).toEqual(whole);
  });
});
