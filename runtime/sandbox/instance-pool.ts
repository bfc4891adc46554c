// The QuickJS instances of one worker: one per running script, clean ones kept for the next run,
// each with its next run's context made ahead while it waits (with the functions of the script it
// ran last: the next run at that desk is most likely the same script).
import { GuestContext, prepareContext } from './guest-context.js';
import type { PoolStats, WireUnit } from './protocol.js';
import { QuickJSInstance, type InstanceShape } from './wasm-instance.js';

// Always kept, whatever the recent demand: enough for the next burst at a few cash desks.
const MIN_IDLE = 16;
// Above MIN_IDLE, idle instances are kept while they were needed recently: a worker that served
// 500 scripts at once keeps ~500 for the next rush instead of rebuilding them at 3–7 ms each. One
// unused this long goes; its memory goes with the last reference.
const IDLE_MS = 60_000;
// Each instance reserves ~10 GiB of address space, which caps a process near 12k.
const MAX_IDLE = 2_000;

interface Idle {
  instance: QuickJSInstance;
  /** The next run's context, made ahead with the prelude of the instance's last run. */
  prepared?: GuestContext;
  since: number;
}

export interface Acquired {
  instance: QuickJSInstance;
  /** A context made ahead with the requested prelude; the run makes its own otherwise. */
  prepared?: GuestContext;
}

export class InstancePool {
  private idle: Idle[] = [];
  private readonly busy = new Set<QuickJSInstance>();
  private created = 0;
  private warmStarts = 0;
  /** Preludes that call the host while they load: their contexts can only be made by a run. */
  private readonly needRun = new Set<string | undefined>();
  private readonly trimTimer: NodeJS.Timeout;

  constructor(
    private readonly wasmModule: WebAssembly.Module,
    /** Called while a context is prepared, as from a running guest (the worker's heartbeat). */
    private readonly alive: () => void,
  ) {
    this.trimTimer = setInterval(() => this.trim(), IDLE_MS / 4);
    this.trimTimer.unref();
  }

  /**
   * An instance nobody else uses: asyncify allows one suspension per WebAssembly module at a time
   * ("Already suspended"), so every running script needs its own.
   */
  async acquire(shape: InstanceShape, prelude: string | undefined, units: readonly WireUnit[]): Promise<Acquired> {
    // The most recently used first (its memory is warm; trim drops the oldest), preferring one
    // whose context was made with this prelude, and above all one that also has these units.
    let index = -1;
    let best = -1;
    for (let i = this.idle.length - 1; i >= 0 && best < 2; i--) {
      const idle = this.idle[i]!;
      if (!sameShape(idle.instance.shape, shape)) continue;
      const { prepared } = idle;
      const score = !prepared || prepared.prelude !== prelude ? 0 : prepared.hasMadeAhead(units) ? 2 : 1;
      if (score > best) [index, best] = [i, score];
    }
    if (best === 2) this.warmStarts++;
    let acquired: Acquired;
    if (index >= 0) {
      const [idle] = this.idle.splice(index, 1);
      acquired = { instance: idle!.instance, prepared: idle!.prepared };
      if (acquired.prepared && acquired.prepared.prelude !== prelude) {
        acquired.prepared.dispose();
        acquired.prepared = undefined;
      }
    } else {
      acquired = { instance: await this.make(shape) };
    }
    this.busy.add(acquired.instance);
    return acquired;
  }

  /**
   * Back to the pool after a clean run, or dropped: its memory goes with the last reference. A kept
   * instance gets the context for its next run once the current event-loop turn is over, so the
   * answer of the run that just ended is not delayed by it.
   */
  release(instance: QuickJSInstance, clean: boolean, prelude: string | undefined, units: readonly WireUnit[] = []): void {
    this.busy.delete(instance);
    if (!clean || !instance.reusable || this.idle.length >= MAX_IDLE) return;
    const idle: Idle = { instance, since: performance.now() };
    this.idle.push(idle);
    if (!this.needRun.has(prelude)) setImmediate(() => void this.prepare(idle, prelude, units));
  }

  /** Makes `count` instances of `shape` with contexts for `prelude` ready, before any run asks. */
  async warmUp(shape: InstanceShape, prelude: string | undefined, count: number): Promise<void> {
    for (let i = 0; i < count; i++) {
      const idle: Idle = { instance: await this.make(shape), since: performance.now() };
      this.idle.push(idle);
      await this.prepare(idle, prelude);
    }
  }

  stats(): PoolStats {
    let linearMemoryBytes = 0;
    for (const i of this.busy) linearMemoryBytes += i.linearMemoryBytes;
    for (const i of this.idle) linearMemoryBytes += i.instance.linearMemoryBytes;
    return {
      busyInstances: this.busy.size,
      idleInstances: this.idle.length,
      linearMemoryBytes,
      instancesCreated: this.created,
      warmStarts: this.warmStarts,
    };
  }

  /** Prepares the context of an idle instance that no run has taken in the meantime. */
  private async prepare(idle: Idle, prelude: string | undefined, units: readonly WireUnit[] = []): Promise<void> {
    const at = this.idle.indexOf(idle);
    if (at < 0 || idle.prepared || this.needRun.has(prelude)) return;
    // Out of the idle list while the prelude runs, so no run can take a half-made context.
    this.idle.splice(at, 1);
    try {
      idle.prepared = await prepareContext(idle.instance.runtime, prelude, this.alive, units);
      if (!idle.prepared) this.needRun.add(prelude);
    } catch {
      return; // the instance failed in the host (a wasm trap): it is dropped, a run will make another
    }
    this.idle.push(idle);
  }

  /** Drops instances idle for IDLE_MS beyond the MIN_IDLE most recently used (with their contexts). */
  private trim(): void {
    const cutoff = performance.now() - IDLE_MS;
    const old = this.idle.length - MIN_IDLE;
    if (old <= 0) return;
    this.idle.sort((a, b) => a.since - b.since);
    const drop = this.idle.slice(0, old).filter((i) => i.since < cutoff).length;
    this.idle = this.idle.slice(drop);
  }

  private async make(shape: InstanceShape): Promise<QuickJSInstance> {
    const instance = await QuickJSInstance.create(this.wasmModule, shape);
    this.created++;
    return instance;
  }
}

function sameShape(a: InstanceShape, b: InstanceShape): boolean {
  return a.maxPages === b.maxPages && a.stackBytes === b.stackBytes && a.asyncifyBytes === b.asyncifyBytes;
}
