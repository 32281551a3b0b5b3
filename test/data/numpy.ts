// Debian's python3-numpy, when installed, to prove the .npy files interoperate with real numpy.
// The python3 first on PATH may lack numpy, so this asks /usr/bin/python3 by its full path.
import { spawnSync } from 'node:child_process';

const PYTHON = '/usr/bin/python3';

export const hasNumpy = spawnSync(PYTHON, ['-c', 'import numpy'], { stdio: 'ignore' }).status === 0;

if (!hasNumpy) {
  console.warn(`numpy tests skipped: '${PYTHON} -c "import numpy"' failed (install Debian's python3-numpy to run them)`);
}

/** Runs a Python script with numpy imported as np and the given argv; throws with its stderr on failure. */
export function runNumpy(script: string, ...args: string[]): string {
  const result = spawnSync(PYTHON, ['-c', `import sys, json\nimport numpy as np\n${script}`, ...args], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`python failed: ${result.stderr}`);
  return result.stdout;
}
