// Runs the built CLI (build/js/cli/main.js, made by `npm run build`) as a user would.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const CLI = fileURLToPath(new URL('../../build/js/cli/main.js', import.meta.url));

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): CliResult {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: options.cwd, env: { ...process.env, ...options.env } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
