// Charts on the page: vega and vega-lite are loaded on first use, so the page is interactive
// before the charting code has even arrived.
import type { RunRecord, LogEntry } from '../train/record.js';
import type { SearchOutcome } from '../sweep/search.js';

export function drawCurves(_target: HTMLElement, _log: readonly LogEntry[], _options: Record<string, unknown>): void {}

export function drawSweep(_figure5: HTMLElement, _figure4: HTMLElement, _records: readonly RunRecord[],
  _searches: ReadonlyArray<{ K: number; outcome: SearchOutcome }>, _options: Record<string, unknown>): void {}
