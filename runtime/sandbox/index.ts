// runtime/sandbox: runs one TypeScript or JavaScript script in QuickJS with limits, serving its host
// calls. Payment-agnostic: the bindings give the prelude and the host handler.
export { ScriptFacingError } from './api.js';
export type {
  ConsoleLevel,
  HostCallContext,
  HostHandler,
  RunResult,
  ScriptError,
  ScriptErrorKind,
  ScriptRunRequest,
} from './api.js';
export { DEFAULT_LIMITS, LIMIT_BOUNDS, type SandboxLimits } from './limits.js';
export { LINE_COST_BYTES, LINE_MAX_CHARS, type DroppedOutput } from './output-budget.js';
export { SandboxHost, type SandboxHostOptions, type SandboxStats, type WarmUpOptions } from './sandbox-host.js';
