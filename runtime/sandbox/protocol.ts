// Plain messages between the main thread (sandbox-host.ts) and a sandbox worker (worker.ts).
import type { MessagePort } from 'node:worker_threads';
import type { ConsoleLevel } from './api.js';
import type { SandboxLimits } from './limits.js';
import type { DroppedOutput } from './output-budget.js';

/** One compiled unit as the guest loader needs it. */
export interface WireUnit {
  id: string;
  code: string;
  deps: Record<string, string>;
}

export interface StartRun {
  type: 'start';
  runId: number;
  entry: string;
  units: WireUnit[];
  prelude?: string;
  limits: SandboxLimits;
}

/** What a guest's host call came to. `script`: a ScriptFacingError; `internal`: any other failure. */
export type HostReply = { ok: true; json: string } | FailedReply;
export type FailedReply = { ok: false; failure: 'script' | 'internal'; message: string };

/** The message a guest gets for a failure inside the host: host internals never reach scripts. */
export const INTERNAL_HOST_ERROR = 'internal host error';

/** The answer to one host call. */
export type HostAnswer = { type: 'answer'; runId: number; callId: number } & HostReply;

/**
 * The main thread gave up on the run (wall limit, stop, crash of a host): stop it, free nothing.
 * Sent on the worker's cancel port, which the guest's interrupt handler reads synchronously: a busy
 * guest blocks the worker's event loop, so a message on the main port would wait for it to finish.
 */
export interface CancelRun {
  runId: number;
}

export interface StatsRequest {
  type: 'stats';
  requestId: number;
  /** Collect garbage before measuring, where the process runs with --expose-gc. */
  collectGarbage: boolean;
}

/** Make instances with contexts for this prelude and these limits before the first run asks. */
export interface WarmUp {
  type: 'warm-up';
  requestId: number;
  limits: SandboxLimits;
  prelude?: string;
  instances: number;
}

export type ToWorker = StartRun | HostAnswer | StatsRequest | WarmUp;

/** One host call; the main thread serves a run's calls one after another, in this order. */
export interface HostCall {
  type: 'host-call';
  runId: number;
  callId: number;
  op: string;
  payloadJson: string;
  /** The guest waits for the answer; a posted call gets none and its failure goes to the next call or the run's end. */
  awaited: boolean;
}

export interface ConsoleLine {
  type: 'console';
  runId: number;
  level: ConsoleLevel;
  text: string;
}

/** The run's console lines dropped over limits.outputKiB so far (sent now and then while it drops). */
export interface OutputDropped {
  type: 'output-dropped';
  runId: number;
  dropped: DroppedOutput;
}

/**
 * How a run ended, before source mapping (the worker has no source maps). Kinds are those of
 * ScriptError except 'compile' (main thread) and 'wall-limit'/'crashed' when the main thread decides.
 */
export type RawOutcome =
  | { ok: true }
  | {
      ok: false;
      kind: 'runtime' | 'cpu-limit' | 'memory-limit' | 'wall-limit' | 'stack-overflow' | 'async-misuse' | 'crashed' | 'stopped';
      message: string;
      /** QuickJS stack of the guest error, frames in compiled-unit coordinates. */
      stack?: string;
      /** The guest error came from a host call that failed inside the host ("internal host error"). */
      internalHostError?: boolean;
    };

export interface RunDone {
  type: 'done';
  runId: number;
  outcome: RawOutcome;
  /** Console lines dropped over the output limit, if any. */
  dropped?: DroppedOutput;
}

/** One worker's instance pool (instance-pool.ts). */
export interface PoolStats {
  /** Instances running a script now. */
  busyInstances: number;
  /** Clean instances kept for reuse. */
  idleInstances: number;
  /** Sum of the wasm linear memory of all live instances, bytes. */
  linearMemoryBytes: number;
  /** Instances made since the worker started. */
  instancesCreated: number;
  /** Runs that found their script's functions made ahead in their context. */
  warmStarts: number;
}

export interface WorkerStats extends PoolStats {
  type: 'stats';
  requestId: number;
  /** The worker's own V8 heap in use, bytes. */
  heapUsedBytes: number;
}

/** The warm-up is over, made or not (a failure shows again in the first run, which reports it). */
export interface WarmedUp {
  type: 'warmed-up';
  requestId: number;
}

/** The worker has loaded its code and takes runs. */
export interface WorkerReady {
  type: 'ready';
}

export type FromWorker = HostCall | ConsoleLine | OutputDropped | RunDone | WorkerStats | WarmedUp | WorkerReady;

/** What a worker posts: its messages of one turn, in order (outbox.ts). */
export type WorkerBatch = FromWorker[];

/**
 * Data every worker starts with. Its QuickJS build (the asyncify module, compiled once on the main
 * thread, and its instances' initial memory) arrives on `buildPort` right after the start: the
 * worker boots while the main thread compiles the module.
 */
export interface WorkerInit {
  /** Int32 slot 0: a counter the worker bumps while alive, read by the main thread's watchdog. */
  heartbeat: SharedArrayBuffer;
  /** Where CancelRun messages arrive (transferred). */
  cancelPort: MessagePort;
  /** Where the QuickJSBuild arrives, once (transferred). */
  buildPort: MessagePort;
}
