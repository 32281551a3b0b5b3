// A sweep worker thread: its own Wasm instance, one cell at a time, the record sent back.
import { parentPort, workerData } from 'node:worker_threads';
import { loadBackend, type BackendOptions } from '../backend/index.js';
import { trainGenerated } from '../train/run.js';
import type { CellTask, CellReply } from './pool.js';

const backend = await loadBackend(workerData as BackendOptions);
const port = parentPort!;
port.on('message', (task: CellTask) => {
  let reply: CellReply;
  try {
    reply = { id: task.id, record: trainGenerated(task.options, backend, {}, task.dataSeed) };
  } catch (error) {
    reply = { id: task.id, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
port.postMessage({ ready: true, variant: backend.variant });
