// `dposcale serve`: the browser site (build/web, from `npm run build:web`) on localhost.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command, InvalidArgumentError } from 'commander';
import { buildUrl } from '../build-location.js';
import { serveSite } from '../site/server.js';

const port = (value: string) => {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0 || number > 65535) throw new InvalidArgumentError(`--port must be a whole number from 0 to 65535, got '${value}'.`);
  return number;
};

export function serveCommand(): Command {
  return new Command('serve')
    .description('serve the interactive browser page (train, K sweep, Wasm vs JS) on localhost')
    .option('--port <n>', 'port (0: any free port)', port, 8080)
    .option('--dir <dir>', 'the site folder', fileURLToPath(buildUrl('web/')))
    .addHelpText('after', '\nExample:\n  $ npm run build:web && dposcale serve --port 8080   # then open http://127.0.0.1:8080/')
    .action(async (flags: { port: number; dir: string }) => {
      if (!existsSync(`${flags.dir}/index.html`)) throw new Error(`${flags.dir}/index.html: missing; build the site with 'npm run build:web'`);
      const site = await serveSite(flags.dir, flags.port);
      process.stdout.write(`serving ${flags.dir} at ${site.url} (Ctrl-C to stop)\n`);
    });
}
