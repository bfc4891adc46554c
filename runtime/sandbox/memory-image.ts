// A prepared instance's linear memory, copied into another instance of the same module: a run's
// context then costs a copy of ~250 KiB instead of compiling the bootstrap and the prelude.
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
const MiB = 1024 * 1024;
// The zero-initialised statics follow the initialised data; 3 KiB of them in quickjs-emscripten
// 0.32's release-asyncify build. 16 KiB covers them with room; what it also copies is dead stack.
const ZERO_INITIALISED_MARGIN = 16 * 1024;
// The break word is a static near the start of memory.
const BREAK_SEARCH_BYTES = 1 * MiB;

/**
 * Finds the layout of `instance`'s module: the break word is the highest of the statics that grow
 * with a large allocation and stay put for a small one; the module's own data segments, instantiated without
 * running anything, give the break's initial value and the end of the initialised data.
 * Undefined if the module does not look as expected (then contexts are made per run).
 */
export function discoverLayout(wasmModule: WebAssembly.Module, instance: QuickJSInstance): MemoryLayout | undefined {
  const context = instance.runtime.newContext();
  const words = () => new Uint32Array(instance.memory.buffer, 0, BREAK_SEARCH_BYTES / 4).slice();
  const before = words();
  const large = context.newArrayBuffer(new ArrayBuffer(MiB));
  const grown = words();
  const small = context.newNumber(1);
  const after = words();
  const candidates: number[] = [];
  for (let i = 0; i < grown.length; i++) {
    if (grown[i]! - before[i]! >= MiB && after[i] === grown[i] && grown[i]! > large.value) candidates.push(i * 4);
  }
  small.dispose();
  large.dispose();
  context.dispose();
  // The allocator's pointer to its top chunk moves too, but always stays below the break.
  const breakAddress = candidates.reduce<number | undefined>(
    (found, at) => (found === undefined || grown[at / 4]! > grown[found / 4]! ? at : found),
    undefined,
  );
  if (breakAddress === undefined) return undefined;

  const pristine = pristineMemory(wasmModule, instance.memory.buffer.byteLength);
  const heapBase = new DataView(pristine.buffer).getUint32(breakAddress, true);
  let dataEnd = Math.min(heapBase, pristine.length);
  while (dataEnd > 0 && pristine[dataEnd - 1] === 0) dataEnd--;
  const staticEnd = Math.min(heapBase, alignUp(dataEnd, PAGE_BYTES) + ZERO_INITIALISED_MARGIN);
  if (breakAddress >= staticEnd || heapBase <= staticEnd) return undefined;
  return { breakAddress, heapBase, staticEnd };
}

/** The module's memory right after instantiation: data segments applied, no code run. */
function pristineMemory(wasmModule: WebAssembly.Module, bytes: number): Uint8Array {
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

  /** Bytes kept for the image. */
  get byteLength(): number {
    return this.statics.length + this.heap.length;
  }

  /** The memory's end of heap in the image. */
  private get imageBreak(): number {
    return this.layout.heapBase + this.heap.length;
  }

  /**
   * Makes `memory` (at rest, same module) what the image's memory was: statics and heap copied, and
   * whatever the last run allocated beyond the image's heap zeroed, so nothing of it survives even
   * as unallocated bytes. False if the memory is too small for the image (it is never grown from
   * outside: the glue's views of it would go stale).
   */
  restoreInto(memory: WebAssembly.Memory): boolean {
    if (memory.buffer.byteLength < this.imageBreak) return false;
    const runBreak = Math.min(readBreak(memory, this.layout), memory.buffer.byteLength);
    const bytes = new Uint8Array(memory.buffer);
    bytes.set(this.statics, 0);
    bytes.set(this.heap, this.layout.heapBase);
    if (runBreak > this.imageBreak) bytes.fill(0, this.imageBreak, runBreak);
    return true;
  }
}

function readBreak(memory: WebAssembly.Memory, layout: MemoryLayout): number {
  return new DataView(memory.buffer).getUint32(layout.breakAddress, true);
}
