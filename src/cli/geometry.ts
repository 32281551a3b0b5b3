// `dposcale geometry --data DIR`: how a dataset's embeddings sit (Figure 3, Appendix E), the
// model's parameters estimated from them, and which theorem conditions the data meets;
// --out writes geometry.json, cosines.csv, clusters.csv and the Figure 3 heatmaps (cosines.svg).
import { Command } from 'commander';
import { loadBackend } from '../backend/index.js';
import { readDatasetDirectory } from '../data/directory.js';
import { describeGeometry, type Geometry } from '../geometry/describe.js';
import { writeGeometry } from '../geometry/write.js';
import { THEOREMS } from '../theory/conditions.js';
import { Table, type Cell } from './table.js';

/** K x K matrices are printed up to this many values (the files hold them for any K). */
const PRINTED_VALUES = 16;

const EXAMPLES = `
Everything is measured on the training split (train_*.npy), using its side labels:
+1 for the aligned cluster C_{k,+} (a_k preferred), -1 for the misaligned C_{k,-}.

Estimates (theory.md §3): cluster means m_{k,+} = c_k + b and m_{k,-} = -c_k + b give
b = the average of the 2K means, c_k = (m_{k,+} - m_{k,-})/2, v = sqrt(pooled within-cluster
trace / d). Norms and cosines are corrected for the noise the means carry. lb and v are in
model units (|c_k| = 1): the data's own numbers divided by scale, the mean |c_k|.

Examples:
  $ dposcale geometry --data my-llama-personas
  $ dposcale geometry --data my-llama-personas --out geometry    # then open geometry/cosines.svg
  $ dposcale data --like my-llama-personas --out twin && dposcale geometry --data twin`;

export function geometryCommand(): Command {
  return new Command('geometry')
    .description('the geometry of a dataset\'s embeddings (Figure 3, Appendix E), the model parameters they imply, and the theorem conditions they meet')
    .requiredOption('--data <dir>', 'the dataset directory')
    .option('--out <dir>', 'write geometry.json, cosines.csv, clusters.csv and cosines.svg here')
    .addHelpText('after', EXAMPLES)
    .action(async (flags: { data: string; out?: string }) => {
      const dataset = await readDatasetDirectory(flags.data);
      const geometry = describeGeometry(dataset, await loadBackend());
      process.stdout.write(report(flags.data, geometry));
      if (flags.out) {
        const paths = await writeGeometry(flags.out, geometry);
        process.stdout.write(`\nwrote ${paths.join(', ')}\n`);
      }
    });
}

function report(directory: string, geometry: Geometry): string {
  const { K, d, N, estimate, responses, conditions } = geometry;
  const parameters: Cell[][] = [
    ['scale (mean |c_k|, data units)', estimate.scale],
    ['lb = |b| / scale', estimate.lb],
    ['v (noise std per coordinate) / scale', estimate.v],
    ['|b| (data units)', estimate.lbRaw],
    ['v (data units)', estimate.vRaw],
    ['mean cosine between concepts', estimate.meanConceptCos],
    ['Q (mean training pairs per cluster)', conditions.Q],
    ['tokens', `${responses.layout ?? 'pairs of no generated layout'} (Z = ${responses.Z})`],
    ['pairs against their cluster (flip)', responses.flipped],
    ...(conditions.yesNoFloor === null ? [] : [['yes-no floor Phi(-1/(v sqrt(K)))', conditions.yesNoFloor] as Cell[]]),
  ];
  const perValue = Array.from({ length: K }, (_, k) => {
    const [plus, minus] = [geometry.clusters[2 * k]!, geometry.clusters[2 * k + 1]!];
    return [String(k), estimate.conceptNorms[k]!, estimate.conceptBCosines[k]!, String(plus.count), String(minus.count),
      plus.covarianceFrobenius, minus.covarianceFrobenius, plus.meanSquaredDistance, minus.meanSquaredDistance];
  });
  const sections = [
    `${directory}: K = ${K} values, d = ${d}, ${N} training pairs`,
    `\nModel parameters\n${Table.format(['estimate', 'value'], parameters)}`,
    `\nPer value: concept norm (data units), cosine with b (0 in the model), cluster sizes, and Appendix E's\n` +
      `covariance Frobenius norm and mean squared distance to the mean (embeddings scaled to unit RMS norm)\n` +
      Table.format(['value', '|c_k|', 'cos(c_k, b)', 'n+', 'n-', 'cov F +', 'cov F -', 'msd +', 'msd -'], perValue),
  ];
  if (K <= PRINTED_VALUES) {
    const matrix = (rows: number[][]) => Table.format(['', ...rows.map((_, j) => String(j))], rows.map((row, i) => [String(i), ...row]));
    sections.push(
      `\nCosines between concept directions c_k\n${matrix(estimate.conceptCosines)}`,
      `\nAverage cosine between values' aligned embeddings (Figure 3), as given\n${matrix(geometry.cosines.asGiven)}`,
      `\n... after subtracting the mean embedding\n${matrix(geometry.cosines.meanSubtracted)}`,
    );
  } else {
    sections.push(`\n(K = ${K}: the K x K cosine matrices are in the files --out writes)`);
  }
  const rows = conditions.conditions.map((condition) => [condition.holds ? 'yes' : 'NO', condition.name, condition.detail]);
  const applies = THEOREMS.map((theorem) => `${theorem} ${conditions.applies[theorem] ? 'applies' : 'does not apply'}`).join(', ');
  sections.push(`\nTheorem conditions for the data as given\n${Table.format(['holds', 'condition', 'detail'], rows)}${applies}\n`);
  return sections.join('\n').replace(/\n{3,}/g, '\n\n');
}
