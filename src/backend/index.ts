// Choosing a backend by name: the one entry point the rest of the program uses.
import type { Backend } from './backend.js';
import { JsBackend } from './js.js';
import { loadWasmBackend } from './wasm.js';
import type { WasmLoadOptions } from './wasm-loader.js';

export type BackendName = 'wasm' | 'js';

export interface BackendOptions extends WasmLoadOptions {
  backend?: BackendName;
}

/** The Wasm core (default) or its plain-JS twin. */
export async function loadBackend(options: BackendOptions = {}): Promise<Backend> {
  const name = options.backend ?? 'wasm';
  if (name === 'js') return new JsBackend();
  if (name === 'wasm') return loadWasmBackend(options);
  throw new RangeError(`backend must be 'wasm' or 'js', got ${String(name)}`);
}

export type {
  Backend, Float32Block, Int32Block, Layout, LossName, MarginSummary, DpoStepArguments, Variant,
  SequenceWeightsArguments, SequenceRewardsArguments, SequenceSummary, ReversedPairs,
} from './backend.js';
export { LOSSES, LAYOUTS } from './backend.js';
export { ShapeError } from './checks.js';
export { JsBackend } from './js.js';
export { WasmBackend } from './wasm.js';
