// Main-thread side of the sandbox: compiles scripts, spreads runs over worker threads, serves host
// calls, enforces the wall-clock limit and restarts stuck workers.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { collectGarbage } from './collect-garbage.js';
import { ScriptFacingError, type ConsoleLevel, type RunResult, type ScriptError, type ScriptRunRequest } from './api.js';
import { CompileError, warmUpCompiler } from './compile.js';
import { UNIT_PREFIX } from './guest-bootstrap.js';
import { resolveLimits, type SandboxLimits } from './limits.js';
import { buildModuleGraph, type ModuleGraph } from './module-graph.js';
import { droppedOutputNotice, type DroppedOutput } from './output-budget.js';
import {
  INTERNAL_HOST_ERROR,
  type FailedReply,
  type FromWorker,
  type HostCall,
  type HostReply,
  type RawOutcome,
  type ToWorker,
  type WorkerStats,
} from './protocol.js';
import { INTERNAL_FILE_PREFIX, StackMapper } from './source-map.js';
import { DECLARED_INITIAL_PAGES, SANDBOX_INITIAL_PAGES, type QuickJSBuild } from './wasm-instance.js';
import { withMemoryMinimum } from './wasm-memory-import.js';
import { WorkerSlot } from './worker-slot.js';

export interface SandboxHostOptions {
  /** Worker threads; default: the number of CPUs. */
  workers?: number;
  /** A worker silent this long is restarted and its runs fail as 'crashed'; default 5 s. */
  watchdogSeconds?: number;
}

export interface WarmUpOptions {
  /** The prelude the coming runs will use; their contexts are made with it ahead of time. */
  prelude?: string;
  limits?: Partial<SandboxLimits>;
  /** Ready instances per worker; default 1. */
  instances?: number;
  /** Start the compiler too (default): a one-shot run whose script this machine compiled before never needs it. */
  compiler?: boolean;
}

export interface SandboxStats {
  workers: number;
  runsInFlight: number;
  busyInstances: number;
  /** Busy instances of each worker: how the runs in flight are spread. */
  busyInstancesPerWorker: number[];
  idleInstances: number;
  instancesCreated: number;
  /** Runs that found their script's functions made ahead (the same script as the instance's last run). */
  warmStarts: number;
  /** Sum of the wasm linear memory of all live instances, bytes. */
  linearMemoryBytes: number;
  /** Sum of the workers' own V8 heaps in use, bytes. */
  workerHeapUsedBytes: number;
}

interface RunState {
  request: ScriptRunRequest;
  limits: SandboxLimits;
  slot: WorkerSlot;
  mapper: StackMapper;
  abort: AbortController;
  wallTimer: NodeJS.Timeout;
  /** Removes the listener on the caller's stop signal. */
  detach?: () => void;
  /** The last non-script failure of a host handler, kept for the result if the script dies of it. */
  internalError?: unknown;
  /** Console lines the worker dropped over the output limit, as last heard. */
  dropped?: DroppedOutput;
  /** The run's host calls, served one after another in the order the guest made them. */
  hostCalls: Promise<void>;
  /** A posted call that failed, until the run's next awaited call (or its end) fails with it. */
  postedFailure?: { op: string; reply: FailedReply };
  resolve: (result: RunResult) => void;
}

// Compiled once per process and shared by every worker: an instance built from a precompiled
// module costs ~1.5 ms instead of ~6 ms. Its memory import is declared smaller (wasm-memory-import.ts).
// Read and compiled synchronously (6-10 ms, functions compile lazily) right after the first workers
// started, which boot meanwhile. Compiled asynchronously, the workers' start waited for the main
// thread to finish what it did meanwhile: a one-shot run loads the host then, and its worker
// began 60-150 ms late.
let build: QuickJSBuild | undefined;
function quickJSBuild(): QuickJSBuild {
  if (build) return build;
  const file = createRequire(import.meta.url).resolve('@jitl/quickjs-wasmfile-release-asyncify/wasm');
  const bytes = readFileSync(file);
  const smaller = withMemoryMinimum(bytes, SANDBOX_INITIAL_PAGES);
  build = {
    wasmModule: new WebAssembly.Module(smaller ?? bytes),
    initialPages: smaller ? SANDBOX_INITIAL_PAGES : DECLARED_INITIAL_PAGES,
  };
  return build;
}

