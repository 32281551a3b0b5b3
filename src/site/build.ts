// Builds the static browser site into build/web: the page and its worker bundled by esbuild,
// the stylesheet and HTML copied, and the same .wasm files the Node package uses. No CDN:
// the site works offline from any static server (`dposcale serve`).
import { build } from 'esbuild';
import { copyFile, mkdir, readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { buildUrl } from '../build-location.js';

const source = (path: string) => fileURLToPath(new URL(`../../src/web/${path}`, buildUrl('js/')));
const output = fileURLToPath(buildUrl('web/'));

export async function buildSite(): Promise<void> {
  await mkdir(`${output}wasm`, { recursive: true });
  await build({
    entryPoints: { app: source('main.ts'), worker: source('worker.ts') },
    outdir: output,
    bundle: true,
    format: 'esm',
    splitting: true,
    platform: 'browser',
    target: 'es2022',
    // The Wasm loader reaches for node: modules only when it runs in Node.
    external: ['node:*'],
    sourcemap: true,
    minify: true,
    logLevel: 'warning',
  });
  for (const file of ['index.html', 'styles.css']) await copyFile(source(file), `${output}${file}`);
  const wasm = fileURLToPath(buildUrl('wasm/'));
  for (const file of await readdir(wasm)) {
    if (file.endsWith('.wasm')) await copyFile(`${wasm}${file}`, `${output}wasm/${file}`);
  }
}

if (import.meta.url === new URL(process.argv[1]!, 'file://').href) {
  buildSite().then(() => process.stdout.write(`built ${output}\n`), (error: unknown) => {
    process.stderr.write(`build:web: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
