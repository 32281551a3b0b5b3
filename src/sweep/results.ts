// Append-only JSON-lines files (results.jsonl, search.jsonl). Each record is written as one
// whole line with one write call; a process killed mid-write can leave at most a torn last
// line, which readers ignore and `--resume` cuts off before appending again.
import { closeSync, existsSync, openSync, readFileSync, truncateSync, writeSync } from 'node:fs';

export interface JsonLines<T> {
  records: T[];
  /** bytes of the file up to the end of its last whole line */
  wholeBytes: number;
  /** whether a torn last line follows the whole ones */
  torn: boolean;
}

/** Reads every whole line; a last line without its newline, or that does not parse, is torn. */
export function readJsonLines<T>(path: string): JsonLines<T> {
  if (!existsSync(path)) return { records: [], wholeBytes: 0, torn: false };
  const text = readFileSync(path);
  const records: T[] = [];
  let start = 0;
  while (start < text.length) {
    const end = text.indexOf(0x0a, start);
    if (end < 0) return { records, wholeBytes: start, torn: true };
    const line = text.subarray(start, end).toString('utf8');
    if (line.trim() !== '') {
      try {
        records.push(JSON.parse(line) as T);
      } catch {
        // Only the last line can be torn; garbage before it means the file was edited.
        if (end + 1 < text.length) throw new Error(`${path}: line ${records.length + 1} is not valid JSON`);
        return { records, wholeBytes: start, torn: true };
      }
    }
    start = end + 1;
  }
  return { records, wholeBytes: start, torn: false };
}

/** An open JSON-lines file to append to, after cutting off a torn last line. */
export class JsonLinesWriter {
  readonly #fd: number;

  constructor(readonly path: string) {
    const existing = readJsonLines(path);
    if (existing.torn) truncateSync(path, existing.wholeBytes);
    this.#fd = openSync(path, 'a');
  }

  append(record: unknown): void {
    const line = Buffer.from(`${JSON.stringify(record)}\n`, 'utf8');
    let written = 0;
    while (written < line.length) written += writeSync(this.#fd, line, written, line.length - written);
  }

  close(): void {
    closeSync(this.#fd);
  }
}
