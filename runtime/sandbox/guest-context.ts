// The QuickJS context of one run before the script's own code: host functions, bootstrap (console,
// CommonJS loader) and the prelude. Made at the start of the run, or ahead of it while the instance
// waits in the pool, so that a run only evaluates its units (see instance-pool.ts). A context made
// ahead also holds the unit functions of the script the instance ran last: a desk runs the same
// script again and again, and compiling a 200-line unit was the largest part of a warm start.
import {
  Scope,
  type AsyncFunctionImplementation,
  type QuickJSAsyncContext,
  type QuickJSAsyncRuntime,
  type QuickJSHandle,
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
  console(level: ConsoleLevel, line: GuestLine): void;
  reportAsyncMisuse(stack: string): void;
}

export interface OpenedContext {
  guest: GuestContext;
  /** The guest's exception from the bootstrap or the prelude (owned by the context's scope). */
  error?: QuickJSHandle;
}

/** Evaluating a unit's wrapper only makes its function: none of the script's code runs. */
export type UnitFunction = { value: QuickJSHandle; error?: undefined } | { value?: undefined; error: QuickJSHandle };

export class GuestContext {
  /** The guest loader `{ define, prepareStart }` made by the bootstrap. */
  loader!: QuickJSHandle;
  /** Unit functions made ahead, by unit id; each serves a run whose unit has the same code. */
  private readonly madeAhead = new Map<string, { code: string; fn: QuickJSHandle }>();

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

  /** The unit's function (owned by the context's scope): made ahead if its code is the same, else now. */
  unitFunction(unit: WireUnit): UnitFunction {
    const ahead = this.madeAhead.get(unit.id);
    if (ahead?.code === unit.code) return { value: ahead.fn };
    const made = this.context.evalCode(UNIT_PREFIX + unit.code + UNIT_SUFFIX, unit.id);
    return made.error ? { error: this.scope.manage(made.error) } : { value: this.scope.manage(made.value) };
  }

  /** Makes the units' functions ahead of the run; false if one fails (the run reports it itself). */
  makeAhead(units: readonly WireUnit[]): boolean {
    for (const unit of units) {
      const made = this.unitFunction(unit);
      if (made.error) return false;
      this.madeAhead.set(unit.id, { code: unit.code, fn: made.value });
    }
    return true;
  }

  /** Whether the units' functions were all made ahead with this code. */
  hasMadeAhead(units: readonly WireUnit[]): boolean {
    return units.length > 0 && units.every((unit) => this.madeAhead.get(unit.id)?.code === unit.code);
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
      context.newFunction('console', (level, head, length) => {
        // Only the bootstrap calls this, with a string head; the run's budget decides whether to copy it.
        if (context.typeof(head) !== 'string') return;
        const headLength = context.getProp(head, 'length').consume((h) => context.getNumber(h));
        this.target.console(CONSOLE_LEVELS[context.getNumber(level)] ?? 'log', {
          length: Math.max(headLength, context.getNumber(length) || 0),
          headLength,
          read: () => context.getString(head),
        });
      }),
    );
    const reportAsyncMisuse = scope.manage(
      context.newFunction('reportAsyncMisuse', (stack) => this.target.reportAsyncMisuse(context.getString(stack))),
    );
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
 * Makes a context ahead of its run, with the functions of `units` if they can be made without a
 * run. Undefined if this prelude needs a run while it loads (the instance stays usable); throws if
 * the instance itself failed.
 */
export async function prepareContext(
  runtime: QuickJSAsyncRuntime,
  prelude: string | undefined,
  alive: () => void,
  units: readonly WireUnit[] = [],
): Promise<GuestContext | undefined> {
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
  if (units.length === 0 || (guest.makeAhead(units) && !needsRun)) return guest;
  // A unit that does not compile, or whose wrapper did more than make a function: the context may
  // no longer be what its run would have made, so it is made again without units.
  guest.dispose();
  return prepareContext(runtime, prelude, alive);
}
