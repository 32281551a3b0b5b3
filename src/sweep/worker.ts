// A sweep worker thread: its own Wasm instance, one cell at a time, the record sent back.
// A cell whose options name a dataset directory (`data`) trains on it; the others generate
// the data their options describe.
import { parentPort, workerData } from 'node:worker_threads';
import { loadBackend, type BackendOptions } from '../backend/index.js';
import { readDatasetDirectory } from '../data/directory.js';
import { trainGenerated, trainOn } from '../train/run.js';
import type { CellTask, CellReply } from './pool.js';

const backend = await loadBackend(workerData as BackendOptions);
const port = parentPort!;
port.on('message', async (task: CellTask) => {
  let reply: CellReply;
  try {
    const record = task.options.data === null
      ? trainGenerated(task.options, backend, {}, task.dataSeed)
      : trainOn(await readDatasetDirectory(task.options.data), task.options, backend, {}, task.dataSeed);
    reply = { id: task.id, record };
  } catch (error) {
    reply = { id: task.id, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
port.postMessage({ ready: true, variant: backend.variant });
