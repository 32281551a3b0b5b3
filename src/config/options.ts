// Every option of a run, its allowed range, its default and its help text, in one schema.
// The CLI (flags are generated from it), the sweep configs (`base` and `grid`) and the
// browser page all validate through it, so a bad value gets the same message everywhere:
// the field, the allowed range, the value given.
import { z } from 'zod';
import { LOSSES, type LossName } from '../backend/backend.js';

const count = (min: number) => z.number().int().min(min);

/** How the synthetic preference data is drawn (theory.md §3). */
export const dataShape = {
  K: count(1).default(4).describe('number of values'),
  Q: count(1).default(100).describe('training samples per cluster (two clusters per value, N = 2 K Q)'),
  test: count(1).default(100).describe('test samples per cluster'),
  d: count(1).default(64).describe('hidden size'),
  v: z.number().min(0).default(0.1).describe('cluster noise standard deviation'),
  lb: z.number().min(0).default(0.5).describe('norm of the shared component b'),
  tokens: z.string().regex(/^(disjoint|yes-no|shared:[1-9][0-9]*)$/, 'must be disjoint, yes-no or shared:Z with Z >= 1')
    .default('disjoint').describe('response tokens: disjoint (2K tokens), shared:Z (a token in at most Z values), yes-no (one pair for all)'),
  V: count(0).default(0).describe('vocabulary size (0: just the tokens the layout uses; more adds unused tokens)'),
  axes: z.boolean().default(false).describe('put b and the concepts on the standard axes (default: a random orthonormal frame)'),
  conceptCos: z.number().min(-1).max(1).nullable().default(null).describe('pairwise cosine between concept vectors (default: orthogonal)'),
  delta: z.number().min(0).lt(0.5).nullable().default(null).describe('approximately orthogonal concepts (Appendix C), 0 <= delta < 1/2'),
  imbalance: z.number().min(0).default(0).describe('Zipf exponent of the per-value group sizes (0: equal)'),
  flip: z.number().min(0).max(1).default(0).describe('probability that a training pair is swapped (annotator noise)'),
  w0Scale: z.number().min(0).default(0).describe('std of the reference weights W0 entries (0: W0 = 0)'),
  L: count(1).max(1024).default(1).describe('response length in tokens (L > 1: multi-token responses, theory.md §5)'),
  prefix: count(0).default(0).describe('tokens the preferred and rejected responses share at their start (L_p < L)'),
  gamma: z.number().min(0).default(0).describe('weight of the previous tokens\' embeddings in a position\'s hidden state'),
  vpos: z.number().min(0).default(0).describe('std of the position noise, drawn once per distinct context'),
  seed: z.number().int().min(0).default(0).describe('seed of the data and of the minibatch order'),
};

/** How training runs (theory.md §1-2). */
export const trainingShape = {
  data: z.string().min(1).nullable().default(null).describe('train on a dataset directory instead of generated data'),
  loss: z.enum(LOSSES as readonly LossName[] as [LossName, ...LossName[]]).default('dpo').describe(`objective: ${LOSSES.join(', ')}`),
  eps: z.number().min(0).lt(0.5).default(0.1).describe('label smoothing of cdpo and robust, 0 <= eps < 1/2'),
  beta: z.number().positive().default(1).describe('beta of the reward margin'),
  optimizer: z.enum(['gd', 'adam']).default('gd').describe('gd (gradient descent) or adam (PyTorch semantics)'),
  lr: z.number().positive().nullable().default(null).describe('learning rate (default 0.5 for gd, 1e-3 for adam; tau_1/steps with until tau1)'),
  steps: count(1).nullable().default(null).describe('number of updates (default 200, or 100 with until tau1)'),
  until: z.enum(['tau1']).nullable().default(null).describe('tau1: gd until the theorem\'s time tau_1'),
  batchSize: count(1).nullable().default(null).describe('minibatch size, shuffled, one pass per epoch (default: full batch)'),
  logEvery: count(1).nullable().default(null).describe('log metrics every this many steps (default: about 20 logs)'),
  space: z.enum(['weight', 'margin']).default('weight').describe('weight: train W; margin: iterate Lemma 4.1 on the margins'),
  adamBeta1: z.number().min(0).lt(1).default(0.9).describe('Adam beta1'),
  adamBeta2: z.number().min(0).lt(1).default(0.999).describe('Adam beta2'),
  adamEps: z.number().positive().default(1e-8).describe('Adam eps (outside the square root, as PyTorch)'),
  sft: z.number().min(0).default(0).describe('alpha of the SFT/RPO term alpha * mean -log pi(y_w | x), added to the loss'),
  protocol: z.enum(['reference']).nullable().default(null)
    .describe('reference: the paper\'s last-layer run (Adam, lr 1e-3, beta 0.01, full batch, 100 steps, a log every step) on all pairs, train_ and test_ pooled and split 90/10 by --split'),
  split: z.enum(['per-value', 'global']).default('per-value')
    .describe('how --protocol reference splits the pooled pairs 90/10 (seeded by --seed): per-value (within each value) or global (all values at once)'),
};

export const runSchema = z.object({ ...dataShape, ...trainingShape }).strict();

export type RunOptions = z.infer<typeof runSchema>;
export type DataOptions = Pick<RunOptions, keyof typeof dataShape>;

