// Raw blocks of linear memory for the API's buffers: a first-fit, address-ordered free list with
// coalescing, above the module's static data. Few blocks are ever live (about a dozen per run),
// so a linear walk is cheap, and unlike AssemblyScript's TLSF (blocks below 1 GiB, corrupted by
// free regions above that) it serves any size up to the 4 GiB of wasm32. The module allocates no
// managed objects (asconfig's stub runtime), so nothing else claims memory.
//
// Block layout: a 16-byte header { size: u32 (header included), free: u32 } then the payload;
// every block starts 16-byte aligned, so payloads suit v128 loads.

// @ts-ignore: decorator
@inline const HEADER: u64 = 16;
// @ts-ignore: decorator
@inline const PAGE: u64 = 65536;
// The last page stays unused so every address and block end fits in a u32.
// @ts-ignore: decorator
@inline const MAX_END: u64 = 65535 * PAGE;

let start: usize = 0;
let end: usize = 0;

// @ts-ignore: decorator
@inline function sizeOf(block: usize): u64 {
  return <u64>load<u32>(block);
}
// @ts-ignore: decorator
@inline function isFree(block: usize): bool {
  return load<u32>(block, 4) != 0;
}
// @ts-ignore: decorator
@inline function setBlock(block: usize, size: u64, free: bool): void {
  store<u32>(block, <u32>size);
  store<u32>(block, free ? 1 : 0, 4);
}

/** The size of a block on a walk; a size that cannot be a block's means the heap was overwritten: stop rather than loop. */
// @ts-ignore: decorator
@inline function stepOf(block: usize): usize {
  const size = sizeOf(block);
  if (size < HEADER || (size & 15) != 0) abort("wasm heap corrupted");
  return <usize>size;
}

/** Grows memory so that the region ends at least at `wanted`; false if memory cannot grow. */
function growTo(wanted: u64): bool {
  const have = <u64>memory.size() * PAGE;
  if (wanted <= have) return true;
  if (wanted > MAX_END) return false;
  const pages = <i32>((wanted - have + PAGE - 1) / PAGE);
  return memory.grow(pages) >= 0;
}

/** Allocates `bytes` (16-byte aligned, contents undefined) and returns the address, or 0 when memory cannot grow that far. */
export function alloc(bytes: usize): usize {
  if (start == 0) {
    // Begin above the static data (the module's initial pages).
    start = end = <usize>(<u64>memory.size() * PAGE);
  }
  const need = ((<u64>bytes + 15) & ~15) + HEADER;
  let last: usize = 0;
  for (let block = start; block < end; block += stepOf(block)) {
    last = block;
    if (!isFree(block) || sizeOf(block) < need) continue;
    const rest = sizeOf(block) - need;
    if (rest >= 2 * HEADER) {
      setBlock(block, need, false);
      setBlock(block + <usize>need, rest, true);
    } else {
      setBlock(block, sizeOf(block), false);
    }
    return block + <usize>HEADER;
  }
  // No free block fits: extend the free block at the end, or append a new one.
  const tail: usize = last != 0 && isFree(last) ? last : end;
  const newEnd = <u64>tail + need;
  if (!growTo(newEnd)) return 0;
  setBlock(tail, need, false);
  end = <usize>newEnd;
  return tail + <usize>HEADER;
}

/** Frees a block returned by `alloc` (0 is ignored), merging it with free neighbours so later runs reuse it. */
export function free(ptr: usize): void {
  if (ptr == 0) return;
  const target = ptr - <usize>HEADER;
  let previous: usize = 0;
  let block = start;
  while (block < end && block != target) {
    previous = block;
    block += stepOf(block);
  }
  if (block != target || isFree(block)) return;
  let size = sizeOf(block);
  const next = block + <usize>size;
  if (next < end && isFree(next)) size += sizeOf(next);
  if (previous != 0 && isFree(previous)) {
    setBlock(previous, sizeOf(previous) + size, true);
  } else {
    setBlock(block, size, true);
  }
}

/**
 * Shrinks the block at `ptr` (from `alloc`) to hold `bytes`, giving its tail back to the free
 * list (merged with a free neighbour after it); the contents up to `bytes` stay. A larger
 * `bytes`, or a tail too small for a block of its own, leaves the block as it is.
 */
export function shrink(ptr: usize, bytes: usize): void {
  if (ptr == 0) return;
  const block = ptr - <usize>HEADER;
  const need = ((<u64>bytes + 15) & ~15) + HEADER;
  const size = sizeOf(block);
  if (need + 2 * HEADER > size) return;
  setBlock(block, need, false);
  const tail = block + <usize>need;
  let rest = size - need;
  const next = block + <usize>size;
  if (next < end && isFree(next)) rest += sizeOf(next);
  setBlock(tail, rest, true);
}

/** Bytes in use by live blocks (headers included), for tests of reuse. */
export function liveBytes(): usize {
  let total: u64 = 0;
  for (let block = start; block < end; block += stepOf(block)) {
    if (!isFree(block)) total += sizeOf(block);
  }
  return <usize>total;
}