export class SandboxHost {
  private readonly workerCount: number;
  private readonly watchdogMs: number;
  private slots: WorkerSlot[] | undefined;
  private starting: Promise<WorkerSlot[]> | undefined;
  private readonly runs = new Map<number, RunState>();
  private nextRunId = 1;
  private nextRequestId = 1;
  /** Requests to a worker waiting for its reply; settled with undefined if the worker goes. */
  private readonly waiting = new Map<number, { slot: WorkerSlot; settle: (reply: FromWorker | undefined) => void }>();
  private watchdog: NodeJS.Timeout | undefined;
  private warming: Promise<void> | undefined;
  private closed = false;

  constructor(options: SandboxHostOptions = {}) {
    this.workerCount = Math.max(1, Math.floor(options.workers ?? availableParallelism()));
    this.watchdogMs = (options.watchdogSeconds ?? 5) * 1000;
  }

  async run(request: ScriptRunRequest): Promise<RunResult> {
    if (this.closed) throw new Error('SandboxHost is closed');
    const limits = resolveLimits(request.limits);
    // Workers start while the script compiles: on a first run both take hundreds of milliseconds.
    const starting = this.workers();
    starting.catch(() => undefined); // awaited below, unless the script does not compile
    let graph;
    try {
      graph = await buildModuleGraph(request.entry, request.roots);
    } catch (error) {
      if (error instanceof CompileError) {
        return {
          ok: false,
          error: { kind: 'compile', message: error.message, file: error.file, line: error.line, column: error.column },
        };
      }
      throw error;
    }
    const slots = await starting;
    await this.warming;
    if (this.closed) throw new Error('SandboxHost is closed');
    return this.runGraph(
      graph,
      request,
      limits,
      slots.reduce((best, s) => (s.runs.size < best.runs.size ? s : best)),
    );
  }

  /** Starts a compiled graph on a worker; its result when the run ends. */
  private async runGraph(
    graph: ModuleGraph,
    request: ScriptRunRequest,
    limits: SandboxLimits,
    slot: WorkerSlot,
  ): Promise<RunResult> {
    // Counted on its worker at once: a burst of runs chooses workers before any is ready, and
    // counted only once ready, all 1 000 of a burst went to the first worker.
    const runId = this.nextRunId++;
    slot.runs.add(runId);
    try {
      await slot.ready;
    } catch (error) {
      slot.runs.delete(runId);
      return { ok: false, error: { kind: 'crashed', message: (error as Error).message } };
    }
    if (this.closed) {
      slot.runs.delete(runId);
      throw new Error('SandboxHost is closed');
    }
    return new Promise<RunResult>((resolve) => {
      // Posted first: the worker wakes up while the run's state is made here (this thread handles
      // its first message only after this code returns).
      slot.post({
        type: 'start',
        runId,
        entry: graph.entry,
        units: graph.units.map((u) => ({ id: u.id, code: u.code, deps: u.deps })),
        prelude: request.prelude,
        limits,
      });
      const state: RunState = {
        request,
        limits,
        slot,
        mapper: new StackMapper(graph.units, UNIT_PREFIX.length),
        abort: new AbortController(),
        // The worker stops a busy guest itself at the deadline; this timer also ends runs whose
        // guest waits in a host call that never settles.
        wallTimer: setTimeout(() => this.endRun(runId, wallLimit(limits)), limits.wallSeconds * 1000),
        hostCalls: Promise.resolve(),
        resolve,
      };
      this.runs.set(runId, state);
      const stop = () => this.endRun(runId, stopped(request.signal!));
      request.signal?.addEventListener('abort', stop, { once: true });
      state.detach = () => request.signal?.removeEventListener('abort', stop);
      if (request.signal?.aborted) stop();
    });
  }

