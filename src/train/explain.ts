// --explain i:j:side: the token-reward decomposition of theory.md §5 for one training
// position, next to the change gradient descent actually makes over the next step.
// For the token y read at hidden state g* (sample i, position j, side w or l), gradient flow
// (tau = 1) moves its reward r(y; g*) = beta (log S(W g*)[y] - log S(W0 g*)[y]) at the rate
//   dr/dt = beta sum_rows c_row C_row ( [y = y_row] - S(W g_row)[y] - S(W g*)[y_row] + S(W g*)^T S(W g_row) )
// summed over every training row (a token of a response, theory.md's sum over i, j, s), where
// C_row = g_row^T g* is the embedding correlation and c_row the row's factor in dL/dW
// (beta sgn_s (-f'(r_i)) / N, plus alpha / N on preferred rows with an SFT term). The bracket
// holds the probability terms and the output-distribution correlation d_p.
// Everything V-wide runs in the backend: S(W g*) is one GEMM row and a softmax; per chunk,
// C = G g* and u' = (c C)^T (S - E) are two more GEMMs on the softmax-minus-one-hot rows the
// pass leaves. The one-hot part q = (c C)^T E is a scatter over the chunk's rows, and the
// measured reward is recomputed in float64 from W, so the comparison is not limited by float32.
import type { Backend, Float32Block, Int32Block } from '../backend/index.js';
import type { Dataset } from '../data/dataset.js';
import type { RunOptions } from '../config/options.js';
import type { TokenPass } from './multitoken-pass.js';
import type { SequenceSplit } from './multitoken-split.js';
import { weighChunk, type SequenceObjective } from './multitoken-objective.js';

/** Which position to explain: training sample i (from 0), position j (from 1), preferred or rejected side. */
export interface ExplainTarget {
  sample: number;
  position: number;
  side: 'w' | 'l';
}

export interface ExplainReport extends ExplainTarget {
  step: number;
  t: number;
  token: number;
  /** r(y; g*) at this step */
  reward: number;
  /** beta sum c C: the rate if every bracket were 1 (the embedding correlations, weighted) */
  embedding: number;
  /** beta sum c C [y = y_row] */
  same_token: number;
  /** -beta sum c C S(W g_row)[y] */
  row_probability: number;
  /** -beta sum c C S(W g*)[y_row] */
  own_probability: number;
  /** beta sum c C S(W g*)^T S(W g_row): the output-distribution correlation d_p */
  output_correlation: number;
  /** the sum of the four terms: dr/dt by the decomposition */
  predicted: number;
  /** (r after the next gd step - r now) / lr; null at the last step */
  measured: number | null;
}

/** Parses `i:j:side` (side w or l), or throws saying what is expected. */
export function parseExplainTarget(text: string): ExplainTarget {
  const match = /^(\d+):(\d+):(w|l)$/.exec(text.trim());
  if (!match) throw new RangeError(`--explain: expected i:j:side (sample from 0, position from 1, side w or l), e.g. 17:3:w (got '${text}')`);
  return { sample: Number(match[1]), position: Number(match[2]), side: match[3] as 'w' | 'l' };
}

/** Why --explain cannot run with these options, or null when it can. */
export function explainRefusal(options: Pick<RunOptions, 'optimizer' | 'batchSize' | 'space'>): string | null {
  if (options.optimizer !== 'gd') {
    return `--explain: the decomposition is the rate of gradient flow, which gradient descent follows step by step; ${options.optimizer} rescales every coordinate, so its steps do not. Use --optimizer gd`;
  }
  if (options.batchSize !== null) return '--explain: the decomposition sums over the whole training set: run full batch (no --batch-size)';
  if (options.space !== 'weight') return '--explain: the decomposition needs the weights W: use --space weight';
  return null;
}

export class Explainer {
  readonly #row: number;
  readonly #token: number;
  readonly #state: Float32Array;
  readonly #referenceLogp: number;
  readonly #outputs: Float32Block;
  /** u' = (c C)^T (S - E) [V]: the pass's softmax-minus-one-hot rows weighted by c C */
  readonly #pulled: Float32Block;
  readonly #correlations: Float32Block;
  readonly #weighted: Float32Block;

  constructor(readonly backend: Backend, readonly pass: TokenPass, readonly split: SequenceSplit, dataset: Dataset,
    readonly W0: Float32Block, readonly objective: SequenceObjective, readonly target: ExplainTarget) {
    const { sample, position, side } = target;
    const { L } = dataset.meta;
    if (sample >= split.N) throw new RangeError(`--explain: sample ${sample} does not exist: the training set has ${split.N} pairs (0..${split.N - 1})`);
    if (position < 1 || position > L) throw new RangeError(`--explain: position ${position} is outside 1..L = 1..${L}`);
    this.#row = split.rowOf(sample, position - 1, side === 'w' ? 0 : 1);
    this.#token = (side === 'w' ? dataset.train.yw : dataset.train.yl)[sample * L + position - 1]!;
    this.#state = Float32Array.from(split.G.slice(this.#row * pass.d, pass.d).view());
    this.#referenceLogp = this.#logProbability(W0);
    this.#outputs = backend.float32(pass.V);
    this.#pulled = backend.float32(pass.V);
    this.#correlations = backend.float32(pass.chunkRows);
    this.#weighted = backend.float32(pass.chunkRows);
  }

