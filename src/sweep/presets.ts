// Sweeps that reproduce the paper's experiments on synthetic data (theory.md §2-4 says what
// each should show and why).
import type { SweepConfig } from './config.js';
import { parseSweepConfig, SWEEP_SCHEMA } from './config.js';

/** Figure 5 / Appendix E settings: persona-like yes-no tokens, Adam as in the reference code. */
const personaTraining = {
  tokens: 'yes-no', d: 128, v: 0.4, lb: 0.5, optimizer: 'adam', lr: 1e-3, beta: 0.01, steps: 100,
  Q: 180, test: 20, logEvery: 1,
};

const PRESETS: Record<string, { description: string; config: unknown }> = {
  figure4: {
    description: 'Q*(K): the theorem\'s curve and the empirical smallest Q for test and worst-value error below 0.05, disjoint and yes-no tokens, K = 1..64',
    config: {
      schema: SWEEP_SCHEMA, name: 'figure4',
      base: { d: 128, v: 0.4, lb: 0.5, beta: 1, optimizer: 'gd', until: 'tau1', steps: 100, test: 200, logEvery: 100 },
      grid: { tokens: ['disjoint', 'yes-no'], K: [1, 2, 4, 8, 16, 32, 64] },
      seeds: 5,
      search: [
        { over: 'Q', metric: 'test_error', below: 0.05, min: 2, max: 512 },
        { over: 'Q', metric: 'worst_value_error', below: 0.05, min: 2, max: 512 },
      ],
    },
  },
  figure5: {
    description: 'margins, loss and accuracy against steps for K = 1, 2, 4, 8, 16 (Adam, beta 0.01, 100 steps, yes-no tokens)',
    config: { schema: SWEEP_SCHEMA, name: 'figure5', base: personaTraining, grid: { K: [1, 2, 4, 8, 16] }, seeds: 5 },
  },
  'table-k': {
    description: 'final test error and train margin against K = 1, 2, 4, 8 under the figure5 settings, with the linear fit',
    config: { schema: SWEEP_SCHEMA, name: 'table-k', base: personaTraining, grid: { K: [1, 2, 4, 8] }, seeds: 5 },
  },
};

export const PRESET_NAMES = Object.keys(PRESETS);

export function presetDescription(name: string): string {
  return PRESETS[name]?.description ?? '';
}

export function presetConfig(name: string): SweepConfig {
  const preset = PRESETS[name];
  if (!preset) throw new RangeError(`--preset: unknown preset '${name}' (presets: ${PRESET_NAMES.join(', ')})`);
  return parseSweepConfig(preset.config);
}
