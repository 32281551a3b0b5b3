// Scratch memory a kernel keeps between calls: allocated on first use, grown (never shrunk)
// when a call needs more. Growing may grow linear memory; the host re-creates its views.

export class Workspace {
  pointer: usize = 0;
  bytes: usize = 0;

  /** A block of at least `bytes` bytes; its contents do not survive a call that grows it. */
  reserve(bytes: usize): usize {
    if (bytes > this.bytes) {
      if (this.pointer) heap.free(this.pointer);
      this.pointer = heap.alloc(bytes);
      this.bytes = bytes;
    }
    return this.pointer;
  }
}