  /**
   * Starts the workers, makes ready instances with contexts for `prelude` in each, and starts the
   * compiler, so that the first script waits for none of it. Never rejects: whatever fails here
   * fails again in the first run, which reports it.
   */
  async warmUp(options: WarmUpOptions = {}): Promise<void> {
    // The compiler's service starts while the workers load on their own threads.
    const compiler = (options.compiler === false ? Promise.resolve() : warmUpCompiler()).catch(() => {
      // the first compile meets the same failure and reports it
    });
    // Runs wait for the instances (not the compiler): one arriving meanwhile would make a second
    // instance beside the one warming.
    this.warming = this.warmUpInstances(options).catch(() => undefined);
    await Promise.all([this.warming, compiler]);
  }

  private async warmUpInstances(options: WarmUpOptions): Promise<void> {
    let slots: WorkerSlot[];
    try {
      slots = await this.workers();
    } catch {
      return;
    }
    if (this.closed) return;
    const limits = resolveLimits(options.limits);
    await Promise.all(
      slots.map((slot) =>
        this.ask(slot, (requestId) => ({
          type: 'warm-up',
          requestId,
          limits,
          prelude: options.prelude,
          instances: options.instances ?? 1,
        })),
      ),
    );
    // One run per worker of a unit that does what scripts do, so that the first script does not
    // pay for QuickJS's parser, compiler and interpreter running in V8 for the first time.
    const request = { entry: WARM_UP_UNIT.id, prelude: options.prelude, host: async () => null, limits: options.limits };
    await Promise.all(slots.map((slot) => this.runGraph(WARM_UP_GRAPH, request, limits, slot)));
  }

  /**
   * Instance and memory figures of all workers, for monitoring and leak tests; `collectGarbage`
   * first collects in every worker and here (with --expose-gc) so figures show what is live.
   */
  async stats(options: { collectGarbage?: boolean } = {}): Promise<SandboxStats> {
    const slots = this.slots ?? [];
    const collect = options.collectGarbage ?? false;
    const replies = await Promise.all(
      slots.map((slot) => this.ask(slot, (requestId) => ({ type: 'stats', requestId, collectGarbage: collect }))),
    );
    if (collect) collectGarbage();
    const sum = (key: Exclude<keyof WorkerStats, 'type' | 'requestId'>) =>
      replies.reduce((n, r) => n + (r?.type === 'stats' ? r[key] : 0), 0);
    return {
      workers: slots.length,
      runsInFlight: this.runs.size,
      busyInstances: sum('busyInstances'),
      busyInstancesPerWorker: replies.map((r) => (r?.type === 'stats' ? r.busyInstances : 0)),
      idleInstances: sum('idleInstances'),
      instancesCreated: sum('instancesCreated'),
      warmStarts: sum('warmStarts'),
      linearMemoryBytes: sum('linearMemoryBytes'),
      workerHeapUsedBytes: sum('heapUsedBytes'),
    };
  }

  /** Sends a request to one worker; its reply, or undefined if the worker went first. */
  private ask(slot: WorkerSlot, message: (requestId: number) => ToWorker): Promise<FromWorker | undefined> {
    if (this.closed) return Promise.resolve(undefined);
    return new Promise((settle) => {
      const requestId = this.nextRequestId++;
      this.waiting.set(requestId, { slot, settle });
      slot.post(message(requestId));
    });
  }

