// A run's context as a copy: the bootstrap and the prelude are evaluated once per worker, in an
// instance of their own, whose memory is then copied into the instance of every run (Wizer-style
// pre-initialisation). The copy replaces the whole memory that matters (memory-image.ts), so no run
// sees what another did; only Math.random's state is set anew, or every run would draw the same.
import { webcrypto } from 'node:crypto';
import {
  Lifetime,
  QuickJSAsyncContext,
  StaticLifetime,
  type QuickJSAsyncRuntime,
  type QuickJSContext,
  type QuickJSHandle,
  type QuickJSRuntime,
} from 'quickjs-emscripten';
import { GuestContext, hostImplementations, prepareContext, refusingTarget } from './guest-context.js';
import { MemoryImage, type MemoryLayout } from './memory-image.js';
import { QuickJSInstance, type InstanceShape } from './wasm-instance.js';

// The library numbers host functions from INT32_MIN up; the bootstrap's four are an instance's first.
const FIRST_HOST_REF = -2147483648;
// JSContext is a few hundred bytes; its random state lies well within this.
const CONTEXT_SCAN_BYTES = 2048;
const U64 = (1n << 64n) - 1n;

/** Per instance restored into: the context its host functions serve now. */
const served = new WeakMap<QuickJSInstance, { guest?: GuestContext }>();

export class ContextTemplate {
  private spare: QuickJSInstance | undefined;

  private constructor(
    readonly prelude: string | undefined,
    private readonly image: MemoryImage,
    private readonly runtimePointer: number,
    private readonly contextPointer: number,
    private readonly loaderPointer: QuickJSHandle['value'],
    /** Offset of Math.random's state in the context structure. */
    private readonly randomStateAt: number,
  ) {}

  /**
   * Prepares a context with `prelude` in an instance of its own and keeps its memory. Undefined if
   * the prelude cannot be prepared without its run (see prepareContext) or the instance does not
   * look as expected: runs then make their own contexts.
   */
  static async build(
    wasmModule: WebAssembly.Module,
    /** The module's layout, found in the template's fresh instance the first time. */
    layoutOf: (fresh: QuickJSInstance) => MemoryLayout | undefined,
    shape: InstanceShape,
    prelude: string | undefined,
    alive: () => void,
  ): Promise<ContextTemplate | undefined> {
    const instance = await QuickJSInstance.create(wasmModule, shape);
    const layout = layoutOf(instance);
    if (!layout) return undefined;
    const guest = await prepareContext(instance.runtime, prelude, alive);
    if (!guest) return undefined;
    const { hostRefs } = instance.runtime;
    type HostRefId = Parameters<typeof hostRefs.get>[0];
    if (!guest.functions.every((fn, i) => hostRefs.get((FIRST_HOST_REF + i) as unknown as HostRefId) === fn)) return undefined;
    const contextPointer = pointerOf(guest.context);
    const randomStateAt = findRandomState(guest.context, instance.memory, contextPointer);
    if (randomStateAt === undefined) return undefined;
    const template = new ContextTemplate(
      prelude,
      MemoryImage.capture(instance.memory, layout),
      pointerOf(instance.runtime),
      contextPointer,
      guest.loader.value,
      randomStateAt,
    );
    // The instance that made the image serves runs too, once its host functions are the
    // dispatching ones: freed ids are handed out again first, in the order they were freed.
    for (let i = 0; i < guest.functions.length; i++) hostRefs.delete((FIRST_HOST_REF + i) as unknown as HostRefId);
    if (dispatcherOf(instance)) template.spare = instance;
    return template;
  }

  /** The instance that made the image, for the first run or warm-up that needs one. */
  takeSpare(): QuickJSInstance | undefined {
    const { spare } = this;
    this.spare = undefined;
    return spare;
  }

