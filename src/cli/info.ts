// `dposcale info`: which engine this machine runs.
import { Command } from 'commander';
import { loadBackend } from '../backend/index.js';

export function infoCommand(): Command {
  return new Command('info')
    .description('print the Wasm variant this engine loads, the Node version and the CPU')
    .action(async () => {
      const backend = await loadBackend();
      const os = await import('node:os');
      process.stdout.write(`backend: ${backend.name} (${backend.variant})\nnode: ${process.version}\ncpu: ${os.cpus()[0]?.model ?? 'unknown'}\n`);
    });
}