  private settleRequests(slot: WorkerSlot): void {
    for (const [requestId, waiter] of this.waiting) {
      if (waiter.slot !== slot) continue;
      this.waiting.delete(requestId);
      waiter.settle(undefined);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.watchdog) clearInterval(this.watchdog);
    for (const runId of [...this.runs.keys()]) {
      this.endRun(runId, { ok: false, kind: 'crashed', message: 'the sandbox host was closed while the script ran' });
    }
    const slots = this.slots ?? (await this.starting?.catch(() => [])) ?? [];
    this.slots = [];
    for (const slot of slots) this.settleRequests(slot);
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  /** The live workers, started on first use; `slots` is replaced whenever a worker is. */
  private async workers(): Promise<WorkerSlot[]> {
    // Started before the first await: the workers boot while the caller goes on.
    this.starting ??= (async () => {
      const slots = Array.from({ length: this.workerCount }, () => this.spawn());
      let build: QuickJSBuild;
      try {
        build = quickJSBuild();
      } catch (error) {
        await Promise.all(slots.map((slot) => slot.worker.terminate()));
        throw error;
      }
      for (const slot of slots) slot.provide(build);
      this.slots = slots;
      const period = Math.min(1000, Math.max(50, this.watchdogMs / 4));
      this.watchdog = setInterval(() => this.checkWorkers(), period);
      this.watchdog.unref();
      return this.slots;
    })();
    await this.starting;
    return this.slots!;
  }

  /** A started worker; it waits for its QuickJS build (WorkerSlot.provide). */
  private spawn(): WorkerSlot {
    return new WorkerSlot(
      (slot, message) => this.onWorkerMessage(slot, message),
      (slot, reason) => this.replace(slot, reason),
    );
  }

  private checkWorkers(): void {
    const now = performance.now();
    for (const slot of this.slots ?? []) {
      const silent = slot.silentForMs(now);
      if (silent > this.watchdogMs) {
        this.replace(slot, `the sandbox worker stopped responding for ${(silent / 1000).toFixed(1)} s and was restarted`);
      }
    }
  }

  /** Fails the worker's runs, stops it (if it still runs) and puts a fresh worker in its place. */
  private replace(slot: WorkerSlot, reason: string): void {
    if (!this.slots?.includes(slot)) return;
    const fresh = this.spawn();
    fresh.provide(quickJSBuild());
    this.slots = this.slots.map((s) => (s === slot ? fresh : s));
    for (const runId of [...slot.runs]) this.endRun(runId, { ok: false, kind: 'crashed', message: reason });
    this.settleRequests(slot);
    void slot.worker.terminate();
  }

  private onWorkerMessage(slot: WorkerSlot, message: FromWorker): void {
    switch (message.type) {
      case 'host-call':
        this.serveHostCall(slot, message);
        break;
      case 'console': {
        const state = this.runs.get(message.runId);
        if (state) deliverConsole(state, message.level, message.text);
        break;
      }
      case 'output-dropped': {
        const state = this.runs.get(message.runId);
        if (state) state.dropped = message.dropped;
        break;
      }
      case 'done': {
        const state = this.runs.get(message.runId);
        if (!state) break;
        if (message.dropped) state.dropped = message.dropped;
        // Its posted calls are applied before the run ends: the caller's clean-up comes after them,
        // and one that failed fails the run.
        void state.hostCalls.then(() => this.endRun(message.runId, withPostedFailure(state, message.outcome)));
        break;
      }
      case 'stats':
      case 'warmed-up':
        this.waiting.get(message.requestId)?.settle(message);
        this.waiting.delete(message.requestId);
        break;
    }
  }

  private serveHostCall(slot: WorkerSlot, call: HostCall): void {
    const state = this.runs.get(call.runId);
    if (!state) return;
    state.hostCalls = state.hostCalls.then(() => this.performHostCall(slot, state, call));
  }

  /** One host call, after the run's earlier ones: a run that ended meanwhile makes no more. */
  private async performHostCall(slot: WorkerSlot, state: RunState, call: HostCall): Promise<void> {
    if (this.runs.get(call.runId) !== state) return;
    if (!call.awaited) {
      // Not made after a failure the script has not seen yet: it would go on as if all went well.
      if (state.postedFailure) return;
      const reply = await this.hostReply(state, call);
      if (!reply.ok) state.postedFailure = { op: call.op, reply };
      return;
    }
    let reply: HostReply;
    if (state.postedFailure) {
      reply = state.postedFailure.reply;
      state.postedFailure = undefined;
    } else {
      reply = await this.hostReply(state, call);
    }
    if (this.runs.get(call.runId) === state) slot.post({ type: 'answer', runId: call.runId, callId: call.callId, ...reply });
  }

  private async hostReply(state: RunState, call: HostCall): Promise<HostReply> {
    let payload: unknown;
    try {
      payload = JSON.parse(call.payloadJson);
    } catch {
      return { ok: false, failure: 'script', message: `the payload of host operation "${call.op}" is not valid JSON` };
    }
    let value: unknown;
    try {
      value = await state.request.host(call.op, payload, { signal: state.abort.signal });
    } catch (error) {
      if (error instanceof ScriptFacingError) return { ok: false, failure: 'script', message: error.message };
      state.internalError = error;
      return { ok: false, failure: 'internal', message: INTERNAL_HOST_ERROR };
    }
    try {
      return { ok: true, json: JSON.stringify(value ?? null) };
    } catch (error) {
      // A cycle or a BigInt in the handler's value: a host bug, not the script's.
      state.internalError = error;
      return { ok: false, failure: 'internal', message: INTERNAL_HOST_ERROR };
    }
  }

  private endRun(runId: number, outcome: RawOutcome): void {
    const state = this.runs.get(runId);
    if (!state) return;
    this.runs.delete(runId);
    state.slot.runs.delete(runId);
    clearTimeout(state.wallTimer);
    state.detach?.();
    const { dropped } = state;
    if (dropped) deliverConsole(state, 'warn', droppedOutputNotice(dropped, state.limits.outputKiB));
    const output = dropped ? { outputDropped: dropped } : {};
    if (outcome.ok) {
      state.resolve({ ok: true, ...output });
      return;
    }
    // Tell the host handlers first: a payment in progress must learn the script is gone.
    state.abort.abort(new Error(outcome.message));
    if (outcome.kind === 'wall-limit' || outcome.kind === 'crashed' || outcome.kind === 'stopped') {
      state.slot.cancel(runId);
    }
    state.resolve({ ok: false, error: toScriptError(state, outcome), ...output });
  }
}

const WARM_UP_UNIT = {
  id: `${INTERNAL_FILE_PREFIX}warm-up.js`,
  map: '{"version":3,"sources":[],"mappings":""}',
  deps: {},
  code: `"use strict";
class Basket {
  lines = [];
  add(sku, quantity, price = 0) { this.lines.push({ sku, quantity, price }); return this; }
  total() {
    let net = 0;
    for (const { quantity, price } of this.lines) net += Math.round(quantity * price * 100) / 100;
    return { net, vat: Math.round(net * 21) / 100 };
  }
}
const basket = new Basket().add('A', 2, 10.5).add('B', 1);
const totals = basket.total();
const label = \`total \${totals.net.toFixed(2)} \${JSON.stringify(totals)}\`;
try { if (label.length > 0 && basket?.total().vat !== undefined) [1, 2].map((n) => n * 2).filter(Boolean); }
catch (error) { String(error); }
`,
};
const WARM_UP_GRAPH: ModuleGraph = { entry: WARM_UP_UNIT.id, units: [WARM_UP_UNIT] };

function deliverConsole(state: RunState, level: ConsoleLevel, text: string): void {
  try {
    state.request.onConsole?.(level, text);
  } catch {
    // A failing console sink must not end the run; the line is lost, nothing else.
  }
}

/** A run's outcome with the failure of a posted call it never met: such a failure must not vanish. */
function withPostedFailure(state: RunState, outcome: RawOutcome): RawOutcome {
  const posted = state.postedFailure;
  if (!posted) return outcome;
  const { op, reply } = posted;
  const failed = `host operation "${op}" failed: ${reply.message}`;
  if (!outcome.ok) return { ...outcome, message: `${outcome.message} (and before that, ${failed})` };
  // Shown like a script error at its next call would be: the message alone, a host's own failure as INTERNAL_HOST_ERROR.
  return { ok: false, kind: 'runtime', message: reply.message, internalHostError: reply.failure === 'internal' };
}

function stopped(signal: AbortSignal): RawOutcome {
  const reason = signal.reason instanceof Error ? signal.reason.message : 'stopped from outside';
  return { ok: false, kind: 'stopped', message: `the script was stopped: ${reason}` };
}

function wallLimit(limits: SandboxLimits): RawOutcome {
  return { ok: false, kind: 'wall-limit', message: `script ran longer than ${limits.wallSeconds} s (limits.wallSeconds)` };
}

function toScriptError(state: RunState, outcome: Exclude<RawOutcome, { ok: true }>): ScriptError {
  let message = outcome.message;
  if (outcome.internalHostError && state.internalError !== undefined) {
    const real = state.internalError;
    message = `${message} (${real instanceof Error ? real.message : String(real)})`;
  }
  const error: ScriptError = { kind: outcome.kind, message };
  if (outcome.stack) {
    const mapped = state.mapper.map(outcome.stack);
    error.stack = mapped.stack;
    if (mapped.location) Object.assign(error, mapped.location);
  }
  return error;
}
