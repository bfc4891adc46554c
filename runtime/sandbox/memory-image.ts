// A prepared instance's linear memory, copied into another instance of the same module: a run's
// context then costs a copy of ~220 KiB instead of compiling the bootstrap and the prelude.
// Emscripten lays the memory out as [data + zero-initialised data][stack][heap → break]; at rest
// (no call in progress) the stack holds nothing live, so the data part and the heap are all there is.
import type { QuickJSInstance } from './wasm-instance.js';

export interface MemoryLayout {
  /** Where the C library keeps the heap's current end (sbrk's break). */
  breakAddress: number;
  /** Where the heap starts (the break's initial value). */
  heapBase: number;
  /** End of the data the C code keeps in static memory, zero-initialised part included. */
  staticEnd: number;
}

const PAGE_BYTES = 4096;
// The zero-initialised statics follow the initialised data; 3 KiB of them in quickjs-emscripten
// 0.32's release-asyncify build. 16 KiB covers them with room; what it also copies is dead stack.
const ZERO_INITIALISED_MARGIN = 16 * 1024;

/**
 * Finds the layout of `instance`'s module by reading, never writing: instantiated without running
 * anything, the module's data segments give the end of the initialised data and, in the one static
 * pointing above it, the heap's base (the break's initial value); in `instance`, whose runtime has
 * allocated since, that same static holds the break. Undefined if the module does not look like
 * that (then runs make their own contexts).
 */
export function discoverLayout(wasmModule: WebAssembly.Module, instance: QuickJSInstance): MemoryLayout | undefined {
  const size = instance.memory.buffer.byteLength;
  const pristine = pristineMemory(wasmModule, size);
  const dataEnd = endOfNonZero(pristine);
  const staticEnd = alignUp(dataEnd, PAGE_BYTES) + ZERO_INITIALISED_MARGIN;
  const initial = new DataView(pristine.buffer);
  const now = new DataView(instance.memory.buffer);
  const found: MemoryLayout[] = [];
  for (let at = 0; at + 4 <= staticEnd; at += 4) {
    const heapBase = initial.getUint32(at, true);
    const end = now.getUint32(at, true);
    if (heapBase > staticEnd && heapBase % 16 === 0 && end > heapBase && end <= size) {
      found.push({ breakAddress: at, heapBase, staticEnd });
    }
  }
  return found.length === 1 ? found[0] : undefined;
}

/** The module's memory right after instantiation: data segments applied, no code run. */
function pristineMemory(wasmModule: WebAssembly.Module, bytes: number): Uint8Array<ArrayBuffer> {
  const pages = bytes / 65536;
  const memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
  const imports: Record<string, Record<string, unknown>> = {};
  for (const { module, name, kind } of WebAssembly.Module.imports(wasmModule)) {
    imports[module] ??= {};
    imports[module][name] = kind === 'memory' ? memory : () => 0;
  }
  new WebAssembly.Instance(wasmModule, imports as WebAssembly.Imports);
  return new Uint8Array(memory.buffer);
}

// Compared 64 KiB at a time first: most of what a run allocated is the untouched rest of its
// asyncify buffer, and a compare per page cost more than the copy of the image.
const CHUNK_BYTES = 64 * 1024;
const ZEROS = new Uint8Array(CHUNK_BYTES);

/** Whether `bytes` (at most CHUNK_BYTES) are all zero, by a native compare. */
function isZero(bytes: Uint8Array): boolean {
  return Buffer.compare(bytes, ZEROS.subarray(0, bytes.length)) === 0;
}

/** Where the last non-zero byte ends: whole zero pages are skipped. */
function endOfNonZero(bytes: Uint8Array): number {
  let end = bytes.length - (bytes.length % PAGE_BYTES);
  while (end > 0 && isZero(bytes.subarray(end - PAGE_BYTES, end))) end -= PAGE_BYTES;
  while (end > 0 && bytes[end - 1] === 0) end--;
  return end;
}

/**
 * Zeroes `bytes[from, to)`, writing only the pages that hold a non-zero byte. Writing a page makes
 * it resident for the memory's life (a wasm memory cannot give pages back), while a page nobody
 * wrote reads as zero without becoming resident: each suspended host call allocates a 1 MiB
 * asyncify buffer of which a run writes a few KiB, and zeroing all of it made every recycled
 * instance hold 1 MiB more than a fresh one.
 */
function zeroWrittenPages(bytes: Uint8Array, from: number, to: number, blockBytes = CHUNK_BYTES): void {
  for (let start = from; start < to;) {
    const end = Math.min(to, alignUp(start + 1, blockBytes));
    if (!isZero(bytes.subarray(start, end))) {
      if (blockBytes > PAGE_BYTES) zeroWrittenPages(bytes, start, end, PAGE_BYTES);
      else bytes.fill(0, start, end);
    }
    start = end;
  }
}

function alignUp(n: number, to: number): number {
  return Math.ceil(n / to) * to;
}

export class MemoryImage {
  private constructor(
    private readonly layout: MemoryLayout,
    private readonly statics: Uint8Array,
    private readonly heap: Uint8Array,
  ) {}

  /** Copies the live parts of a memory at rest. */
  static capture(memory: WebAssembly.Memory, layout: MemoryLayout): MemoryImage {
    const bytes = new Uint8Array(memory.buffer);
    const end = readBreak(memory, layout);
    return new MemoryImage(layout, bytes.slice(0, layout.staticEnd), bytes.slice(layout.heapBase, end));
  }

  /** The memory's end of heap in the image. */
  private get imageBreak(): number {
    return this.layout.heapBase + this.heap.length;
  }

  /**
   * Makes `memory` (at rest, same module) what the image's memory was: statics and heap copied, and
   * whatever the last run allocated beyond the image's heap zeroed (up to its break, which only ever
   * rises: a wasm memory cannot shrink), so nothing of it survives even as unallocated bytes. False
   * if the memory is too small for the image (it is never grown from outside: the glue's views of it
   * would go stale).
   */
  restoreInto(memory: WebAssembly.Memory): boolean {
    if (memory.buffer.byteLength < this.imageBreak) return false;
    const runBreak = Math.min(readBreak(memory, this.layout), memory.buffer.byteLength);
    const bytes = new Uint8Array(memory.buffer);
    bytes.set(this.statics, 0);
    bytes.set(this.heap, this.layout.heapBase);
    if (runBreak > this.imageBreak) zeroWrittenPages(bytes, this.imageBreak, runBreak);
    return true;
  }
}

function readBreak(memory: WebAssembly.Memory, layout: MemoryLayout): number {
  return new DataView(memory.buffer).getUint32(layout.breakAddress, true);
}
