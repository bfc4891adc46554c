// What a live sandbox keeps resident: an instance recycled for its next run holds no more of its
// memory than a fresh one, although every run that waits in a host call grows its heap by the
// asyncify buffer (memory-image.ts zeroes only the pages a run wrote).
import { afterAll, describe, expect, it } from 'vitest';
import { SandboxHost } from '../../runtime/sandbox/index.js';
import { scriptFolder } from './helpers.js';

const folder = scriptFolder();
afterAll(() => folder.remove());
const MiB = 1024 * 1024;
const LIVE = 64;

describe('resident memory of live sandboxes', () => {
  it('is under 0.75 MiB each however many runs waiting in host calls their instances served', async () => {
    const sandbox = new SandboxHost({ workers: 1 });
    try {
      const script = folder.write(
        'waits.ts',
        `const r = JSON.parse((globalThis as any).__payscriptHost('wait', JSON.stringify({ pad: 'x'.repeat(100) })));
         if (r !== 'go') throw new Error('bad answer');`,
      );
      // LIVE runs at once, each suspended in its host call until all are: LIVE live instances.
      const round = async () => {
        let release = () => {};
        const gate = new Promise<void>((resolve) => (release = resolve));
        let waiting = 0;
        const host = async () => {
          if (++waiting === LIVE) release();
          await gate;
          return 'go';
        };
        const results = await Promise.all(Array.from({ length: LIVE }, () => sandbox.run({ entry: script, host })));
        expect(results.filter((r) => !r.ok)).toEqual([]);
      };
      const rss = async () => {
        const stats = await sandbox.stats({ collectGarbage: true });
        return { rss: process.memoryUsage().rss, instances: stats.instancesCreated };
      };
      await sandbox.warmUp();
      const before = await rss();
      await round();
      const first = await rss();
      for (let i = 0; i < 3; i++) await round();
      const later = await rss();
      expect(later.instances, "the later rounds reuse the first round's instances").toBe(first.instances);
      // A fresh instance keeps ~0.3 MiB resident (its image, a few pages of stack, its JS objects);
      // zeroing the whole asyncify buffer on each restore kept 1 MiB more of each.
      const perLive = (later.rss - before.rss) / MiB / LIVE;
      console.info(`resident per live sandbox: ${perLive.toFixed(2)} MiB (${LIVE} live, 4 rounds)`);
      expect(perLive).toBeLessThan(0.75);
    } finally {
      await sandbox.close();
    }
  });
});
