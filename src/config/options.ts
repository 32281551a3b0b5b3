// Every option of a run, its allowed range and its default, in one schema. The CLI, the
// sweep configs (`base` and `grid`) and the browser page all validate through it, so a bad
// value gets the same message everywhere: the field, the allowed range, the value given.
import { z } from 'zod';
import { LOSSES } from '../backend/backend.js';

const count = (min: number) => z.number().int().min(min);
const probability = z.number().min(0).max(1);

/** How the synthetic preference data is drawn (theory.md §3). */
export const dataShape = {
  /** number of values */
  K: count(1).default(4),
  /** training samples per cluster (two clusters per value) */
  Q: count(1).default(100),
  /** test samples per cluster */
  test: count(1).default(100),
  /** hidden size */
  d: count(1).default(64),
  /** cluster noise standard deviation */
  v: z.number().min(0).default(0.1),
  /** norm of the shared component b */
  lb: z.number().min(0).default(0.5),
  /** response-token layout: disjoint, shared:Z or yes-no */
  tokens: z.string().regex(/^(disjoint|yes-no|shared:[1-9][0-9]*)$/, 'must be disjoint, yes-no or shared:Z with Z >= 1').default('disjoint'),
  /** vocabulary size; 0 = just the tokens the layout uses */
  V: count(0).default(0),
  /** directions of b and the concepts: a random orthonormal frame, or the standard axes */
  axes: z.boolean().default(false),
  /** pairwise cosine between concept vectors (null: orthogonal) */
  conceptCos: z.number().min(-1).max(1).nullable().default(null),
  /** delta of Appendix C's approximately orthogonal concepts (null: exactly orthogonal) */
  delta: z.number().min(0).lt(0.5).nullable().default(null),
  /** Zipf exponent of the per-value group sizes (0: equal sizes) */
  imbalance: z.number().min(0).default(0),
  /** probability that a training pair's responses are swapped (annotator noise) */
  flip: probability.default(0),
  /** scale of the random reference weights W0 (0: W0 = 0) */
  w0Scale: z.number().min(0).default(0),
  /** seed of the data and of minibatch order */
  seed: z.number().int().min(0).default(0),
};

/** How training runs (theory.md §1-2). */
export const trainingShape = {
  loss: z.enum(LOSSES as [string, ...string[]]).default('dpo'),
  /** label-smoothing eps of cdpo and robust */
  eps: z.number().min(0).lt(0.5).default(0.1),
  beta: z.number().positive().default(1),
  optimizer: z.enum(['gd', 'adam']).default('gd'),
  /** learning rate; null: 0.5 for gd, 1e-3 for adam, tau_1 / steps with until = tau1 */
  lr: z.number().positive().nullable().default(null),
  steps: count(1).default(200),
  /** 'tau1': gd to the theorem's time tau_1 in `steps` steps */
  until: z.enum(['tau1']).nullable().default(null),
  /** minibatch size (null: full batch) */
  batchSize: count(1).nullable().default(null),
  /** log metrics every this many steps (null: about 20 logs per run) */
  logEvery: count(1).nullable().default(null),
  /** train W (weight) or iterate Lemma 4.1 on the margins (margin) */
  space: z.enum(['weight', 'margin']).default('weight'),
  adamBeta1: z.number().min(0).lt(1).default(0.9),
  adamBeta2: z.number().min(0).lt(1).default(0.999),
  adamEps: z.number().positive().default(1e-8),
};

export const runSchema = z.object({ ...dataShape, ...trainingShape }).strict();

export type RunOptions = z.infer<typeof runSchema>;
export type DataOptions = Pick<RunOptions, keyof typeof dataShape>;

export class OptionsError extends RangeError {
  override name = 'OptionsError';
}

/** A readable one-line-per-problem message from a zod error, each line naming the field. */
export function describeIssues(error: z.ZodError, prefix = ''): string {
  return error.issues.map((issue) => {
    const field = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    if (issue.code === 'unrecognized_keys') {
      return `${field ? `${field}: ` : ''}unknown option${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `'${k}'`).join(', ')}`;
    }
    return `${field || 'options'}: ${issue.message}`;
  }).join('\n');
}

/** Validates options, fills defaults, and checks the rules that tie fields together. */
export function parseRunOptions(input: unknown, prefix = ''): RunOptions {
  const result = runSchema.safeParse(input);
  if (!result.success) throw new OptionsError(describeIssues(result.error, prefix));
  const options = result.data;
  const at = (field: string) => (prefix ? `${prefix}.${field}` : field);
  if (options.until === 'tau1' && options.optimizer !== 'gd') {
    throw new OptionsError(`${at('until')}: tau1 is the time of gradient flow, so it needs optimizer gd (Adam's steps have no such time scale)`);
  }
  if (options.space === 'margin' && (options.optimizer !== 'gd' || options.batchSize !== null)) {
    throw new OptionsError(`${at('space')}: margin space iterates Lemma 4.1, which is full-batch gradient descent: use optimizer gd without batchSize`);
  }
  if (options.conceptCos !== null && options.delta !== null) {
    throw new OptionsError(`${at('conceptCos')}: choose conceptCos or delta, not both`);
  }
  return options;
}

/** The learning rate a run uses when none was given. */
export function defaultLearningRate(options: Pick<RunOptions, 'optimizer'>): number {
  return options.optimizer === 'adam' ? 1e-3 : 0.5;
}
