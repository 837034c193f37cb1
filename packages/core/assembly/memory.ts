// Raw blocks of linear memory for the API's buffers (the runtime's TLSF allocator).

/** Allocates `bytes` (16-byte aligned) and returns the address; traps when memory cannot grow. */
export function alloc(bytes: usize): usize {
  return heap.alloc(bytes);
}

/** Frees a block returned by `alloc`, so later runs reuse it. */
export function free(ptr: usize): void {
  heap.free(ptr);
}
