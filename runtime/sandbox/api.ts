// The public shapes of a script run: what callers hand in and what they get back.
import type { SandboxLimits } from './limits.js';
import type { DroppedOutput } from './output-budget.js';

/**
 * Thrown by a host handler when the script made a mistake the script should see (bad argument,
 * unknown client). Its message reaches the guest as a catchable `Error`; any other rejection reaches
 * the guest only as "internal host error" so host internals never leak into scripts.
 */
export class ScriptFacingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScriptFacingError';
  }
}

export interface HostCallContext {
  /** Aborted when the run ends early (wall limit, CPU limit, crash, close). */
  signal: AbortSignal;
}

export type HostHandler = (op: string, payload: unknown, ctx: HostCallContext) => Promise<unknown>;

export type ConsoleLevel = 'log' | 'info' | 'warn' | 'error' | 'debug';

export interface ScriptRunRequest {
  /** Absolute path of a .ts or .js file; it may import other units by relative path. */
  entry: string;
  /**
   * The folders the entry and every unit it imports must lie in (symbolic links followed); an
   * import leading elsewhere fails the run. Default: the entry's own folder and those below it.
   */
  roots?: readonly string[];
  /** Guest JavaScript evaluated before the script, in the same context; sees `__payscriptHost`. */
  prelude?: string;
  /** Serves every call the guest makes through `__payscriptHost`, one at a time in the order it made them. */
  host: HostHandler;
  limits?: Partial<SandboxLimits>;
  /** Each kept console line (cut at LINE_MAX_CHARS characters), in order; see limits.outputKiB. */
  onConsole?: (level: ConsoleLevel, text: string) => void;
  /** Stops the run from outside; a pending host call sees its own signal aborted first. */
  signal?: AbortSignal;
}

export type ScriptErrorKind =
  | 'compile'
  | 'runtime'
  | 'cpu-limit'
  | 'memory-limit'
  | 'wall-limit'
  | 'stack-overflow'
  | 'async-misuse'
  | 'crashed'
  /** Stopped from outside through `ScriptRunRequest.signal` (the cash desk's Ctrl+C). */
  | 'stopped';

export interface ScriptError {
  kind: ScriptErrorKind;
  message: string;
  file?: string;
  line?: number;
  column?: number;
  stack?: string;
}

export interface RunResult {
  ok: boolean;
  error?: ScriptError;
  /**
   * Console lines dropped over limits.outputKiB; present only when some were. `onConsole` then got a
   * last line saying so.
   */
  outputDropped?: DroppedOutput;
}