export class OptionsError extends RangeError {
  override name = 'OptionsError';
}

/** How a field is named in messages: `K` in configs, `--K` on the command line. */
export type FieldNamer = (path: string) => string;

/** One line per problem, each naming the field, what is allowed and the value given. */
export function describeIssues(error: z.ZodError, name: FieldNamer = (path) => path): string {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      const prefix = path ? `${name(path)}.` : '';
      return `unknown option${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `'${prefix}${k}'`).join(', ')}`;
    }
    const given = 'input' in issue && issue.input !== undefined ? ` (got ${JSON.stringify(issue.input)})` : '';
    return `${name(path) || 'options'}: ${issue.message}${given}`;
  }).join('\n');
}

/** Validates options, fills defaults, and checks the rules that tie fields together. */
export function parseRunOptions(input: unknown, name: FieldNamer = (path) => path): RunOptions {
  const result = runSchema.safeParse(input, { reportInput: true });
  if (!result.success) throw new OptionsError(describeIssues(result.error, name));
  const options = result.data;
  if (options.until === 'tau1' && options.optimizer !== 'gd') {
    throw new OptionsError(`${name('until')}: tau1 is a time of gradient flow, so it needs optimizer gd (Adam's steps have no such time scale)`);
  }
  if (options.until === 'tau1' && options.lr !== null && options.steps !== null) {
    throw new OptionsError(`${name('until')}: with tau1 the run ends at t = steps * lr = tau_1, so give lr or steps, not both`);
  }
  if (options.space === 'margin' && (options.optimizer !== 'gd' || options.batchSize !== null)) {
    throw new OptionsError(`${name('space')}: margin space iterates Lemma 4.1, which is full-batch gradient descent: use optimizer gd without batchSize`);
  }
  if (options.prefix >= options.L) {
    throw new OptionsError(`${name('prefix')}: the responses share their first prefix tokens and must differ after them, so prefix must be below L = ${options.L} (got ${options.prefix})`);
  }
  if (options.L > 1 && options.tokens !== 'disjoint') {
    throw new OptionsError(`${name('tokens')}: multi-token responses are drawn uniformly from the vocabulary (theory.md §5), so the token layout applies to L = 1 only (got '${options.tokens}' with L = ${options.L})`);
  }
  if (options.L === 1 && options.vpos > 0) {
    throw new OptionsError(`${name('vpos')}: position noise is drawn per context of a multi-token response (L > 1); with L = 1 the prompt's noise is v (got vpos ${options.vpos})`);
  }
  const multiToken = options.L > 1 || options.sft > 0;
  if (multiToken && options.space === 'margin') {
    throw new OptionsError(`${name('space')}: margin space iterates Lemma 4.1, which covers single-token responses without an SFT term: use space weight with L > 1 or sft > 0`);
  }
  if (multiToken && options.batchSize !== null) {
    throw new OptionsError(`${name('batchSize')}: the multi-token path (L > 1 or sft > 0) trains full batch; leave batchSize unset`);
  }
  if (options.conceptCos !== null && options.delta !== null) {
    throw new OptionsError(`${name('conceptCos')}: choose conceptCos or delta, not both`);
  }
  return options.protocol === 'reference' ? withReferenceProtocol(options, input, name) : refuseSplitAlone(options, input, name);
}

/** What --protocol reference fixes (theory.md §6): the reference code's last-layer run, PyTorch Adam defaults. */
export const REFERENCE_PROTOCOL = {
  loss: 'dpo', optimizer: 'adam', lr: 1e-3, beta: 0.01, steps: 100, batchSize: null, logEvery: 1, until: null, space: 'weight',
  adamBeta1: 0.9, adamBeta2: 0.999, adamEps: 1e-8,
} as const satisfies Partial<RunOptions>;

/** Whether the caller set a field (zod fills defaults, so the parsed options cannot tell). */
function given(input: unknown, field: string): boolean {
  return typeof input === 'object' && input !== null && (input as Record<string, unknown>)[field] !== undefined;
}

/** The protocol's settings; a field set to anything else is refused, not silently overridden. */
function withReferenceProtocol(options: RunOptions, input: unknown, name: FieldNamer): RunOptions {
  for (const [field, value] of Object.entries(REFERENCE_PROTOCOL)) {
    const chosen = options[field as keyof RunOptions];
    if (given(input, field) && chosen !== value) {
      throw new OptionsError(`${name(field)}: ${name('protocol')} reference fixes it to ${JSON.stringify(value)} (got ${JSON.stringify(chosen)}); drop one of the two`);
    }
  }
  return { ...options, ...REFERENCE_PROTOCOL };
}

/** A split other than the default without the protocol would do nothing: say so. (The default is accepted: records list every field.) */
function refuseSplitAlone(options: RunOptions, input: unknown, name: FieldNamer): RunOptions {
  if (given(input, 'split') && options.split !== 'per-value') throw new OptionsError(`${name('split')}: only used with protocol reference (which pools the pairs and splits them itself)`);
  return options;
}

/** The learning rate a run uses when none was given and it does not run until tau1. */
export function defaultLearningRate(options: Pick<RunOptions, 'optimizer'>): number {
  return options.optimizer === 'adam' ? 1e-3 : 0.5;
}
