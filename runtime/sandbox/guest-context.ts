// The QuickJS context of one run before the script's own code: host functions, bootstrap (console,
// CommonJS loader) and the prelude. Made once per worker and restored from its memory image
// (context-template.ts), or made by the run when the prelude needs it. A context restored ahead
// also holds the unit functions of the script the instance ran last: a desk runs the same script
// again and again, and compiling a 200-line unit was the largest part of a warm start.
import {
  Scope,
  type AsyncFunctionImplementation,
  type QuickJSAsyncContext,
  type QuickJSAsyncRuntime,
  type QuickJSHandle,
  type VmFunctionImplementation,
} from 'quickjs-emscripten';
import type { ConsoleLevel } from './api.js';
import { BOOTSTRAP_SOURCE, CONSOLE_LEVELS, REPLY, UNIT_PREFIX, UNIT_SUFFIX } from './guest-bootstrap.js';
import type { GuestLine } from './output-budget.js';
import type { WireUnit } from './protocol.js';
import { INTERNAL_FILE_PREFIX } from './source-map.js';

export const PRELUDE_FILE = 'payscript:prelude.js';

/** Who the context's host functions serve: the run that owns the context. */
export interface GuestTarget {
  /** The raw host function; returns a promise to suspend the guest. */
  hostFunction(context: QuickJSAsyncContext, op: QuickJSHandle, payload: QuickJSHandle): QuickJSHandle | Promise<QuickJSHandle>;
  /** The raw one-way host function: sends the call and returns at once. */
  hostPost(context: QuickJSAsyncContext, op: QuickJSHandle, payload: QuickJSHandle): QuickJSHandle;
  console(level: ConsoleLevel, line: GuestLine): void;
  reportAsyncMisuse(stack: string): void;
}

export interface OpenedContext {
  guest: GuestContext;
  /** The guest's exception from the bootstrap or the prelude (owned by the context's scope). */
  error?: QuickJSHandle;
}

/** The parts of a run's request that say which script it is. */
export interface ScriptUnits {
  entry: string;
  units: readonly WireUnit[];
}

/** A host function's implementation as the library calls it, with the guest's arguments. */
export type HostImplementation = (...args: QuickJSHandle[]) => QuickJSHandle | Promise<QuickJSHandle> | void;

/**
 * The bootstrap's four host functions (rawHost, rawConsole, reportAsyncMisuse, rawPost, in this
 * order), serving whichever context `guest` names when they are called.
 */
export function hostImplementations(guest: () => GuestContext): HostImplementation[] {
  return [
    (op, payload) => guest().hostCall(op!, payload!),
    (level, head, length) => guest().consoleCall(level!, head!, length!),
    (stack) => guest().asyncMisuseCall(stack!),
    (op, payload) => guest().hostPost(op!, payload!),
  ];
}

export class GuestContext {
  /** The guest loader `{ define, prepareStart }` made by the bootstrap. */
  loader!: QuickJSHandle;
  /** This context's own host functions, in the order of hostImplementations (none if restored). */
  functions: readonly HostImplementation[] = [];
  /** Units defined in the loader (ahead or by the run), by id: each serves a run whose unit has the same code and deps. */
  private readonly defined = new Map<string, { code: string; deps: string; fn: QuickJSHandle }>();
  /** The entry `__payscriptStart` loads, once set. */
  private startEntry: string | undefined;

  private constructor(
    readonly context: QuickJSAsyncContext,
    readonly scope: Scope,
    /** The prelude evaluated in this context; a run may only take a context made with its own. */
    readonly prelude: string | undefined,
    private target: GuestTarget,
    /** Restored from a memory image: the next restore frees everything, nothing is freed one by one. */
    private readonly restored: boolean,
  ) {}

  /** A fresh context with host functions, bootstrap and prelude evaluated. */
  static async open(runtime: QuickJSAsyncRuntime, prelude: string | undefined, target: GuestTarget): Promise<OpenedContext> {
    const guest = new GuestContext(runtime.newContext(), new Scope(), prelude, target, false);
    const error = await guest.evaluate();
    return { guest, error };
  }

