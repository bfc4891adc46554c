// What a live sandbox keeps resident: an instance recycled for its next run holds no more of its
// memory than a fresh one, although every run that waits in a host call grows its heap by the
// asyncify buffer (memory-image.ts zeroes only the pages a run wrote).
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { SandboxHost } from '../../runtime/sandbox/index.js';
import { gatedHost, scriptFolder } from './helpers.js';

const folder = scriptFolder();
afterAll(() => folder.remove());
const MiB = 1024 * 1024;
const LIVE = 64;

/**
 * Resident bytes of the linear memories of `bytes` each (this process, workers included): V8 maps
 * a wasm memory as its read-write pages in a larger reservation. The process's RSS would do, but it
 * drifts by tens of MiB as the workers' start-up garbage is given back.
 */
function linearMemoryResident(bytes: number): number {
  let kib = 0;
  for (const mapping of readFileSync('/proc/self/smaps', 'utf8').split(/\n(?=[0-9a-f]+-[0-9a-f]+ )/)) {
    const [range, permissions] = mapping.split(' ', 2);
    const [start, end] = range!.split('-').map((hex) => parseInt(hex, 16));
    if (end! - start! !== bytes || permissions !== 'rw-p') continue;
    kib += Number(/\nRss:\s+(\d+) kB/.exec(mapping)?.[1] ?? 0);
  }
  return kib * 1024;
}

describe('resident memory of live sandboxes', () => {
  it('is no larger for instances that served several runs waiting in host calls than for fresh ones', async () => {
    const sandbox = new SandboxHost({ workers: 1 });
    try {
      const script = folder.write(
        'waits.ts',
        `const r = JSON.parse((globalThis as any).__payscriptHost('wait', JSON.stringify({ pad: 'x'.repeat(100) })));
         if (r !== 'go') throw new Error('bad answer');`,
      );
      // LIVE runs at once, each suspended in its host call until all are: LIVE live instances,
      // measured then.
      const round = async () => {
        const { host, allIn, release } = gatedHost(LIVE, 'go');
        const runs = Promise.all(Array.from({ length: LIVE }, () => sandbox.run({ entry: script, host })));
        await allIn;
        const stats = await sandbox.stats();
        const instances = stats.busyInstances + stats.idleInstances;
        expect(stats.linearMemoryBytes % instances, 'all instances have the same memory size').toBe(0);
        const live = { resident: linearMemoryResident(stats.linearMemoryBytes / instances), instances: stats.instancesCreated };
        release();
        expect((await runs).filter((r) => !r.ok)).toEqual([]);
        return live;
      };
      const fresh = await round();
      let recycled = fresh;
      for (let i = 0; i < 3; i++) recycled = await round();
      expect(recycled.instances, "the later rounds reuse the first round's instances").toBe(fresh.instances);
      // Zeroing the whole asyncify buffer on each restore kept 1 MiB more of each instance.
      const perLive = (bytes: number) => `${(bytes / LIVE / 1024).toFixed(0)} KiB`;
      console.info(
        `linear memory resident per live sandbox: fresh ${perLive(fresh.resident)}, recycled ${perLive(recycled.resident)}`,
      );
      expect(fresh.resident, 'the live instances are found').toBeGreaterThan(LIVE * 64 * 1024);
      expect((recycled.resident - fresh.resident) / LIVE).toBeLessThan(MiB / 4);
    } finally {
      await sandbox.close();
    }
  });
});
