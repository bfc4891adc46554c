// One QuickJS asyncify WebAssembly instance with its single long-lived runtime.
import { newQuickJSAsyncWASMModuleFromVariant, newVariant, RELEASE_ASYNC, type QuickJSAsyncRuntime } from 'quickjs-emscripten';
import type { SandboxLimits } from './limits.js';

const PAGE_BYTES = 64 * 1024;
const MiB = 1024 * 1024;
// The module declares 16 MiB of initial memory (emscripten INITIAL_MEMORY); a smaller memory is refused.
export const DECLARED_INITIAL_PAGES = (16 * MiB) / PAGE_BYTES;
// What the sandbox declares instead (wasm-memory-import.ts): the statics and the 5 MiB stack end at
// 5.1 MiB, and the rest holds a context image (~120 KiB) and a host call's 1 MiB asyncify buffer
// without growing.
export const SANDBOX_INITIAL_PAGES = (7 * MiB) / PAGE_BYTES;

/** The compiled QuickJS module and the memory its instances start with. */
export interface QuickJSBuild {
  wasmModule: WebAssembly.Module;
  /** The minimum its memory import declares. */
  initialPages: number;
}

/** What an instance is built for; an idle instance serves only runs of the same shape. */
export interface InstanceShape {
  /** Initial size of the wasm memory, pages: the module's declared minimum. */
  initialPages: number;
  /** Hard maximum of the wasm memory, pages. */
  maxPages: number;
  /** Guest stack limit of the instance's runtime, bytes. */
  stackBytes: number;
  /** Size the module-wide asyncify buffer is raised to, bytes. */
  asyncifyBytes: number;
}

export function shapeFor(limits: SandboxLimits, initialPages = DECLARED_INITIAL_PAGES): InstanceShape {
  // Fragmentation let a 64 MiB setMemoryLimit reach 125 MiB of linear memory: the hard maximum is
  // twice the guest limit, so a memory bomb ends in the guest's
  // `out of memory` and never grows a wasm memory to the 2 GiB emscripten default.
  const maxPages = Math.max(DECLARED_INITIAL_PAGES * 2, Math.ceil((2 * limits.memoryMiB * MiB) / PAGE_BYTES));
  // setMaxStackSize also sizes the asyncify buffer; when the buffer equals the guest stack limit a
  // host call made at the stack limit aborts the instance ("unreachable"). 1 MiB was enough for a
  // call at the 256 KiB limit; 4× the stack leaves margin.
  const stackBytes = Math.floor(limits.stackKiB * 1024);
  return { initialPages, maxPages, stackBytes, asyncifyBytes: Math.max(MiB, 4 * stackBytes) };
}

// An instance whose contexts are made by its runs accumulates fragmentation and slow leaks: it
// serves this many runs. One restored from a memory image starts every run from the same bytes.
const MAX_RUNS_OWN_CONTEXTS = 100;
// A run that grew the memory keeps it resident (zeroed) for the instance's life.
const MAX_REUSED_LINEAR_MEMORY = 32 * MiB;

export class QuickJSInstance {
  /** Runs started on this instance. */
  runs = 0;
  /**
   * How its contexts are made: copied from memory images (context-template.ts), or by its runs
   * themselves. Decided by its first context; an instance never changes, the two keep different
   * host functions.
   */
  contexts: 'images' | 'own' | undefined;

  private constructor(
    readonly shape: InstanceShape,
    readonly runtime: QuickJSAsyncRuntime,
    readonly memory: WebAssembly.Memory,
  ) {}

  /**
   * Instantiates synchronously from the precompiled module: asynchronous instantiation slowed from
   * 3 to 30 ms per instance with hundreds alive.
   */
  static async create(wasmModule: WebAssembly.Module, shape: InstanceShape): Promise<QuickJSInstance> {
    const memory = new WebAssembly.Memory({ initial: shape.initialPages, maximum: shape.maxPages });
    const variant = newVariant(RELEASE_ASYNC, {
      wasmMemory: memory,
      emscriptenModule: {
        instantiateWasm(imports, onSuccess) {
          const instance = new WebAssembly.Instance(wasmModule, imports);
          onSuccess(instance);
          return instance.exports;
        },
      },
    });
    const module = await newQuickJSAsyncWASMModuleFromVariant(variant);
    // The runtime is never disposed: in 0.32.0 disposing an asyncify runtime that owns host functions
    // throws "not found when trying to free HostRef" half way through and leaks (a quickjs-emscripten
    // bug: the runtime's callbacks are unregistered before QTS_FreeRuntime frees the functions). Each run
    // gets its own context instead, and the whole instance is dropped when it is done.
    const runtime = module.newRuntime();
    runtime.setMaxStackSize(shape.stackBytes);
    // The asyncify buffer is module-wide and the LAST setMaxStackSize call sizes it (measured here:
    // raising it on a throwaway runtime made before the real one changed nothing, and a host call at
    // the guest stack limit still aborted). So the guest limit is set once, above, and the buffer is
    // raised afterwards through a throwaway runtime; nothing may call setMaxStackSize again.
    // A runtime without host functions disposes cleanly (that bug needs host functions to free).
    const throwaway = module.newRuntime();
    throwaway.setMaxStackSize(shape.asyncifyBytes);
    throwaway.dispose();
    return new QuickJSInstance(shape, runtime, memory);
  }

  get linearMemoryBytes(): number {
    return this.memory.buffer.byteLength;
  }

  /** True if a clean run left this instance fit to serve another run. */
  get reusable(): boolean {
    if (this.contexts === 'own' && this.runs >= MAX_RUNS_OWN_CONTEXTS) return false;
    return this.linearMemoryBytes <= MAX_REUSED_LINEAR_MEMORY;
  }
}
