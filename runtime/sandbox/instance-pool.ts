// The QuickJS instances of one worker: one per running script, clean ones kept for the next run.
// A run's context is restored from a memory image of a context prepared once per worker and
// prelude (context-template.ts); while an instance waits in the pool its next context is restored
// ahead, with the functions of the script it ran last (the next run at that desk is most likely the
// same script). A prelude that cannot be prepared without its run gets contexts made by each run.
import { ContextTemplate } from './context-template.js';
import { makeAheadUnattended, type GuestContext, type ScriptUnits } from './guest-context.js';
import { discoverLayout, type MemoryLayout } from './memory-image.js';
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
// Templates kept per worker (one per prelude and instance shape; ~250 KiB each).
const MAX_TEMPLATES = 8;

interface Idle {
  instance: QuickJSInstance;
  /** The next run's context, restored ahead with the prelude of the instance's last run. */
  prepared?: GuestContext;
  since: number;
}

export interface Acquired {
  instance: QuickJSInstance;
  /** A context restored with the requested prelude; the run makes its own otherwise. */
  prepared?: GuestContext;
}

export class InstancePool {
  private idle: Idle[] = [];
  private readonly busy = new Set<QuickJSInstance>();
  private created = 0;
  private warmStarts = 0;
  /** Per shape and prelude, the oldest dropped past MAX_TEMPLATES; undefined where runs make contexts. */
  private readonly templates: {
    shape: InstanceShape;
    prelude: string | undefined;
    template: Promise<ContextTemplate | undefined>;
  }[] = [];
  /** Found once, in the first template's instance; null if the module does not allow images. */
  private layout: MemoryLayout | null | undefined;
  private readonly trimTimer: NodeJS.Timeout;

  constructor(
    private readonly wasmModule: WebAssembly.Module,
    /** Called while guest code runs outside a run (the worker's heartbeat). */
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
    const template = await this.template(shape, prelude);
    const kind = template ? 'images' : 'own';
    // The most recently used first (its memory is warm; trim drops the oldest), preferring one
    // whose context was restored with this prelude, and above all one that also has these units.
    let index = -1;
    let best = -1;
    for (let i = this.idle.length - 1; i >= 0 && best < 2; i--) {
      const { instance, prepared } = this.idle[i]!;
      if (!sameShape(instance.shape, shape) || (instance.contexts ?? kind) !== kind) continue;
      const score = !prepared || prepared.prelude !== prelude ? 0 : prepared.hasMadeAhead(units) ? 2 : 1;
      if (score > best) [index, best] = [i, score];
    }
    if (best === 2) this.warmStarts++;
    let instance: QuickJSInstance;
    let prepared: GuestContext | undefined;
    if (index >= 0) {
      const [idle] = this.idle.splice(index, 1);
      instance = idle!.instance;
      if (best >= 1) prepared = idle!.prepared;
    } else {
      instance = await this.make(shape, template);
    }
    if (template && !prepared) prepared = template.restore(instance);
    this.busy.add(instance);
    return { instance, prepared };
  }

  /**
   * Back to the pool after a clean run, or dropped: its memory goes with the last reference. A kept
   * instance gets the context for its next run once the current event-loop turn is over, so the
   * answer of the run that just ended is not delayed by it.
   */
  release(instance: QuickJSInstance, clean: boolean, prelude: string | undefined, script?: ScriptUnits): void {
    this.busy.delete(instance);
    if (!clean || !instance.reusable || this.idle.length >= MAX_IDLE) return;
    const idle: Idle = { instance, since: performance.now() };
    this.idle.push(idle);
    if (instance.contexts === 'images') setImmediate(() => void this.prepare(idle, prelude, script));
  }

  /** Makes `count` instances of `shape` with contexts for `prelude` ready, before any run asks. */
  async warmUp(shape: InstanceShape, prelude: string | undefined, count: number): Promise<void> {
    const template = await this.template(shape, prelude);
    for (let i = 0; i < count; i++) {
      const instance = await this.make(shape, template);
      this.idle.push({ instance, prepared: template?.restore(instance), since: performance.now() });
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

  /** The template for `shape` and `prelude`, built on first use. */
  private template(shape: InstanceShape, prelude: string | undefined): Promise<ContextTemplate | undefined> {
    // Compared, not hashed: a prelude of many KiB arrives as a new string with every run.
    let entry = this.templates.find((t) => t.prelude === prelude && sameShape(t.shape, shape));
    if (!entry) {
      entry = { shape, prelude, template: this.buildTemplate(shape, prelude) };
      if (this.templates.length >= MAX_TEMPLATES) this.templates.shift();
      this.templates.push(entry);
    }
    return entry.template;
  }

  private async buildTemplate(shape: InstanceShape, prelude: string | undefined): Promise<ContextTemplate | undefined> {
    const layoutOf = (fresh: QuickJSInstance) => {
      if (this.layout === undefined) this.layout = discoverLayout(this.wasmModule, fresh) ?? null;
      return this.layout ?? undefined;
    };
    try {
      return await ContextTemplate.build(this.wasmModule, layoutOf, shape, prelude, this.alive);
    } catch {
      return undefined; // the instance failed in the host (a wasm trap): runs make their own contexts
    }
  }

  /** Restores the next context of an idle instance that no run has taken in the meantime. */
  private async prepare(idle: Idle, prelude: string | undefined, script: ScriptUnits | undefined): Promise<void> {
    const template = await this.template(idle.instance.shape, prelude);
    if (!template || !this.idle.includes(idle) || idle.prepared) return;
    // Synchronous from here: no run can take the instance while its context is restored.
    try {
      idle.prepared = template.restore(idle.instance);
      if (idle.prepared && script && script.units.length > 0 && !makeAheadUnattended(idle.prepared, script, this.alive)) {
        idle.prepared = template.restore(idle.instance);
      }
    } catch {
      // The instance failed in the host (a wasm trap): it is dropped, a run will make another.
      this.idle.splice(this.idle.indexOf(idle), 1);
    }
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

  /** A new instance: the template's own, while it has not served yet. */
  private async make(shape: InstanceShape, template?: ContextTemplate): Promise<QuickJSInstance> {
    const instance = template?.takeSpare() ?? (await QuickJSInstance.create(this.wasmModule, shape));
    this.created++;
    return instance;
  }
}

function sameShape(a: InstanceShape, b: InstanceShape): boolean {
  return (
    a.initialPages === b.initialPages &&
    a.maxPages === b.maxPages &&
    a.stackBytes === b.stackBytes &&
    a.asyncifyBytes === b.asyncifyBytes
  );
}