  /** A context restored from a memory image, whose bootstrap made `loader`. */
  static restored(
    context: QuickJSAsyncContext,
    loader: QuickJSHandle,
    prelude: string | undefined,
    target: GuestTarget,
  ): GuestContext {
    const guest = new GuestContext(context, new Scope(), prelude, target, true);
    guest.loader = loader;
    return guest;
  }

  /** Hands a context made ahead of time to the run that takes it. */
  attach(target: GuestTarget): void {
    this.target = target;
  }

  /**
   * Defines the units in the loader and sets the entry, leaving what was defined ahead with the same
   * code and deps: evaluating a unit's wrapper only makes its function and defining it runs none of
   * the script's code. The guest's exception (owned by the context's scope), if any.
   */
  defineScript(script: ScriptUnits): QuickJSHandle | undefined {
    const { context, scope, loader } = this;
    for (const unit of script.units) {
      const deps = JSON.stringify(unit.deps);
      const known = this.defined.get(unit.id);
      if (known?.code === unit.code && known.deps === deps) continue;
      let fn = known?.code === unit.code ? known.fn : undefined;
      if (!fn) {
        const made = context.evalCode(UNIT_PREFIX + unit.code + UNIT_SUFFIX, unit.id);
        if (made.error) return scope.manage(made.error);
        fn = scope.manage(made.value);
      }
      const depsObject = context.evalCode(`(${deps})`, `${INTERNAL_FILE_PREFIX}deps.js`);
      if (depsObject.error) return scope.manage(depsObject.error);
      const define = context
        .getProp(loader, 'define')
        .consume((d) =>
          context.callFunction(d, loader, scope.manage(context.newString(unit.id)), scope.manage(depsObject.value), fn),
        );
      if (define.error) return scope.manage(define.error);
      scope.manage(define.value);
      this.defined.set(unit.id, { code: unit.code, deps, fn });
    }
    if (this.startEntry === script.entry) return undefined;
    const prepared = context
      .getProp(loader, 'prepareStart')
      .consume((prepareStart) => context.callFunction(prepareStart, loader, scope.manage(context.newString(script.entry))));
    if (prepared.error) return scope.manage(prepared.error);
    scope.manage(prepared.value);
    this.startEntry = script.entry;
    return undefined;
  }

  /** Whether the script's units were all defined ahead with this code. */
  hasMadeAhead(units: readonly WireUnit[]): boolean {
    return units.length > 0 && units.every((unit) => this.defined.get(unit.id)?.code === unit.code);
  }

  /**
   * After a clean end or a plain guest exception only: frees every handle made, then the context.
   * A restored context is left as it is: the instance's next restore overwrites all of it at once.
   */
  dispose(): void {
    if (this.restored) return;
    this.scope.dispose();
    this.context.dispose();
  }

  /** rawHost: the raw host function; returns a promise to suspend the guest. */
  hostCall(op: QuickJSHandle, payload: QuickJSHandle): QuickJSHandle | Promise<QuickJSHandle> {
    return this.target.hostFunction(this.context, op, payload);
  }

  /** rawPost: the raw one-way host function. */
  hostPost(op: QuickJSHandle, payload: QuickJSHandle): QuickJSHandle {
    return this.target.hostPost(this.context, op, payload);
  }

  /** rawConsole(level, head, length): only the bootstrap calls it, with a string head. */
  consoleCall(level: QuickJSHandle, head: QuickJSHandle, length: QuickJSHandle): void {
    const { context } = this;
    if (context.typeof(head) !== 'string') return;
    const headLength = context.getProp(head, 'length').consume((h) => context.getNumber(h));
    // The run's budget decides whether to copy the head out of the instance.
    this.target.console(CONSOLE_LEVELS[context.getNumber(level)] ?? 'log', {
      length: Math.max(headLength, context.getNumber(length) || 0),
      headLength,
      read: () => context.getString(head),
    });
  }

  asyncMisuseCall(stack: QuickJSHandle): void {
    this.target.reportAsyncMisuse(this.context.getString(stack));
  }

