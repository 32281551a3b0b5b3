// The result record of one training run, schema dposcale-run/1 (architecture.md). Sweeps
// write one per line; fields may be added, never renamed.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { Metrics } from './evaluate.js';

export const RUN_SCHEMA = 'dposcale-run/1';

export interface LogEntry {
  step: number;
  /** k * lr: the gradient-flow time for gd with tau = 1 */
  t: number;
  train: Metrics;
  test: Metrics;
  per_value_test_error: number[];
  per_value_train_error: number[];
  /** ||W - W0|| (Frobenius); null in margin space, where W is never formed */
  weight_change: number | null;
  /** multi-token runs: the mean token reward at each position 1..L of each response */
  per_position_reward?: { train: PositionRewards; test: PositionRewards };
}

export interface PositionRewards {
  chosen: number[];
  rejected: number[];
}

export interface RunRecord {
  schema: typeof RUN_SCHEMA;
  id: string;
  version: string;
  /** every option, defaults filled in (null where the schedule decides: see `schedule`) */
  config: Record<string, unknown>;
  /** the seed the data and minibatch order were drawn with (config.seed, or derived from a sweep cell's id) */
  data_seed: number;
  /** what the run resolved from the options: steps, lr, logging interval, steps actually taken */
  schedule: { steps: number; lr: number; log_every: number; completed_steps: number } | null;
  backend: { name: string; variant: string };
  log: LogEntry[];
  final: LogEntry | null;
  bounds: Record<string, unknown> | null;
  timing: { ms: number; train_ms: number; data_ms?: number; steps_per_second: number } | null;
  /** multi-token runs add the backend's bytes at the end of training and the chunk of logits they worked in */
  memory: { wasm_bytes: number; backend_bytes?: number; chunk_rows?: number; chunk_bytes?: number } | null;
  /** Section 7's failure modes (failure-modes.ts) */
  failure_modes?: Record<string, unknown> | null;
  error: string | null;
}

/** JSON with object keys sorted at every depth: equal objects give equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The first 16 hex digits of SHA-256 of the canonical JSON: a run's id, from its options alone. */
export function configId(config: unknown): string {
  return bytesToHex(sha256(new TextEncoder().encode(canonicalJson(config)))).slice(0, 16);
}