  /** The decomposition at weights W (before the step that follows); `measure` completes it. */
  predict(W: Float32Block, step: number, t: number): ExplainReport {
    const { backend, pass, split, objective } = this;
    const { V, d } = pass;
    const { beta, alpha } = objective;
    const state = split.G.slice(this.#row * d, d);
    backend.gemm('nt', 1, V, d, 1, state, W, 0, this.#outputs);
    backend.softmaxRows(this.#outputs, 1, V, this.#outputs);
    backend.fill(this.#pulled, V, 0);
    // q[v] = sum over rows with token v of c C; the embedding term is sum c C.
    const sameToken = new Float64Array(V);
    let embedding = 0;
    const visit = (rows: number, weight: Float32Block, G: Float32Block, Y: Float32Block, targets: Int32Block) => {
      const correlations = this.#correlations.slice(0, rows), weighted = this.#weighted.slice(0, rows);
      backend.gemm('nt', 1, rows, d, 1, state, G, 0, correlations);
      backend.scaleRows(correlations, rows, 1, weight, weighted);
      backend.gemm('nn', 1, V, rows, 1, weighted, Y, 1, this.#pulled);
      // Views after the GEMMs: a GEMM may grow Wasm memory, which detaches older views.
      const values = weighted.view(), tokens = targets.view();
      for (let r = 0; r < rows; r++) {
        sameToken[tokens[r]!]! += values[r]!;
        embedding += values[r]!;
      }
    };
    pass.run(split, W, split.activeChunks, split.logp, (chunk) => {
      weighChunk(backend, split, chunk, objective, true);
      visit(chunk.rows, chunk.weight, chunk.G, chunk.Y, chunk.target);
    });
    // Shared-prefix rows enter dL/dW only through the SFT term, each with factor alpha / N.
    if (alpha > 0) {
      pass.run(split, W, split.sharedChunks, split.logp, (chunk) => {
        backend.fill(chunk.weight, chunk.rows, alpha / split.N);
        visit(chunk.rows, chunk.weight, chunk.G, chunk.Y, chunk.target);
      });
    }
    // u = (c C)^T S = u' + q, since the pass's rows are S - E.
    const outputs = this.#outputs.view(), pulled = this.#pulled.view(), y = this.#token;
    let ownProbability = 0, outputCorrelation = 0;
    for (let v = 0; v < V; v++) {
      ownProbability += sameToken[v]! * outputs[v]!;
      outputCorrelation += (pulled[v]! + sameToken[v]!) * outputs[v]!;
    }
    const terms = {
      same_token: beta * sameToken[y]!,
      row_probability: -beta * (pulled[y]! + sameToken[y]!),
      own_probability: -beta * ownProbability,
      output_correlation: beta * outputCorrelation,
    };
    return {
      sample: this.target.sample, position: this.target.position, side: this.target.side, step, t, token: y,
      reward: this.#reward(W), embedding: beta * embedding, ...terms,
      predicted: terms.same_token + terms.row_probability + terms.own_probability + terms.output_correlation,
      measured: null,
    };
  }

  /** The report with the rate measured over the step just taken with learning rate lr. */
  measure(report: ExplainReport, W: Float32Block, lr: number): ExplainReport {
    return { ...report, measured: (this.#reward(W) - report.reward) / lr };
  }

  free(): void {
    for (const block of [this.#outputs, this.#pulled, this.#correlations, this.#weighted]) this.backend.free(block);
  }

  #reward(W: Float32Block): number {
    return this.objective.beta * (this.#logProbability(W) - this.#referenceLogp);
  }

  /** log S(W g*)[y] in float64 from the float32 weights. */
  #logProbability(W: Float32Block): number {
    const { V, d } = this.pass;
    const weights = W.view(), state = this.#state;
    const logits = new Float64Array(V);
    let largest = -Infinity;
    for (let v = 0; v < V; v++) {
      let dot = 0;
      for (let c = 0; c < d; c++) dot += weights[v * d + c]! * state[c]!;
      logits[v] = dot;
      largest = Math.max(largest, dot);
    }
    let sum = 0;
    for (let v = 0; v < V; v++) sum += Math.exp(logits[v]! - largest);
    return logits[this.#token]! - largest - Math.log(sum);
  }
}
