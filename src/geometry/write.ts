// The geometry as files: geometry.json (every number; the direction vectors left out),
// cosines.csv (one row per pair of values), clusters.csv (one row per cluster) and cosines.svg
// (the Figure 3 heatmaps), each written whole or not at all.
import { join } from 'node:path';
import { writeFileAtomic } from '../io/atomic.js';
import { renderSvg } from '../report/render.js';
import type { Geometry } from './describe.js';
import { cosineHeatmap } from './figure.js';

/** Everything but the K + 1 direction vectors of length d; NaN becomes null. */
export function geometryJson(geometry: Geometry): unknown {
  const { b: _b, concepts: _concepts, ...estimate } = geometry.estimate;
  return { ...geometry, estimate };
}

export function cosinesCsv(geometry: Geometry): string {
  const { asGiven, meanSubtracted } = geometry.cosines;
  const rows = asGiven.flatMap((row, i) => row.map((cosine, j) => `${i},${j},${cosine},${meanSubtracted[i]![j]}`));
  return `value_i,value_j,as_given,mean_subtracted\n${rows.join('\n')}\n`;
}

export function clustersCsv(geometry: Geometry): string {
  const rows = geometry.clusters.map((cluster) => `${cluster.value},${cluster.side},${cluster.count},${cluster.covarianceFrobenius},${cluster.meanSquaredDistance}`);
  return `value,side,count,covariance_frobenius,mean_squared_distance\n${rows.join('\n')}\n`;
}

/** Writes the four files into `directory`; returns their paths. */
export async function writeGeometry(directory: string, geometry: Geometry): Promise<string[]> {
  const files: Array<[string, string]> = [
    ['geometry.json', `${JSON.stringify(geometryJson(geometry), null, 1)}\n`],
    ['cosines.csv', cosinesCsv(geometry)],
    ['clusters.csv', clustersCsv(geometry)],
    ['cosines.svg', await renderSvg(cosineHeatmap(geometry.cosines))],
  ];
  const paths: string[] = [];
  for (const [name, text] of files) {
    await writeFileAtomic(join(directory, name), text);
    paths.push(join(directory, name));
  }
  return paths;
}
