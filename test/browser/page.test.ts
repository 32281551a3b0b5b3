// The browser page end to end in Debian's headless Chromium (driven by playwright-core, never a
// downloaded browser): it loads, trains a fixed configuration to the same numbers as the Node
// library with the same Wasm variant, times Wasm against JS, and logs no console error.
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { loadBackend } from '../../src/backend/index.js';
import { parseRunOptions } from '../../src/config/options.js';
import { trainGenerated } from '../../src/train/run.js';
import { serveSite, type SiteServer } from '../../src/site/server.js';
import type { Metrics } from '../../src/train/evaluate.js';

const CHROMIUM = '/usr/bin/chromium';
const SITE = fileURLToPath(new URL('../../build/web/', import.meta.url));
const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));
const available = existsSync(CHROMIUM);
if (!available) console.warn(`browser tests skipped: ${CHROMIUM} is missing (Debian package chromium; .ci/run installs it)`);

describe.skipIf(!available)('the browser page', () => {
  let site: SiteServer, browser: Browser, page: Page;
  const problems: string[] = [];
  let interactiveMs = 0;

  beforeAll(async () => {
    site = await serveSite(SITE, 0);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 1200, height: 1000 } });
    page.on('console', (message) => { if (message.type() === 'error') problems.push(`console: ${message.text()}`); });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    await page.goto(site.url);
    // Interactive: the worker has loaded the Wasm core and said which variant runs.
    await page.waitForFunction(() => Boolean(document.querySelector<HTMLElement>('[data-testid=variant]')?.dataset['variant']));
    interactiveMs = await page.evaluate(() => performance.now());
  });

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it('trains a fixed configuration to the numbers the Node library gives', async () => {
    const variant = await page.getAttribute('[data-testid=variant]', 'data-variant');
    expect(['relaxed-simd', 'simd']).toContain(variant);
    await page.fill('input[name=seed]', '3');
    await page.fill('input[name=K]', '4');
    await page.click('[data-testid=run]');
    await page.waitForSelector('[data-testid=final-test-loss]');
    const shown = await page.$$eval('[data-testid^=final-]', (cells) => Object.fromEntries(cells.map((cell) => [cell.getAttribute('data-testid'), cell.getAttribute('data-value')])));
    const runMs = Number((await page.textContent('[data-testid=status]'))!.match(/in (\d+) ms/)![1]);

    const record = trainGenerated(parseRunOptions({ K: 4, Q: 100, d: 64, v: 0.1, lb: 0.5, seed: 3, lr: 0.5, steps: 200, beta: 1 }),
      await loadBackend({ variant: variant as 'relaxed-simd' | 'simd' }));
    const final = record.final!;
    const expected: Record<string, number | null> = {
      'final-test-worst_value_error': Math.max(...final.per_value_test_error), 'final-weight_change': final.weight_change,
    };
    for (const split of ['train', 'test'] as const) {
      for (const [name, value] of Object.entries(final[split])) expected[`final-${split}-${name}`] = value as number | null;
    }
    let compared = 0;
    for (const [testId, text] of Object.entries(shown)) {
      expect(testId! in expected, `${testId} is a number the library gives`).toBe(true);
      const value = expected[testId!]!;
      if (value === null) { expect(text).toBe(''); continue; }
      expect(Math.abs(Number(text) - value), `${testId}: page ${text}, node ${value}`).toBeLessThanOrEqual(1e-4 * Math.max(1, Math.abs(value)));
      compared++;
    }
    expect(compared).toBeGreaterThanOrEqual(18);
    console.log(`browser: interactive after ${interactiveMs.toFixed(0)} ms; default run (K=4, Q=100, d=64, 200 steps) ${runMs} ms in the worker`);
  });

  it('times the same run on Wasm and on JS', async () => {
    await page.click('[data-testid=compare]');
    await page.waitForSelector('[data-testid=comparison][data-wasm-ms]', { timeout: 30_000 });
    const wasmMs = Number(await page.getAttribute('[data-testid=comparison]', 'data-wasm-ms'));
    const jsMs = Number(await page.getAttribute('[data-testid=comparison]', 'data-js-ms'));
    expect(wasmMs).toBeGreaterThan(0);
    expect(jsMs).toBeGreaterThan(0);
    console.log(`browser: Wasm ${wasmMs.toFixed(1)} ms, JS ${jsMs.toFixed(1)} ms (${(jsMs / wasmMs).toFixed(1)}x)`);
  });

  it('draws live curves, and the K sweep\'s Figure 5 and Figure 4 with the report\'s specs', async () => {
    expect(await page.locator('#curves svg').count()).toBe(1);
    for (const [name, value] of [['Q', '20'], ['d', '24'], ['steps', '60'], ['v', '0.3']]) await page.fill(`input[name=${name}]`, value!);
    await page.click('[data-testid=sweep]');
    await page.waitForSelector('#figure4 svg', { timeout: 60_000 });
    const figure5 = await page.textContent('#figure5 svg');
    expect(figure5).toContain('Figure 5 analogue');
    for (const K of ['K=1', 'K=2', 'K=4', 'K=8', 'K=16']) expect(figure5).toContain(K);
    expect(await page.textContent('#figure4 svg')).toContain('Figure 4 analogue');
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: `${ARTIFACTS}page.png`, fullPage: true });
    for (const [name, value] of [['Q', '100'], ['d', '64'], ['steps', '200'], ['v', '0.1']]) await page.fill(`input[name=${name}]`, value!);
  });

  it('draws Theorem 4.2\'s band for a run inside its conditions, until tau_1', async () => {
    for (const [name, value] of [['K', '2'], ['Q', '64'], ['d', '320'], ['v', '0.00390625'], ['steps', '50']]) await page.fill(`input[name=${name}]`, value!);
    await page.check('input[name=until]');
    await page.click('[data-testid=run]');
    await page.waitForFunction(() => document.querySelector('[data-testid=status]')?.textContent?.startsWith('done'));
    await page.waitForFunction(() => document.querySelector('#curves svg')?.textContent?.includes('gray: Theorem 4.2'));
    await page.uncheck('input[name=until]');
    for (const [name, value] of [['K', '4'], ['Q', '100'], ['d', '64'], ['v', '0.1'], ['steps', '200']]) await page.fill(`input[name=${name}]`, value!);
  });

  it('stops a long run and stays usable', async () => {
    await page.fill('input[name=steps]', '5000000');
    await page.click('[data-testid=run]');
    await page.waitForFunction(() => /^step \d+/.test(document.querySelector('[data-testid=status]')?.textContent ?? ''));
    await page.click('[data-testid=stop]');
    expect(await page.textContent('[data-testid=status]')).toMatch(/^stopped after step \d+/);
    await page.fill('input[name=steps]', '200');
    await page.click('[data-testid=run]');
    await page.waitForFunction(() => document.querySelector('[data-testid=status]')?.textContent?.startsWith('done'));
  });

  it('shows a bad option by name instead of running', async () => {
    await page.fill('input[name=K]', '0');
    await page.click('[data-testid=run]');
    expect(await page.textContent('[data-testid=status]')).toMatch(/K: Too small: expected number to be >=1/);
    await page.fill('input[name=K]', '4');
  });

  it('logged no console error', () => {
    expect(problems).toEqual([]);
  });
});
