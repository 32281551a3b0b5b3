// A pool of worker threads, each with its own Wasm instance, running cells from one queue.
// A worker that dies (out of memory, a crash) fails its cell and is replaced.
import { Worker } from 'node:worker_threads';
import type { BackendOptions } from '../backend/index.js';
import type { RunOptions } from '../config/options.js';
import type { RunRecord } from '../train/record.js';
import { buildUrl } from '../build-location.js';

export interface CellTask {
  id: string;
  options: RunOptions;
  dataSeed: number;
}

export type CellReply = { id: string; record: RunRecord } | { id: string; error: string };

interface Pending {
  task: CellTask;
  resolve: (reply: CellReply) => void;
}

interface Slot {
  worker: Worker;
  busy: Pending | null;
}

export class WorkerPool {
  readonly #slots: Slot[] = [];
  readonly #queue: Pending[] = [];
  #closed = false;

  constructor(readonly size: number, readonly backendOptions: BackendOptions) {
    for (let i = 0; i < size; i++) this.#slots.push(this.#spawn());
  }

  #spawn(): Slot {
    const worker = new Worker(buildUrl('js/sweep/worker.js'), { workerData: this.backendOptions });
    const slot: Slot = { worker, busy: null };
    worker.on('message', (message: CellReply | { ready: true }) => {
      if ('ready' in message) return;
      const done = slot.busy!;
      slot.busy = null;
      done.resolve(message);
      this.#dispatch();
    });
    worker.on('error', (error) => this.#replace(slot, error.message));
    worker.on('exit', (code) => { if (!this.#closed) this.#replace(slot, `worker exited with code ${code}`); });
    return slot;
  }

  #replace(slot: Slot, reason: string): void {
    const index = this.#slots.indexOf(slot);
    if (index < 0) return;
    const lost = slot.busy;
    this.#slots[index] = this.#spawn();
    void slot.worker.terminate();
    lost?.resolve({ id: lost.task.id, error: `the worker running this cell failed: ${reason}` });
    this.#dispatch();
  }

  #dispatch(): void {
    for (const slot of this.#slots) {
      if (slot.busy !== null) continue;
      const next = this.#queue.shift();
      if (!next) return;
      slot.busy = next;
      slot.worker.postMessage(next.task);
    }
  }

  run(task: CellTask): Promise<CellReply> {
    return new Promise((resolve) => {
      this.#queue.push({ task, resolve });
      this.#dispatch();
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all(this.#slots.map((slot) => slot.worker.terminate()));
  }
}
