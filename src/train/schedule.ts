// How many steps a run takes, its learning rate, and which steps are logged.
import { defaultLearningRate, type RunOptions } from '../config/options.js';

export interface Schedule {
  steps: number;
  lr: number;
  logEvery: number;
  /** whether step k is logged (step 0 and the last step always are) */
  logs(step: number): boolean;
}

/**
 * The schedule of a run. With until = tau1 (gd only) the run ends at t = steps * lr = tau_1:
 * lr = tau_1 / steps (steps default 100), or, when an lr is given, as many steps of it as
 * reach tau_1 (rounded up).
 */
export function makeSchedule(options: RunOptions, tau1: number): Schedule {
  let steps: number, lr: number;
  if (options.until === 'tau1') {
    steps = options.steps ?? (options.lr === null ? 100 : Math.ceil(tau1 / options.lr - 1e-9));
    lr = options.lr ?? tau1 / steps;
  } else {
    steps = options.steps ?? 200;
    lr = options.lr ?? defaultLearningRate(options);
  }
  const logEvery = options.logEvery ?? Math.max(1, Math.round(steps / 20));
  return { steps, lr, logEvery, logs: (step) => step % logEvery === 0 || step === steps };
}
