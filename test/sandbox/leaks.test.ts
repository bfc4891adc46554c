import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, describe, expect, it } from 'vitest';
import { GuestRun } from '../../runtime/sandbox/guest-runtime.js';
import { resolveLimits } from '../../runtime/sandbox/limits.js';
import { SandboxHost } from '../../runtime/sandbox/index.js';
import { QuickJSInstance, shapeFor } from '../../runtime/sandbox/wasm-instance.js';
import { echoHost, scriptFolder } from './helpers.js';

const folder = scriptFolder();
afterAll(() => folder.remove());
const MiB = 1024 * 1024;

async function inBatches(total: number, batch: number, run: (i: number) => Promise<void>): Promise<void> {
  for (let start = 0; start < total; start += batch) {
    await Promise.all(Array.from({ length: Math.min(batch, total - start) }, (_, k) => run(start + k)));
  }
}

describe('no leaks over thousands of runs', () => {
  it('keeps RSS and instance memory bounded over 3 000 trivial runs and 300 runs with host calls', async () => {
    const host = new SandboxHost();
    try {
      const trivial = folder.write('trivial.ts', `const x: number = 1 + 1; if (x !== 2) throw new Error('math');`);
      const calls = folder.write(
        'calls.ts',
        `for (let i = 0; i < 3; i++) { const r = JSON.parse((globalThis as any).__payscriptHost('pay', JSON.stringify({ i, pad: 'x'.repeat(1000) }))); if (r.i !== i) throw new Error('bad'); }`,
      );
      const ok = async (entry: string) => {
        const result = await host.run({ entry, host: echoHost });
        if (!result.ok) throw new Error(JSON.stringify(result.error));
      };
      // Warm up: workers, instances, compiler, JIT.
      await inBatches(300, 50, () => ok(trivial));
      await inBatches(30, 30, () => ok(calls));
      // Each reading follows a full collection in every worker and here: what is live, not what a
      // collection has yet to find (a recycled instance's wasm memory stays mapped until then).
      expect(typeof (globalThis as { gc?: unknown }).gc, 'vitest.config.ts passes --expose-gc').toBe('function');
      const reading = async () => {
        const stats = await host.stats({ collectGarbage: true });
        return { stats, rss: process.memoryUsage().rss, heap: process.memoryUsage().heapUsed + stats.workerHeapUsedBytes };
      };
      const readings = [await reading()];
      const started = performance.now();
      for (let thousand = 0; thousand < 3; thousand++) {
        await inBatches(1000, 50, () => ok(trivial));
        readings.push(await reading());
      }
      const trivialMs = performance.now() - started;
      await inBatches(300, 50, () => ok(calls));
      readings.push(await reading());
      const { stats } = readings.at(-1)!;
      const mibs = (key: 'rss' | 'heap') => readings.map((r) => (r[key] / MiB).toFixed(1)).join(' → ');
      console.info(
        `3 000 trivial runs: ${(trivialMs / 3000).toFixed(2)} ms/run (50 at a time); RSS ${mibs('rss')} MiB; V8 heaps ${mibs('heap')} MiB; ` +
          `instances made ${stats.instancesCreated}, idle ${stats.idleInstances}, linear memory ${(stats.linearMemoryBytes / MiB).toFixed(0)} MiB`,
      );
      // After the first thousand the pools are at their size. Over the next 2 000 trivial runs a leak
      // of 16 KiB per run would add 32 MiB to RSS; over those and the 300 with host calls (which
      // touch more pages of each instance, bounded below) 4 KiB per run would add 9 MiB to the heaps.
      expect(readings[3]!.rss - readings[1]!.rss).toBeLessThan(32 * MiB);
      expect(readings[4]!.heap - readings[1]!.heap).toBeLessThan(8 * MiB);
      expect(stats.busyInstances).toBe(0);
      // Recycling works: far fewer instances than runs (each serves up to 100 clean runs).
      expect(stats.instancesCreated).toBeLessThan(600);
      // Idle instances: no more than the runs that were in flight at once (50 here), each ≤ 32 MiB of
      // linear memory when recycled.
      expect(stats.idleInstances).toBeLessThanOrEqual(Math.max(50, 16 * stats.workers));
      expect(stats.linearMemoryBytes).toBeLessThanOrEqual(stats.idleInstances * 32 * MiB);
    } finally {
      await host.close();
    }
  }, 60_000);

  it('frees everything a run allocates in the QuickJS runtime: its heap troughs stay the same over hundreds of runs', async () => {
    // Stands in for the debug build's assertNoMemoryAllocated, which needs the runtime disposed and
    // ours never is (see wasm-instance.ts): QuickJS's own allocator accounting instead. A disposed
    // context's objects are cycles freed at the runtime's next GC, which runs when allocation passes
    // a threshold, so single readings wobble; the lowest reading of each window (just after a GC) is
    // exact, and a leak of even one allocation per run would raise it window after window.
    const file = createRequire(import.meta.url).resolve('@jitl/quickjs-wasmfile-release-asyncify/wasm');
    const wasmModule = await WebAssembly.compile(readFileSync(file));
    const limits = resolveLimits({});
    const instance = await QuickJSInstance.create(wasmModule, shapeFor(limits));
    const code = `"use strict";
      const seen = [];
      for (let i = 0; i < 3; i++) seen.push(JSON.parse(__payscriptHost('pay', JSON.stringify({ i, list: [1, 2, 3] }))));
      console.log('paid', seen.length, { nested: { deep: seen } });
      Promise.resolve().then(() => seen.map(String));
      class Receipt { constructor(n) { this.n = n; } } new Receipt(1);`;
    const usedBytes = () => {
      const handle = instance.runtime.computeMemoryUsage();
      try {
        return instance.runtime.context!.dump(handle) as { memory_used_size: number; malloc_count: number };
      } finally {
        handle.dispose();
      }
    };
    const runOnce = async () => {
      const guest = new GuestRun(
        instance,
        { type: 'start', runId: 1, entry: '/virtual/main.js', units: [{ id: '/virtual/main.js', code, deps: {} }], limits },
        { hostCall: async (_op, json) => ({ ok: true, json }), console: () => {}, outputDropped: () => {}, alive: () => {} },
      );
      const end = await guest.run();
      expect(end).toEqual({ outcome: { ok: true }, clean: true });
    };
    instance.runs = -1000; // this test drives one instance past the pool's recycling bound on purpose
    await runOnce();
    usedBytes(); // the first call creates the runtime's system context; measure after it exists
    const troughs: string[] = [];
    for (let window = 0; window < 5; window++) {
      let minUsed = Infinity;
      let minCount = Infinity;
      for (let i = 0; i < 60; i++) {
        await runOnce();
        const used = usedBytes();
        minUsed = Math.min(minUsed, used.memory_used_size);
        minCount = Math.min(minCount, used.malloc_count);
      }
      troughs.push(`${minUsed} bytes in ${minCount} blocks`);
    }
    expect(new Set(troughs).size, troughs.join('; ')).toBe(1);
  });
});
