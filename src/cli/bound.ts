// `dposcale bound`: what the paper's theorems promise for one configuration (tau_1, the
// margin sandwich, each probability or "vacuous", every condition by name), or the Figure 4
// curve K -> Q*. Data options default as for `dposcale train`, so the two describe one run.
import { Command } from 'commander';
import type { z } from 'zod';
import { dataShape, trainingShape } from '../config/options.js';
import { figure4Curve, figure4Q } from '../theory/figure4.js';
import { THEOREM_CONDITIONS, THEOREMS, type Theorem } from '../theory/conditions.js';
import { boundSummary, type BoundSummary, type SummaryInput } from '../theory/summary.js';

const CURVE_KS = '1,2,4,8,16,32,64,128';
const THEOREM_LABELS: Record<Theorem, string> = { 'theorem4.2': '4.2', 'theorem4.3': '4.3', appendixB: 'B', appendixC: 'C' };

interface Flags {
  K?: string; Q?: string; d?: string; v?: string; lb?: string; Z?: string; tokens?: string;
  delta?: string; conceptCos?: string; imbalance?: string; flip?: string;
  beta?: string; tau?: string; c?: string; eps?: string; epsB?: string;
  curve?: boolean; json?: boolean;
}

export function boundCommand(): Command {
  return new Command('bound')
    .description("print what the paper's theorems promise for a configuration, or the Figure 4 curve K -> Q*")
    .option('--K <K>', 'number of values (with --curve: a comma-separated list)', '4')
    .option('--Q <Q>', 'training samples per cluster', '100')
    .option('--d <d>', 'hidden size', '64')
    .option('--v <v>', 'cluster noise standard deviation', '0.1')
    .option('--lb <lb>', 'norm of the shared component b', '0.5')
    .option('--tokens <layout>', 'response-token layout: disjoint, shared:Z or yes-no', 'disjoint')
    .option('--Z <Z>', 'most values sharing one response token (default: what --tokens gives)')
    .option('--delta <delta>', "Appendix C's delta of approximately orthogonal concepts")
    .option('--concept-cos <rho>', 'pairwise cosine of the concept vectors')
    .option('--imbalance <s>', 'Zipf exponent of the group sizes')
    .option('--flip <rate>', 'annotator noise: probability a training pair is swapped')
    .option('--beta <beta>', 'beta of the reward margin', '1')
    .option('--tau <tau>', 'time constant of the flow (1 for gradient descent)', '1')
    .option('--c <c>', "Theorem 4.2's unknown constant c (default: keep only the Q^(3/4)/256 term)")
    .option('--eps <eps>', 'test-error level of Theorem 4.3 and Figure 4', '0.05')
    .option('--eps-b <eps>', "Appendix B's deviation eps (default: the largest allowed, 1/(16 v (Z + 2)))")
    .option('--curve', 'print the Figure 4 curve: the smallest Q >= 40 with 2 K Q^2 exp(-Q/45) < eps')
    .option('--json', 'machine-readable output')
    .addHelpText('after', `
Examples:
  $ dposcale bound --K 10 --Q 880 --d 4400 --v 0.001
  $ dposcale bound --K 2 --Q 64 --d 320 --v 0.00390625 --json
  $ dposcale bound --K 8 --Q 100 --tokens yes-no --c 1
  $ dposcale bound --curve --eps 0.05 --K ${CURVE_KS}

Probabilities of 1 or more are printed as "vacuous": the guarantee says nothing there
(Theorem 4.2's failure term stays >= 1 until Q is about 143,000 at K = 1).
`)
    .action((flags: Flags, command: Command) => {
      const explicitK = command.getOptionValueSource('K') === 'cli';
      const output = flags.curve ? curve(flags, explicitK ? flags.K! : CURVE_KS) : single(flags);
      process.stdout.write(flags.json ? `${JSON.stringify(output.json, null, 2)}\n` : output.text);
    });
}

function curve(flags: Flags, Ks: string): { json: unknown; text: string } {
  const eps = parseNumber('eps', flags.eps!, (x) => x > 0 && x <= 1, 'a number in (0, 1]');
  const list = Ks.split(',').map((part) => parse('K', part, dataShape.K));
  const rows = figure4Curve(list, eps);
  const width = Math.max(1, ...list.map((K) => String(K).length));
  const text = `smallest Q >= 40 with 2 K Q^2 exp(-Q/45) < ${eps} (Theorem 4.3, Figure 4)\n`
    + `${'K'.padStart(width)}  Q*\n${rows.map(({ K, Q }) => `${String(K).padStart(width)}  ${Q}`).join('\n')}\n`;
  return { json: { eps, curve: rows }, text };
}

