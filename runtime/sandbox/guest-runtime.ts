// One script run inside one QuickJS instance: a fresh context (made ahead or now), the host
// functions, the units, the limits, and how the run ended.
import type { QuickJSAsyncContext, QuickJSHandle } from 'quickjs-emscripten';
import type { ConsoleLevel } from './api.js';
import { REPLY } from './guest-bootstrap.js';
import { GuestContext, type GuestTarget } from './guest-context.js';
import { OutputBudget, type DroppedOutput, type GuestLine } from './output-budget.js';
import { INTERNAL_HOST_ERROR, type HostReply, type RawOutcome, type StartRun } from './protocol.js';
import { INTERNAL_FILE_PREFIX } from './source-map.js';
import type { QuickJSInstance } from './wasm-instance.js';

/** What a run needs from the worker around it. */
export interface GuestHooks {
  /**
   * Forwards one host call; the promise may never settle if the main thread gives up on the run.
   * A posted call (`awaited` false) gets no answer: its promise settles at once and says nothing.
   */
  hostCall(op: string, payloadJson: string, awaited?: boolean): Promise<HostReply>;
  console(level: ConsoleLevel, text: string): void;
  /** The run's dropped output so far; called when lines start being dropped, then now and then. */
  outputDropped(dropped: DroppedOutput): void;
  /** Called from the interrupt handler, i.e. regularly while guest code runs. */
  alive(): void;
}

const MiB = 1024 * 1024;
/** How long reading a failed script's thrown value (its name, message and stack getters) may take. */
const THROWN_VALUE_READ_MS = 250;
// While a flood is dropped the main thread hears the count at most this often, so a run it ends
// itself (wall limit, stop, crash) still reports roughly what was dropped.
const DROPPED_REPORT_MS = 100;

export interface RunEnd {
  outcome: RawOutcome;
  /** The instance ran to a clean end and its context is disposed: it may serve another run. */
  clean: boolean;
  /** Console lines dropped over the output limit, if any. */
  dropped?: DroppedOutput;
}

export class GuestRun implements GuestTarget {
  private cpuUsedMs = 0;
  /** performance.now() when the guest last started running; undefined while it waits on the host. */
  private runningSince: number | undefined;
  private readonly wallDeadline: number;
  private stopReason: 'cpu-limit' | 'wall-limit' | undefined;
  private inPromiseJobs = false;
  private asyncMisuseStack: string | undefined;
  private internalHostErrors = 0;
  private readonly output: OutputBudget;
  private droppedReportedAt = -Infinity;
  /** Set by the worker when the main thread gave up on the run; the guest stops at the next check. */
  cancelled = false;
  /** While the thrown value of a failed script is read: its getters run guest code, bounded by this. */
  private readingThrownUntil: number | undefined;

  constructor(
    private readonly instance: QuickJSInstance,
    private readonly request: StartRun,
    private readonly hooks: GuestHooks,
    /** A context made ahead with this run's prelude, if the pool had one. */
    private readonly prepared?: GuestContext,
  ) {
    this.wallDeadline = performance.now() + request.limits.wallSeconds * 1000;
    this.output = new OutputBudget(request.limits.outputKiB * 1024);
  }

  async run(): Promise<RunEnd> {
    const end = await this.runGuest();
    return this.output.dropped.lines > 0 ? { ...end, dropped: { ...this.output.dropped } } : end;
  }

  private async runGuest(): Promise<RunEnd> {
    const { runtime } = this.instance;
    const { limits } = this.request;
    this.instance.runs++;
    runtime.setMemoryLimit(Math.floor(limits.memoryMiB * MiB));
    // The stack limit belongs to the instance (see wasm-instance.ts): setting it here would shrink
    // the module-wide asyncify buffer again.
    runtime.setInterruptHandler(() => this.shouldInterrupt());
    this.runningSince = performance.now();
    // The context's handles are disposed with it after a clean run. After any failure the instance
    // is dropped whole (its wasm memory holds every handle), never reused, never disposed.
    try {
      let guest = this.prepared;
      if (guest) {
        guest.attach(this);
      } else {
        this.instance.contexts = 'own';
        const opened = await GuestContext.open(runtime, this.request.prelude, this);
        if (opened.error) return { outcome: this.guestFailure(opened.guest.context, opened.error), clean: false };
        guest = opened.guest;
      }
      const failure = await this.evaluate(guest);
      if (failure) return { outcome: failure, clean: false };
      if (this.asyncMisuseStack !== undefined) return { outcome: this.asyncMisuse(), clean: false };
      guest.dispose();
      return { outcome: { ok: true }, clean: true };
    } catch (error) {
      return { outcome: this.hostFailure(error), clean: false };
    }
  }

