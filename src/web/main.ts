// The browser page: a form of run options, a Web Worker that trains with the Wasm core,
// live curves, a small K sweep, the Wasm-vs-JS timing and the JSON export.
import { parseRunOptions } from '../config/options.js';
import type { Metrics } from '../train/evaluate.js';
import type { LogEntry, RunRecord } from '../train/record.js';
import { drawCurves, drawSweep } from './charts.js';
import type { Reply, Request } from './protocol.js';
import { browserSweeps } from './browser-sweep.js';

const SWEEP_KS = [1, 2, 4, 8, 16];
const SWEEP_SEEDS = 2;

const element = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const form = element<HTMLFormElement>('options');
const status = element<HTMLParagraphElement>('status');
const buttons = {
  run: element<HTMLButtonElement>('run'), stop: element<HTMLButtonElement>('stop'), sweep: element<HTMLButtonElement>('sweep'),
  compare: element<HTMLButtonElement>('compare'), export: element<HTMLButtonElement>('export'),
};

let worker: Worker;
let nextId = 1;
let running: number | null = null;
let log: LogEntry[] = [];
let lastRecord: RunRecord | null = null;

function say(message: string, isError = false): void {
  status.textContent = message;
  status.classList.toggle('error', isError);
}

function startWorker(): void {
  worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
  worker.onmessage = (event: MessageEvent<Reply>) => handle(event.data);
  worker.onerror = (event) => { say(`worker error: ${event.message}`, true); finish(); };
}

/** The options in the form, validated by the same schema as the CLI. */
function readOptions(): Record<string, unknown> | null {
  const data = new FormData(form);
  const options: Record<string, unknown> = {};
  for (const [name, value] of data.entries()) {
    const text = String(value).trim();
    const field = form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement;
    options[name] = field instanceof HTMLInputElement && field.type === 'number' ? (text === '' ? NaN : Number(text)) : text;
  }
  // Until tau_1 the schedule sets the learning rate: tau_1 / steps.
  if (options['until'] === 'tau1') delete options['lr'];
  try {
    parseRunOptions(options);
    return options;
  } catch (error) {
    say((error as Error).message, true);
    return null;
  }
}

/** A request before the page gives it an id (Omit spread over each kind of request). */
type Unnumbered<T> = T extends unknown ? Omit<T, 'id'> : never;

function send(request: Unnumbered<Request>, message: string): void {
  running = nextId++;
  worker.postMessage({ ...request, id: running } as Request);
  for (const button of [buttons.run, buttons.sweep, buttons.compare]) button.disabled = true;
  buttons.stop.disabled = false;
  say(message);
}

function finish(): void {
  running = null;
  for (const button of [buttons.run, buttons.sweep, buttons.compare]) button.disabled = false;
  buttons.stop.disabled = true;
}

function handle(reply: Reply): void {
  if (reply.type === 'ready') {
    element('variant').textContent = `WebAssembly, ${reply.variant === 'relaxed-simd' ? 'relaxed SIMD (fused multiply-add)' : 'plain SIMD'}`;
    element('variant').dataset['variant'] = reply.variant;
    return;
  }
  if (reply.id !== running && reply.id !== null) return;
  switch (reply.type) {
    case 'log':
      log.push(reply.entry);
      drawCurves(element('curves'), log, lastOptions);
      say(`step ${reply.entry.step}: test accuracy ${reply.entry.test.acc.toFixed(3)}`);
      break;
    case 'done':
      lastRecord = reply.record;
      showFinal(reply.record);
      drawCurves(element('curves'), reply.record.log, lastOptions);
      buttons.export.disabled = false;
      say(`done: ${reply.record.schedule!.completed_steps} steps in ${reply.record.timing!.ms.toFixed(0)} ms`);
      finish();
      break;
    case 'progress':
      say(reply.message);
      break;
    case 'sweep-done':
      void drawSweep(element('figure5'), element('figure4'), reply.records, reply.searches, browserSweeps(lastOptions, SWEEP_KS, SWEEP_SEEDS));
      say(`K sweep done: ${reply.records.length} runs${reply.searches.length ? `, Q* searched for ${reply.searches.length} values of K` : ''}`);
      finish();
      break;
    case 'compare-done': {
      const text = element('comparison');
      text.textContent = `Wasm (${reply.variant}): ${reply.wasmMs.toFixed(1)} ms, JS: ${reply.jsMs.toFixed(1)} ms, Wasm is ${(reply.jsMs / reply.wasmMs).toFixed(1)}x faster`;
      text.dataset['wasmMs'] = String(reply.wasmMs);
      text.dataset['jsMs'] = String(reply.jsMs);
      say('timing done');
      finish();
      break;
    }
    case 'error':
      say(reply.message, true);
      finish();
      break;
  }
}

