// Messages between the page and its Web Worker. Training runs in the worker so the page stays
// responsive; the page stops a run by terminating the worker and starting a fresh one.
import type { LogEntry, RunRecord } from '../train/record.js';
import type { SearchLine } from '../sweep/execute.js';

export type Request =
  | { type: 'train'; id: number; options: Record<string, unknown>; backend: 'wasm' | 'js' }
  | { type: 'sweep'; id: number; options: Record<string, unknown>; Ks: number[]; seeds: number; search: boolean }
  | { type: 'compare'; id: number; options: Record<string, unknown> };

export type Reply =
  | { type: 'ready'; variant: string }
  | { type: 'log'; id: number; entry: LogEntry }
  | { type: 'done'; id: number; record: RunRecord }
  | { type: 'progress'; id: number; message: string }
  | { type: 'sweep-done'; id: number; records: RunRecord[]; searches: SearchLine[] }
  | { type: 'compare-done'; id: number; wasmMs: number; jsMs: number; variant: string }
  | { type: 'error'; id: number | null; message: string };