  console(level: ConsoleLevel, line: GuestLine): void {
    const text = this.output.admit(line);
    if (text !== undefined) {
      this.hooks.console(level, text);
      return;
    }
    const now = performance.now();
    if (now - this.droppedReportedAt < DROPPED_REPORT_MS) return;
    this.droppedReportedAt = now;
    this.hooks.outputDropped({ ...this.output.dropped });
  }

  reportAsyncMisuse(stack: string): void {
    this.asyncMisuseStack ??= stack;
  }

  /** Defines the units (unless made ahead), runs the entry and the promise jobs; returns the failure, if any. */
  private async evaluate(guest: GuestContext): Promise<RawOutcome | undefined> {
    const { context, scope } = guest;
    const defineError = guest.defineScript(this.request);
    if (defineError) return this.guestFailure(context, defineError);
    const main = await context.evalCodeAsync('__payscriptStart()', `${INTERNAL_FILE_PREFIX}start.js`);
    if (main.error) return this.guestFailure(context, scope.manage(main.error));
    scope.manage(main.value);

    // `.then` callbacks and code after `await` run here, after the script's synchronous end.
    // Promise jobs cannot suspend: host calls made here are refused by hostFunction with a
    // catchable error instead of being silently lost.
    this.inPromiseJobs = true;
    while (context.runtime.hasPendingJob()) {
      const jobs = context.runtime.executePendingJobs(-1);
      if (jobs.error) return this.guestFailure(context, scope.manage(jobs.error));
    }
    return undefined;
  }

  /**
   * The raw host function. Replies are strings tagged with REPLY (see guest-bootstrap.ts); the guest
   * wrapper turns error tags into thrown Errors, so the guest stack points at the caller.
   * Returns a promise (suspend the guest) only outside promise jobs.
   */
  hostFunction(
    context: QuickJSAsyncContext,
    opHandle: QuickJSHandle,
    payloadHandle: QuickJSHandle,
  ): QuickJSHandle | Promise<QuickJSHandle> {
    const op = context.getString(opHandle);
    if (this.inPromiseJobs) return this.refusedInPromiseJobs(context, op);
    const payloadJson = context.getString(payloadHandle);
    this.pauseClock();
    noStackUntilSuspended();
    return this.hooks.hostCall(op, payloadJson).then((reply) => {
      this.resumeClock();
      if (reply.ok) return context.newString(REPLY.result + reply.json);
      if (reply.failure === 'internal') this.internalHostErrors++;
      return context.newString(REPLY.error + (reply.failure === 'script' ? reply.message : INTERNAL_HOST_ERROR));
    });
  }

  /** The raw one-way host function: the guest goes on at once (GuestHooks.hostCall, not awaited). */
  hostPost(context: QuickJSAsyncContext, opHandle: QuickJSHandle, payloadHandle: QuickJSHandle): QuickJSHandle {
    const op = context.getString(opHandle);
    // Refused where a waiting call would be, so the script sees the same behaviour for both.
    if (this.inPromiseJobs) return this.refusedInPromiseJobs(context, op);
    void this.hooks.hostCall(op, context.getString(payloadHandle), false);
    return context.newString(REPLY.result);
  }

  private refusedInPromiseJobs(context: QuickJSAsyncContext, op: string): QuickJSHandle {
    return context.newString(
      REPLY.asyncMisuse +
        `payment calls such as Execute() cannot be used after await or inside .then(): payment scripts are synchronous (host operation "${op}")`,
    );
  }

  private pauseClock(): void {
    if (this.runningSince !== undefined) this.cpuUsedMs += performance.now() - this.runningSince;
    this.runningSince = undefined;
  }

  private resumeClock(): void {
    this.runningSince = performance.now();
  }

  private shouldInterrupt(): boolean {
    this.hooks.alive();
    const now = performance.now();
    if (this.readingThrownUntil !== undefined) return now > this.readingThrownUntil;
    const cpuMs = this.cpuUsedMs + (this.runningSince === undefined ? 0 : now - this.runningSince);
    if (this.cancelled || now > this.wallDeadline) this.stopReason ??= 'wall-limit';
    else if (cpuMs > this.request.limits.cpuSeconds * 1000) this.stopReason ??= 'cpu-limit';
    return this.stopReason !== undefined;
  }