function single(flags: Flags): { json: unknown; text: string } {
  if (flags.K!.includes(',')) throw new Error(`--K: one value unless --curve is given (got '${flags.K}')`);
  const optional = <T>(name: string, raw: string | undefined, schema: z.ZodType<T>): T | null =>
    raw === undefined ? null : parse(name, raw, schema);
  const input: SummaryInput = {
    K: parse('K', flags.K!, dataShape.K),
    Q: parse('Q', flags.Q!, dataShape.Q),
    d: parse('d', flags.d!, dataShape.d),
    v: parse('v', flags.v!, dataShape.v),
    lb: parse('lb', flags.lb!, dataShape.lb),
    tokens: parse('tokens', flags.tokens!, dataShape.tokens, (raw) => raw),
    Z: flags.Z === undefined ? null : parseNumber('Z', flags.Z, (x) => Number.isInteger(x) && x >= 1, 'an integer >= 1'),
    delta: optional('delta', flags.delta, dataShape.delta),
    conceptCos: optional('concept-cos', flags.conceptCos, dataShape.conceptCos),
    imbalance: optional('imbalance', flags.imbalance, dataShape.imbalance) ?? 0,
    flip: optional('flip', flags.flip, dataShape.flip) ?? 0,
    beta: parse('beta', flags.beta!, trainingShape.beta),
    tau: parseNumber('tau', flags.tau!, (x) => x > 0, 'a number > 0'),
    c: flags.c === undefined ? null : parseNumber('c', flags.c, (x) => x > 0, 'a number > 0'),
    eps: flags.epsB === undefined ? null : parseNumber('eps-b', flags.epsB, (x) => x > 0, 'a number > 0'),
  };
  if (input.delta !== null && input.conceptCos !== null) throw new Error('--delta and --concept-cos exclude each other: choose one');
  const eps = parseNumber('eps', flags.eps!, (x) => x > 0 && x <= 1, 'a number in (0, 1]');
  const summary = boundSummary(input);
  const Qstar = figure4Q(input.K, eps);
  return { json: { input: { ...input, eps }, ...summary, figure4Q: Qstar }, text: describe(input, summary, eps, Qstar) };
}

function describe(input: SummaryInput, s: BoundSummary, eps: number, Qstar: number): string {
  const n = (x: number) => (!Number.isFinite(x) ? String(x) : Math.abs(x) >= 1e5 ? x.toExponential(3) : Number(x.toPrecision(4)).toString());
  const p = (x: { value: number; vacuous: boolean }) => `${n(x.value)}${x.vacuous ? '  vacuous (>= 1)' : ''}`;
  const lines = [
    `K = ${input.K}, Q = ${input.Q}, d = ${input.d}, v = ${n(input.v)}, lb = ${n(input.lb)}, Z = ${s.Z} (tokens ${input.tokens}), beta = ${n(input.beta)}, tau = ${n(input.tau ?? 1)}`,
    `tau_1 = K tau log(3) / (5 beta^2)      ${n(s.tau1)}`,
    `r_L(tau_1), r_U(tau_1)                ${n(s.atTau1.rLower)}, ${n(s.atTau1.rUpper)}${s.approximate ? '  (Appendix C: r_L halved)' : ''}`,
    `training margins at tau_1 within      [${n(s.marginRange.lower)}, ${n(s.marginRange.upper)}]`,
    `Theorem 4.2 failure probability       ${p(s.theorem42)}${input.c === null ? '  (c not given: Q^(3/4)/256 term only)' : ''}`,
    `Theorem 4.3 test-error bound          ${p(s.theorem43)}  (${s.theorem43.value < eps ? 'below' : 'not below'} eps = ${n(eps)}; Q* = ${Qstar} at K = ${input.K})`,
    `Appendix B failure probability        ${p(s.appendixB)}  (eps = ${n(s.appendixB.eps)}${input.c === null ? ', c not given: exp(-eps^2/16) term only' : ''})`,
    '',
    `conditions${' '.repeat(37)}${THEOREMS.map((t) => THEOREM_LABELS[t].padEnd(4)).join('')}`,
    ...s.conditions.map((condition) => {
      const marks = THEOREMS.map((t) => (THEOREM_CONDITIONS[t].includes(condition.name) ? 'x' : '.').padEnd(4)).join('');
      return `  ${condition.holds ? 'holds' : 'FAILS'}  ${condition.name.padEnd(36)}  ${marks}${condition.detail}`;
    }),
    '',
    ...THEOREMS.map((t) => `${THEOREM_LABELS[t].padEnd(4)}${s.applies[t] ? 'all conditions hold' : 'some conditions fail'}`),
  ];
  return `${lines.join('\n')}\n`;
}

/** A flag through its option schema; the message names the flag, the rule and the value. */
function parse<T>(name: string, raw: string, schema: z.ZodType<T>, convert: (raw: string) => unknown = toNumber): T {
  const result = schema.safeParse(convert(raw));
  if (!result.success) throw new Error(`--${name}: ${result.error.issues[0]?.message ?? 'invalid'} (got '${raw}')`);
  return result.data;
}

function parseNumber(name: string, raw: string, allowed: (x: number) => boolean, rule: string): number {
  const x = toNumber(raw);
  if (!allowed(x)) throw new Error(`--${name}: must be ${rule} (got '${raw}')`);
  return x;
}

function toNumber(raw: string): number {
  return raw.trim() === '' ? NaN : Number(raw);
}
