// The browser page renders the same figure specs and summaries live, so the modules behind
// them must not reach Node's APIs: follow their imports (type-only ones are erased) and look.
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const SOURCE = fileURLToPath(new URL('../../src/', import.meta.url));
const ENTRIES = ['report/figures.ts', 'report/html.ts', 'report/csv.ts', 'report/render.ts', 'sweep/aggregate-summary.ts'];
const NODE = new Set(builtinModules);

/** Every module an entry imports at run time, with the Node built-ins it names. */
function nodeImports(entries: readonly string[]): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const seen = new Set<string>();
  const visit = (path: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    const text = readFileSync(path, 'utf8');
    for (const match of text.matchAll(/^(?:import|export)\s+(?!type\s)[^;]*?from\s+'([^']+)'/gms)) {
      const specifier = match[1]!;
      if (specifier.startsWith('.')) visit(join(dirname(path), specifier.replace(/\.js$/, '.ts')));
      else if (specifier.startsWith('node:') || NODE.has(specifier)) found.set(relative(SOURCE, path), [...(found.get(relative(SOURCE, path)) ?? []), specifier]);
    }
  };
  for (const entry of entries) visit(join(SOURCE, entry));
  return found;
}

it('keeps the figure specs, the page and the summary free of Node APIs', () => {
  expect(Object.fromEntries(nodeImports(ENTRIES))).toEqual({});
  // the check sees what it should: the directory reader does use node:fs
  expect(nodeImports(['report/sweep-directory.ts']).get('report/sweep-directory.ts')).toContain('node:fs');
});
