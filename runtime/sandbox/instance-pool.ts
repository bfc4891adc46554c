// The QuickJS instances of one worker: one per running script, clean ones kept for the next run.
import { QuickJSInstance, type InstanceShape } from './wasm-instance.js';

// Enough idle instances to absorb the next burst without keeping hundreds of 16 MiB memories alive.
const MAX_IDLE = 16;

export class InstancePool {
  private readonly idle: QuickJSInstance[] = [];
  private readonly busy = new Set<QuickJSInstance>();
  private created = 0;

  constructor(private readonly wasmModule: WebAssembly.Module) {}

  /**
   * An instance nobody else uses: asyncify allows one suspension per WebAssembly module at a time
   * ("Already suspended"), so every running script needs its own (sandbox-notes).
   */
  async acquire(shape: InstanceShape): Promise<QuickJSInstance> {
    const index = this.idle.findIndex(
      (i) => i.shape.maxPages === shape.maxPages && i.shape.stackBytes === shape.stackBytes && i.shape.asyncifyBytes === shape.asyncifyBytes,
    );
    const instance = index >= 0 ? this.idle.splice(index, 1)[0]! : await this.make(shape);
    this.busy.add(instance);
    return instance;
  }

  /** Back to the pool after a clean run, or dropped: its memory goes with the last reference. */
  release(instance: QuickJSInstance, clean: boolean): void {
    this.busy.delete(instance);
    if (clean && instance.reusable && this.idle.length < MAX_IDLE) this.idle.push(instance);
  }

  stats(): { busyInstances: number; idleInstances: number; linearMemoryBytes: number; instancesCreated: number } {
    let linearMemoryBytes = 0;
    for (const i of this.busy) linearMemoryBytes += i.linearMemoryBytes;
    for (const i of this.idle) linearMemoryBytes += i.linearMemoryBytes;
    return { busyInstances: this.busy.size, idleInstances: this.idle.length, linearMemoryBytes, instancesCreated: this.created };
  }

  private async make(shape: InstanceShape): Promise<QuickJSInstance> {
    const instance = await QuickJSInstance.create(this.wasmModule, shape);
    this.created++;
    return instance;
  }
}