  /**
   * Makes `instance` (at rest, same shape) hold this template's context, as if nothing had run in
   * it since; host calls are refused until a run attaches itself. Undefined if it cannot: an
   * instance that made contexts of its own, or whose memory is too small.
   */
  restore(instance: QuickJSInstance): GuestContext | undefined {
    if (instance.contexts === 'own' || pointerOf(instance.runtime) !== this.runtimePointer) return undefined;
    const dispatch = dispatcherOf(instance);
    if (!dispatch || !this.image.restoreInto(instance.memory)) return undefined;
    const seed = randomSeed();
    new DataView(instance.memory.buffer).setBigUint64(this.contextPointer + this.randomStateAt, seed, true);
    const context = adoptContext(instance.runtime, this.contextPointer);
    dispatch.guest = GuestContext.restored(
      context,
      new StaticLifetime(this.loaderPointer) as QuickJSHandle,
      this.prelude,
      refusingTarget(),
    );
    return dispatch.guest;
  }
}

/**
 * The instance's host functions, registered once at the ids the template's bootstrap holds: they
 * serve whichever context was restored last. Undefined if those ids are taken.
 */
function dispatcherOf(instance: QuickJSInstance): { guest?: GuestContext } | undefined {
  let dispatch = served.get(instance);
  if (dispatch) return dispatch;
  const slot: { guest?: GuestContext } = {};
  const ids = hostImplementations(() => slot.guest!).map((fn) => instance.runtime.hostRefs.put(fn));
  if (!ids.every((id, i) => id === FIRST_HOST_REF + i)) {
    instance.contexts = 'own';
    return undefined;
  }
  instance.contexts = 'images';
  served.set(instance, (dispatch = slot));
  return dispatch;
}

// quickjs-emscripten 0.32 wraps contexts it creates itself only (the asyncify runtime ignores
// `contextPointer`): a restored context is wrapped here the way QuickJSAsyncRuntime.newContext does.
interface RuntimeInternals {
  module: unknown;
  ffi: unknown;
  rt: Lifetime<number>;
  callbacks: unknown;
  contextMap: Map<number, QuickJSContext>;
}

function adoptContext(runtime: QuickJSAsyncRuntime, pointer: number): QuickJSAsyncContext {
  const internals = runtime as unknown as RuntimeInternals;
  const context = new QuickJSAsyncContext({
    module: internals.module,
    ffi: internals.ffi,
    rt: internals.rt,
    ctx: new Lifetime(pointer),
    runtime,
    callbacks: internals.callbacks,
    ownedLifetimes: [],
  } as unknown as ConstructorParameters<typeof QuickJSAsyncContext>[0]);
  internals.contextMap.set(pointer, context);
  return context;
}

/** The C pointer behind a runtime or a context (kept private by the library). */
function pointerOf(owner: QuickJSRuntime | QuickJSContext): number {
  const internals = owner as unknown as { rt?: Lifetime<number>; ctx?: Lifetime<number> };
  return ('ctx' in owner ? internals.ctx : internals.rt)!.value;
}

/** Where Math.random keeps its state: the word that one call advances by QuickJS's xorshift64*. */
function findRandomState(context: QuickJSContext, memory: WebAssembly.Memory, contextPointer: number): number | undefined {
  const read = () => {
    const view = new DataView(memory.buffer);
    const words: bigint[] = [];
    for (let at = 0; at < CONTEXT_SCAN_BYTES; at += 8) words.push(view.getBigUint64(contextPointer + at, true));
    return words;
  };
  const before = read();
  context.unwrapResult(context.evalCode('Math.random()')).dispose();
  const after = read();
  const found = before.flatMap((word, i) => (word !== 0n && after[i] === xorshift64(word) ? [i * 8] : []));
  return found.length === 1 ? found[0] : undefined;
}

// Seeds are drawn from the system's generator a batch at a time: one call per restore cost more
// than the rest of the restore.
const seeds = new BigUint64Array(512);
let seedsLeft = 0;

/** A fresh non-zero seed for QuickJS's xorshift64* (zero would stay zero forever). */
function randomSeed(): bigint {
  if (seedsLeft === 0) {
    webcrypto.getRandomValues(seeds);
    seedsLeft = seeds.length;
  }
  return seeds[--seedsLeft]! || 1n;
}

function xorshift64(x: bigint): bigint {
  x ^= x >> 12n;
  x ^= (x << 25n) & U64;
  x ^= x >> 27n;
  return x;
}
