// The reference series as CSV files, one per metric, with the fields of TensorBoard's
// ScalarEvent as columns (wall_time,step,value): pandas.read_csv of a file gives the same
// DataFrame the paper's plotting scripts build with pd.DataFrame(ea.Scalars(tag)). A tag's
// slashes become underscores in its file name: eval/head/change -> eval_head_change.csv.
import { join } from 'node:path';
import { writeFileAtomic } from '../io/atomic.js';
import { REFERENCE_METRICS, type ReferenceMetric, type ScalarEvent } from './series.js';

export function csvFileName(metric: ReferenceMetric): string {
  return `${metric.replaceAll('/', '_')}.csv`;
}

export function seriesCsv(events: readonly ScalarEvent[]): string {
  return `wall_time,step,value\n${events.map((event) => `${event.wall_time},${event.step},${event.value}`).join('\n')}\n`;
}

/** Writes every series into `directory` (created if needed), each file whole or not at all; returns the paths. */
export async function writeReferenceCsv(directory: string, series: Record<ReferenceMetric, ScalarEvent[]>): Promise<string[]> {
  const paths: string[] = [];
  for (const metric of REFERENCE_METRICS) {
    const path = join(directory, csvFileName(metric));
    await writeFileAtomic(path, seriesCsv(series[metric]));
    paths.push(path);
  }
  return paths;
}
