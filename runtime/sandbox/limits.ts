// Resource limits for one script run, with the defaults and why they were chosen.

export interface SandboxLimits {
  /** Guest heap (QuickJS `setMemoryLimit`), MiB. */
  memoryMiB: number;
  /** Time the guest may spend running, not counting waits in host calls, seconds. */
  cpuSeconds: number;
  /** Time the whole run may take, host waits included, seconds. */
  wallSeconds: number;
  /** Guest stack (QuickJS `setMaxStackSize`), KiB. */
  stackKiB: number;
  /** Console output one run may print (UTF-8), KiB; past it further lines are dropped and counted. */
  outputKiB: number;
}

/**
 * - memoryMiB 64: a payment script holds a few receipts and objects; 64 MiB is ~700× the 86 KiB of a
 *   fresh runtime and still lets the wasm memory cap (2× the limit, see wasm-instance.ts) stay at
 *   128 MiB per live sandbox, so hundreds of sandboxes fit in one process.
 * - cpuSeconds 30: the CPU budget is the longest stall one script can cause the other scripts on its
 *   worker thread; business logic needs milliseconds, so 30 s only ever
 *   stops runaway loops.
 * - wallSeconds 600: a card payment waits on the customer (PIN, contactless retries, bank
 *   authorisation); several payments in one script must fit. Google Apps Script allows 6 min a run,
 *   NetSuite 45 s per call; 10 min covers a slow queue at the desk.
 * - stackKiB 256: recursion 1 000 deep works and 100 000 deep gives a catchable
 *   `InternalError: stack overflow`; more would need a larger native thread
 *   stack for the worker (128 MB leaves 2.4–2.7× headroom at 256 KiB).
 * - outputKiB 1024: every kept line is held in the run report, the editor's run events and the
 *   session log; a payment script prints a few lines per payment, receipts included, so 1 MiB is
 *   thousands of payments' worth, while three runs printing 1.5 GB each once took a server to 8 GB.
 */
export const DEFAULT_LIMITS: SandboxLimits = Object.freeze({
  memoryMiB: 64,
  cpuSeconds: 30,
  wallSeconds: 600,
  stackKiB: 256,
  outputKiB: 1024,
});

/**
 * What each limit may be set to. Below a floor a run cannot work (under 4 MiB the prelude and a
 * payment's objects do not fit, and 0.001 MiB traps the instance; under 0.1 s of CPU a script
 * cannot even start its payment, nor a whole run under 0.1 s); above a ceiling one run takes what the host needs for the
 * others. The outputKiB floor holds one console line of any text (LINE_MAX_CHARS characters of up
 * to 3 UTF-8 bytes each); its ceiling keeps a few runs' output within the editor's memory budget for
 * runs (editor/server/runs/run-registry.ts). The stack's ceiling is what the worker's 128 MB native
 * stack carries safely (see DEFAULT_LIMITS).
 */
export const LIMIT_BOUNDS: Readonly<Record<keyof SandboxLimits, { min: number; max: number; whole?: true }>> = Object.freeze({
  memoryMiB: { min: 4, max: 1024 },
  cpuSeconds: { min: 0.1, max: 3600 },
  wallSeconds: { min: 0.1, max: 86_400 },
  stackKiB: { min: 64, max: 1024, whole: true },
  outputKiB: { min: 64, max: 16 * 1024, whole: true },
});

/** Fills in defaults and rejects values that cannot work, naming the config key. */
export function resolveLimits(partial: Partial<SandboxLimits> | undefined): SandboxLimits {
  const limits = { ...DEFAULT_LIMITS, ...stripUndefined(partial ?? {}) };
  for (const [key, { min, max, whole }] of Object.entries(LIMIT_BOUNDS) as [
    keyof SandboxLimits,
    (typeof LIMIT_BOUNDS)[keyof SandboxLimits],
  ][]) {
    const value = limits[key];
    if (
      typeof value !== 'number' ||
      !Number.isFinite(value) ||
      value < min ||
      value > max ||
      (whole && !Number.isInteger(value))
    ) {
      throw new RangeError(
        `limits.${key} must be from ${min} to ${max}${whole ? ' (a whole number)' : ''}, got ${String(value)}`,
      );
    }
  }
  return limits;
}

function stripUndefined(partial: Partial<SandboxLimits>): Partial<SandboxLimits> {
  return Object.fromEntries(Object.entries(partial).filter(([, value]) => value !== undefined));
}
