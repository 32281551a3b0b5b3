// Multi-token responses (theory.md §5). The prompts are the single-token clusters' samples
// x_i (clusters.ts: same values, sides, flips and W0); each value k gets two sequences A_k and
// B_k of L tokens that share their first L_p tokens and differ at position L_p + 1 (preferred
// A_k in C_{k,+}, B_k in C_{k,-}, swapped where a training pair is flipped). The hidden state
// at position j (1-based) of a response s is a function of its context (i, s^(<j)):
//   g(i, j, s) = x_i + gamma * sum_{m<j} E[s^(m)] / sqrt(j) + n(i, s^(<j))
// with E a fixed token-embedding table (V x d, entries N(0, 1/d)) and n ~ N(0, vpos^2 I) drawn
// once per distinct context, so where the two responses still share their prefix they share
// the hidden state exactly. Stored as G [N, 2, L, d] and tokens [N, L] (dataset.ts).
// Every stream is seeded by its role (sequences per value, embeddings, noise per cluster and
// split), so the prompts are bit-identical to the single-token data of the same seed.
import type { DataOptions } from '../config/options.js';
import type { Dataset, Split } from './dataset.js';
import { generateDataset } from './clusters.js';
import { Random } from './random.js';

/** The data the options describe: single-token clusters for L = 1, sequences for L > 1. */
export function generateData(options: DataOptions): Dataset {
  return options.L > 1 ? generateSequences(options) : generateDataset(options);
}

export function generateSequences(options: DataOptions): Dataset {
  const { L, prefix, d, seed } = options;
  const prompts = generateDataset({ ...options, L: 1, prefix: 0 });
  const { V, K } = prompts.meta;
  const pairs = prompts.meta['pairs'] as Array<[number, number]>;
  const sequences = Array.from({ length: K }, (_, k) => responsePair(new Random(`${seed}:value:${k}:sequences`), V, L, prefix));
  const embeddings = new Random(`${seed}:token-embeddings`).normalArray(V * d, 1 / Math.sqrt(d));
  const expand = (split: Split, name: 'train' | 'test'): Split => {
    const { N } = split;
    const out: Split = { N, G: new Float32Array(N * 2 * L * d), yw: new Int32Array(N * L), yl: new Int32Array(N * L), value: split.value, side: split.side };
    const streams = new Map<string, Random>();
    for (let i = 0; i < N; i++) {
      const k = split.value[i]!, cluster = split.side[i]! > 0 ? 'plus' : 'minus';
      const key = `${seed}:value:${k}:${cluster}:${name}:contexts`;
      if (!streams.has(key)) streams.set(key, new Random(key));
      const [a, b] = sequences[k]!;
      // The single-token label says which of the value's pair is preferred (flips included).
      const aPreferred = split.yw[i] === pairs[k]![0];
      const states = hiddenStates(split.G.subarray(i * d, (i + 1) * d), a, b, prefix, options, embeddings, streams.get(key)!);
      const [preferred, rejected] = aPreferred ? [a, b] : [b, a];
      const [preferredStates, rejectedStates] = aPreferred ? states : [states[1], states[0]];
      out.G.set(preferredStates, i * 2 * L * d);
      out.G.set(rejectedStates, (i * 2 + 1) * L * d);
      out.yw.set(preferred, i * L);
      out.yl.set(rejected, i * L);
    }
    return out;
  };
  const { pairs: _pairs, Z: _Z, ...generation } = prompts.meta;
  return {
    meta: { ...generation, L, prefix, sequences: sequences.map(([a, b]) => [Array.from(a), Array.from(b)]) },
    train: expand(prompts.train, 'train'),
    test: expand(prompts.test, 'test'),
    W0: prompts.W0,
  };
}

/** A value's two responses: L_p shared tokens, then independent uniform draws, differing at L_p + 1. */
function responsePair(random: Random, V: number, L: number, prefix: number): [Int32Array, Int32Array] {
  const a = new Int32Array(L), b = new Int32Array(L);
  for (let j = 0; j < prefix; j++) a[j] = b[j] = random.int(V);
  for (let j = prefix; j < L; j++) {
    a[j] = random.int(V);
    // Position L_p + 1 is where the responses part: b's token there is any token but a's.
    b[j] = j === prefix ? (a[j]! + 1 + random.int(V - 1)) % V : random.int(V);
  }
  return [a, b];
}

/**
 * The hidden states [L x d] of both responses of one prompt x. Noise is drawn once per
 * distinct context, in a fixed order (A's context, then B's where it differs), so which
 * response is preferred does not change the states.
 */
function hiddenStates(x: Float32Array, a: Int32Array, b: Int32Array, prefix: number, options: DataOptions,
  embeddings: Float32Array, noise: Random): [Float32Array, Float32Array] {
  const { L, d, gamma, vpos } = options;
  const states: [Float32Array, Float32Array] = [new Float32Array(L * d), new Float32Array(L * d)];
  const history = [new Float64Array(d), new Float64Array(d)];
  for (let j = 0; j < L; j++) {
    // Up to position L_p + 1 the context (the previous tokens) is the same for both.
    const shared = j <= prefix;
    for (const s of shared ? [0] : [0, 1]) {
      const state = states[s]!.subarray(j * d, (j + 1) * d);
      const scale = gamma / Math.sqrt(j + 1);
      for (let c = 0; c < d; c++) state[c] = x[c]! + scale * history[s]![c]! + vpos * noise.normal();
      if (shared) states[1].set(state, j * d);
    }
    for (const [s, tokens] of [a, b].entries()) {
      const row = tokens[j]! * d;
      for (let c = 0; c < d; c++) history[s]![c]! += embeddings[row + c]!;
    }
  }
  return states;
}
