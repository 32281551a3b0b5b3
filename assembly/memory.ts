// Linear-memory blocks for the host. The host owns every array the kernels read or write;
// it allocates here once and keeps data resident across calls.

/** A 16-byte aligned block of at least `bytes` bytes (memory grows when needed). */
export function alloc(bytes: usize): usize {
  return heap.alloc(bytes);
}

/** Returns a block from `alloc` to the heap. */
export function free(pointer: usize): void {
  heap.free(pointer);
}
