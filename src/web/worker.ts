// The page's Web Worker: its own Wasm instance (and the JS twin), running trainings, small K
// sweeps and the Wasm-vs-JS timing, and posting log entries as they are measured.
import { loadBackend, type Backend } from '../backend/index.js';
import { parseRunOptions } from '../config/options.js';
import { trainGenerated } from '../train/run.js';
import type { RunRecord } from '../train/record.js';
import { searchMetric } from '../sweep/metrics.js';
import { searchQ } from '../sweep/search.js';
import type { SearchLine } from '../sweep/execute.js';
import { browserSweeps } from './browser-sweep.js';
import { gridPoints, makeCell, type Cell } from '../sweep/plan.js';
import type { Reply, Request } from './protocol.js';

const scope = self as unknown as { postMessage(message: Reply): void; onmessage: ((event: MessageEvent<Request>) => void) | null };
const post = (message: Reply) => scope.postMessage(message);

const backends: Promise<{ wasm: Backend; js: Backend }> = (async () => ({
  wasm: await loadBackend({ directory: new URL('./wasm/', self.location.href) }),
  js: await loadBackend({ backend: 'js' }),
}))();

backends.then(({ wasm }) => post({ type: 'ready', variant: wasm.variant }), (error: unknown) => post({ type: 'error', id: null, message: String(error) }));

scope.onmessage = async (event) => {
  const request = event.data;
  try {
    const { wasm, js } = await backends;
    if (request.type === 'train') {
      const record = trainGenerated(parseRunOptions(request.options), request.backend === 'js' ? js : wasm, {
        onLog: (entry) => post({ type: 'log', id: request.id, entry }),
      });
      post({ type: 'done', id: request.id, record });
    } else if (request.type === 'compare') {
      const options = parseRunOptions(request.options);
      const time = (backend: Backend) => trainGenerated(options, backend).timing!.ms;
      time(wasm); // the first Wasm run also pays for tier-up: time the second
      post({ type: 'compare-done', id: request.id, wasmMs: time(wasm), jsMs: time(js), variant: wasm.variant });
    } else {
      post(await sweep(request, wasm));
    }
  } catch (error) {
    post({ type: 'error', id: request.id, message: error instanceof Error ? error.message : String(error) });
  }
};

/**
 * A small K sweep with the CLI's cells (same ids, same id-derived data seeds, so the same
 * numbers as `dposcale sweep`): one run per K and seed (Figure 5), and with `search` the
 * smallest Q with test error below 0.05 per K (Figure 4).
 */
async function sweep(request: Extract<Request, { type: 'sweep' }>, backend: Backend): Promise<Reply> {
  const sweeps = browserSweeps(request.options, request.Ks, request.seeds);
  const run = (cell: Cell) => {
    post({ type: 'progress', id: request.id, message: `K = ${cell.options.K}, Q = ${cell.options.Q}, seed ${cell.seed}` });
    return trainGenerated(cell.options, backend, {}, cell.dataSeed);
  };
  const records: RunRecord[] = gridPoints(sweeps.grid).flatMap((point) => sweeps.grid.seeds.map((seed) => run(makeCell(sweeps.grid, point, seed))));
  const searches: SearchLine[] = [];
  if (request.search) {
    const config = sweeps.search, search = config.searches[0]!;
    for (const point of gridPoints(config)) {
      const evaluate = async (Q: number) => config.seeds.map((seed) => searchMetric(run(makeCell(config, point, seed, { Q })), search.metric));
      searches.push({ point: point.index, values: point.values, search: 0, outcome: await searchQ(search, evaluate, `browser:${point.index}`) });
    }
  }
  return { type: 'sweep-done', id: request.id, records, searches };
}