  /** Turns the guest's uncaught exception into an outcome. */
  private guestFailure(context: QuickJSAsyncContext, errorHandle: QuickJSHandle): RawOutcome {
    const { limits } = this.request;
    if (this.stopReason === 'cpu-limit') {
      return {
        ok: false,
        kind: 'cpu-limit',
        message: `script used more than ${limits.cpuSeconds} s of CPU time (limits.cpuSeconds)`,
      };
    }
    if (this.stopReason === 'wall-limit') {
      return { ok: false, kind: 'wall-limit', message: `script ran longer than ${limits.wallSeconds} s (limits.wallSeconds)` };
    }
    if (this.asyncMisuseStack !== undefined) return this.asyncMisuse();
    // The script has failed already; a getter on what it threw must not keep it running for its
    // whole CPU allowance (a `get message() { for (;;) {} }` would).
    this.readingThrownUntil = performance.now() + THROWN_VALUE_READ_MS;
    const error = describe(context, errorHandle);
    const readInTime = performance.now() <= this.readingThrownUntil;
    this.readingThrownUntil = undefined;
    if (!readInTime) {
      return {
        ok: false,
        kind: 'runtime',
        message: `the script threw a value whose properties could not be read within ${THROWN_VALUE_READ_MS} ms (a getter that never returns?)`,
      };
    }
    if (error.name === 'InternalError' && error.message === 'out of memory') {
      return {
        ok: false,
        kind: 'memory-limit',
        message: `script exceeded the memory limit of ${limits.memoryMiB} MiB (limits.memoryMiB)`,
        stack: error.stack,
      };
    }
    if (error.name === 'InternalError' && error.message === 'stack overflow') {
      return {
        ok: false,
        kind: 'stack-overflow',
        message: `stack overflow: recursion too deep for the stack limit of ${limits.stackKiB} KiB (limits.stackKiB)`,
        stack: error.stack,
      };
    }
    return {
      ok: false,
      kind: 'runtime',
      // A plain Error shows just its message (a ScriptFacingError's text reaches the caller as is).
      message: error.name && error.name !== 'Error' ? `${error.name}: ${error.message}` : error.message,
      stack: error.stack,
      internalHostError: this.internalHostErrors > 0 && error.message === INTERNAL_HOST_ERROR,
    };
  }

  private asyncMisuse(): RawOutcome {
    return {
      ok: false,
      kind: 'async-misuse',
      message:
        'payment calls such as Execute() cannot be used after await or inside .then(): payment scripts are synchronous; ' +
        'call them in plain top-level code or ordinary functions',
      stack: this.asyncMisuseStack,
    };
  }

  /** The host side of the instance failed (wasm trap, host stack exhausted): the instance is dead. */
  private hostFailure(error: unknown): RawOutcome {
    if (error instanceof RangeError && /call stack/i.test(error.message)) {
      return {
        ok: false,
        kind: 'stack-overflow',
        message: `stack overflow: recursion too deep for the sandbox thread (limits.stackKiB is ${this.request.limits.stackKiB} KiB)`,
      };
    }
    return {
      ok: false,
      kind: 'crashed',
      message: `the sandbox instance failed: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

/**
 * The library marks every suspension with an Error nobody reads, and V8 captured its stack through
 * the asyncify frames (~6% of a busy worker's time): none is captured until the guest has suspended.
 */
function noStackUntilSuspended(): void {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  queueMicrotask(() => (Error.stackTraceLimit = limit));
}

/** name/message/stack of a thrown guest value; a thrown non-Error gets a message saying so. */
function describe(context: QuickJSAsyncContext, handle: QuickJSHandle): { name?: string; message: string; stack?: string } {
  let value: unknown;
  try {
    value = context.dump(handle);
  } catch {
    return { message: 'the script threw a value that cannot be read' };
  }
  if (typeof value === 'object' && value !== null && 'message' in value) {
    const v = value as { name?: unknown; message?: unknown; stack?: unknown };
    return {
      name: typeof v.name === 'string' ? v.name : undefined,
      message: String(v.message),
      stack: typeof v.stack === 'string' ? v.stack : undefined,
    };
  }
  let shown: string;
  try {
    shown = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  } catch {
    shown = String(value);
  }
  return { message: `the script threw a non-Error value: ${shown} (throw new Error(...) to get a location)` };
}
