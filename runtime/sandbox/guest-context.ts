// The QuickJS context of one run before the script's own code: host functions, bootstrap (console,
// CommonJS loader) and the prelude. Made at the start of the run, or ahead of it while the instance
// waits in the pool, so that a run only evaluates its units (see instance-pool.ts).
import { Scope, type AsyncFunctionImplementation, type QuickJSAsyncContext, type QuickJSAsyncRuntime, type QuickJSHandle } from 'quickjs-emscripten';
import type { ConsoleLevel } from './api.js';
import { BOOTSTRAP_SOURCE, CONSOLE_LEVELS, REPLY } from './guest-bootstrap.js';
import { INTERNAL_FILE_PREFIX } from './source-map.js';

export const PRELUDE_FILE = 'payscript:prelude.js';

/** Who the context's host functions serve: the run that owns the context. */
export interface GuestTarget {
  /** The raw host function; returns a promise to suspend the guest. */
  hostFunction(context: QuickJSAsyncContext, op: QuickJSHandle, payload: QuickJSHandle): QuickJSHandle | Promise<QuickJSHandle>;
  console(level: ConsoleLevel, text: string): void;
  reportAsyncMisuse(stack: string): void;
}

export interface OpenedContext {
  guest: GuestContext;
  /** The guest's exception from the bootstrap or the prelude (owned by the context's scope). */
  error?: QuickJSHandle;
}

export class GuestContext {
  /** The guest loader `{ define, prepareStart }` made by the bootstrap. */
  loader!: QuickJSHandle;

  private constructor(
    readonly context: QuickJSAsyncContext,
    readonly scope: Scope,
    /** The prelude evaluated in this context; a run may only take a context made with its own. */
    readonly prelude: string | undefined,
    private target: GuestTarget,
  ) {}

  /** A fresh context with host functions, bootstrap and prelude evaluated. */
  static async open(runtime: QuickJSAsyncRuntime, prelude: string | undefined, target: GuestTarget): Promise<OpenedContext> {
    const guest = new GuestContext(runtime.newContext(), new Scope(), prelude, target);
    const error = await guest.evaluate();
    return { guest, error };
  }

  /** Hands a context made ahead of time to the run that takes it. */
  attach(target: GuestTarget): void {
    this.target = target;
  }

  /** After a clean end or a plain guest exception only: frees every handle made, then the context. */
  dispose(): void {
    this.scope.dispose();
    this.context.dispose();
  }

  private async evaluate(): Promise<QuickJSHandle | undefined> {
    const { context, scope } = this;
    // The library suspends the guest only when the implementation returns a promise (handleAsyncify);
    // a run answers synchronously inside promise jobs, hence the widened type.
    const hostImpl = (op: QuickJSHandle, payload: QuickJSHandle) => this.target.hostFunction(context, op, payload);
    const rawHost = scope.manage(context.newAsyncifiedFunction('host', hostImpl as AsyncFunctionImplementation));
    const rawConsole = scope.manage(
      context.newFunction('console', (level, text) => {
        this.target.console(CONSOLE_LEVELS[context.getNumber(level)] ?? 'log', context.getString(text));
      }),
    );
    const reportAsyncMisuse = scope.manage(context.newFunction('reportAsyncMisuse', (stack) => this.target.reportAsyncMisuse(context.getString(stack))));
    const bootstrap = context.evalCode(BOOTSTRAP_SOURCE, `${INTERNAL_FILE_PREFIX}bootstrap.js`);
    if (bootstrap.error) return scope.manage(bootstrap.error);
    const makeLoader = scope.manage(bootstrap.value);
    const made = context.callFunction(makeLoader, context.undefined, rawHost, rawConsole, reportAsyncMisuse);
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

/**
 * Makes a context ahead of its run. Undefined if this prelude needs a run while it loads (the
 * instance stays usable); throws if the instance itself failed.
 */
export async function prepareContext(runtime: QuickJSAsyncRuntime, prelude: string | undefined, alive: () => void): Promise<GuestContext | undefined> {
  let needsRun = false;
  const refuse: GuestTarget = {
    hostFunction(context) {
      needsRun = true;
      return context.newString(REPLY.error + 'host calls are answered only once the script runs');
    },
    console() {
      needsRun = true;
    },
    reportAsyncMisuse() {
      needsRun = true;
    },
  };
  const deadline = performance.now() + PREPARE_DEADLINE_MS;
  runtime.setInterruptHandler(() => {
    alive();
    return performance.now() > deadline;
  });
  const { guest, error } = await GuestContext.open(runtime, prelude, refuse);
  // A guest exception here (the prelude threw, or ran past the deadline) is no harm to the instance:
  // nothing was suspended, so the context is freed as after a clean run.
  if (error || needsRun) {
    guest.dispose();
    return undefined;
  }
  return guest;
}