const ROWS: Array<[string, keyof Metrics]> = [
  ['loss', 'loss'], ['reward accuracy', 'acc'], ['mean margin', 'margin'], ['min margin', 'margin_min'], ['max margin', 'margin_max'],
  ['chosen reward', 'chosen'], ['rejected reward', 'rejected'], ['ranking accuracy', 'ranking_acc'],
];

function cell(value: number | null, testId: string): string {
  const shown = value === null ? '-' : Math.abs(value) >= 1e4 || (value !== 0 && Math.abs(value) < 1e-3) ? value.toExponential(3) : value.toFixed(4);
  return `<td data-testid="${testId}" data-value="${value === null ? '' : String(value)}">${shown}</td>`;
}

function showFinal(record: RunRecord): void {
  const final = record.final!;
  const rows = ROWS.map(([label, key]) => `<tr><th>${label}</th>${cell(final.train[key], `final-train-${key}`)}${cell(final.test[key], `final-test-${key}`)}</tr>`);
  rows.push(`<tr><th>worst value error</th><td></td>${cell(Math.max(...final.per_value_test_error), 'final-test-worst_value_error')}</tr>`);
  rows.push(`<tr><th>‖W − W0‖</th>${cell(final.weight_change, 'final-weight_change')}<td></td></tr>`);
  element('final').querySelector('tbody')!.innerHTML = rows.join('');
  element('timing').textContent = `${record.backend.name} (${record.backend.variant}): ${record.timing!.steps_per_second.toFixed(0)} steps/s`;
}

let lastOptions: Record<string, unknown> = {};

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const options = readOptions();
  if (!options) return;
  lastOptions = options;
  log = [];
  send({ type: 'train', options, backend: 'wasm' }, 'training…');
});

buttons.stop.addEventListener('click', () => {
  worker.terminate();
  startWorker();
  say(`stopped${log.length ? ` after step ${log[log.length - 1]!.step}` : ''}`);
  finish();
});

buttons.sweep.addEventListener('click', () => {
  const options = readOptions();
  if (!options) return;
  lastOptions = options;
  send({ type: 'sweep', options, Ks: SWEEP_KS, seeds: SWEEP_SEEDS, search: true }, 'K sweep…');
});

buttons.compare.addEventListener('click', () => {
  const options = readOptions();
  if (!options) return;
  send({ type: 'compare', options }, 'timing the run on Wasm and on JS…');
});

buttons.export.addEventListener('click', () => {
  if (!lastRecord) return;
  const url = URL.createObjectURL(new Blob([`${JSON.stringify(lastRecord, null, 1)}\n`], { type: 'application/json' }));
  const link = Object.assign(document.createElement('a'), { href: url, download: `dposcale-${lastRecord.id}.json` });
  link.click();
  URL.revokeObjectURL(url);
});

startWorker();
// The moment the page can take input, for the load-time measurement.
(window as unknown as { dposcaleReadyAt: number }).dposcaleReadyAt = performance.now();
