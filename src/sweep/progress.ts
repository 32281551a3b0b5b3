// Progress of a sweep: a bar with cells done, rate and ETA on a terminal; on anything else
// (a log file, CI) one plain line at most every few seconds, and one at the end.
import cliProgress from 'cli-progress';

export interface Progress {
  /** a cell finished (its record was written) */
  tick(failed: boolean): void;
  /** the number of cells now known (grows while a search runs) */
  setTotal(total: number): void;
  stop(): void;
}

export function makeProgress(label: string, stream: NodeJS.WriteStream = process.stderr, plainEverySeconds = 5): Progress {
  let done = 0, failed = 0, total = 0;
  const started = Date.now();
  const rate = () => done / Math.max((Date.now() - started) / 1000, 1e-3);
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar({
      format: `${label} [{bar}] {value}/{total} cells | {rate} cells/s | ETA {eta_formatted} | {failed} failed`,
      stream, hideCursor: true, etaBuffer: 50,
    }, cliProgress.Presets.shades_classic);
    bar.start(0, 0, { rate: '0', failed: 0 });
    return {
      tick(isFailure) { done++; if (isFailure) failed++; bar.update(done, { rate: rate().toFixed(1), failed }); },
      setTotal(value) { total = value; bar.setTotal(value); },
      stop() { bar.stop(); },
    };
  }
  let lastPrinted = 0;
  const line = () => {
    const eta = total > done ? ` ETA ${Math.ceil((total - done) / Math.max(rate(), 1e-9))}s,` : '';
    stream.write(`${label}: ${done}/${total} cells, ${rate().toFixed(2)} cells/s,${eta} ${failed} failed\n`);
  };
  return {
    tick(isFailure) {
      done++; if (isFailure) failed++;
      if (Date.now() - lastPrinted >= plainEverySeconds * 1000) { lastPrinted = Date.now(); line(); }
    },
    setTotal(value) { total = value; },
    stop() { line(); },
  };
}