  private async evaluate(): Promise<QuickJSHandle | undefined> {
    const { context, scope } = this;
    this.functions = hostImplementations(() => this);
    const [host, consoleFn, misuse, post] = this.functions;
    // The library suspends the guest only when the implementation returns a promise (handleAsyncify);
    // a run answers synchronously inside promise jobs, hence the widened type.
    const rawHost = scope.manage(context.newAsyncifiedFunction('host', host as AsyncFunctionImplementation));
    const rawConsole = scope.manage(context.newFunction('console', consoleFn as VmFunctionImplementation<QuickJSHandle>));
    const reportAsyncMisuse = scope.manage(
      context.newFunction('reportAsyncMisuse', misuse as VmFunctionImplementation<QuickJSHandle>),
    );
    const bootstrap = context.evalCode(BOOTSTRAP_SOURCE, `${INTERNAL_FILE_PREFIX}bootstrap.js`);
    if (bootstrap.error) return scope.manage(bootstrap.error);
    const makeLoader = scope.manage(bootstrap.value);
    const rawPost = scope.manage(context.newFunction('post', post as VmFunctionImplementation<QuickJSHandle>));
    const made = context.callFunction(makeLoader, context.undefined, rawHost, rawConsole, reportAsyncMisuse, rawPost);
    if (made.error) return scope.manage(made.error);
    this.loader = scope.manage(made.value);
    if (this.prelude !== undefined) {
      const prelude = await context.evalCodeAsync(this.prelude, PRELUDE_FILE);
      if (prelude.error) return scope.manage(prelude.error);
      scope.manage(prelude.value);
    }
    return undefined;
  }
}

// A context made ahead of time must be exactly what the run would have made itself. A prelude that
// calls the host or the console while it loads would need a run to answer: such a context is thrown
// away and the run makes its own, with the calls served.
const PREPARE_DEADLINE_MS = 1000;

/** Refuses every call while no run owns the context, and remembers that one came. */
export function refusingTarget(): GuestTarget & { called: boolean } {
  const target = {
    called: false,
    hostFunction(context: QuickJSAsyncContext) {
      target.called = true;
      return context.newString(REPLY.error + 'host calls are answered only once the script runs');
    },
    hostPost(context: QuickJSAsyncContext) {
      return target.hostFunction(context);
    },
    console() {
      target.called = true;
    },
    reportAsyncMisuse() {
      target.called = true;
    },
  };
  return target;
}

/** Guest code run before any run owns the context stops at the deadline. */
function limitUnattended(runtime: QuickJSAsyncRuntime, alive: () => void): void {
  const deadline = performance.now() + PREPARE_DEADLINE_MS;
  runtime.setInterruptHandler(() => {
    alive();
    return performance.now() > deadline;
  });
}

/**
 * Makes a context ahead of its run. Undefined if this prelude needs a run while it loads (the
 * instance stays usable); throws if the instance itself failed.
 */
export async function prepareContext(
  runtime: QuickJSAsyncRuntime,
  prelude: string | undefined,
  alive: () => void,
): Promise<GuestContext | undefined> {
  const refuse = refusingTarget();
  limitUnattended(runtime, alive);
  const { guest, error } = await GuestContext.open(runtime, prelude, refuse);
  // A guest exception here (the prelude threw, or ran past the deadline) is no harm to the instance:
  // nothing was suspended, so the context is freed as after a clean run.
  if (error || refuse.called) {
    guest.dispose();
    return undefined;
  }
  return guest;
}

/**
 * Defines `script` in a context no run owns yet. False if a unit does not compile or its wrapper did
 * more than make a function: the context may then no longer be what its run would have made, and
 * must not serve it.
 */
export function makeAheadUnattended(guest: GuestContext, script: ScriptUnits, alive: () => void): boolean {
  const refuse = refusingTarget();
  guest.attach(refuse);
  limitUnattended(guest.context.runtime, alive);
  return guest.defineScript(script) === undefined && !refuse.called;
}
