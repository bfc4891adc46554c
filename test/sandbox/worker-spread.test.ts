// A burst of runs arriving at once is spread over the workers, not queued on the first one.
import { afterAll, describe, expect, it } from 'vitest';
import { SandboxHost } from '../../runtime/sandbox/index.js';
import { gatedHost, scriptFolder } from './helpers.js';

const folder = scriptFolder();
afterAll(() => folder.remove());
const BURST = 40;

describe('runs over workers', () => {
  it('spreads a burst of runs started together evenly over the workers', async () => {
    const sandbox = new SandboxHost({ workers: 2 });
    try {
      const script = folder.write('waits.ts', `(globalThis as any).__payscriptHost('wait', '{}');`);
      const { host, allIn, release } = gatedHost(BURST, null);
      const runs = Array.from({ length: BURST }, () => sandbox.run({ entry: script, host }));
      await allIn;
      const { busyInstancesPerWorker } = await sandbox.stats();
      release();
      expect((await Promise.all(runs)).filter((r) => !r.ok)).toEqual([]);
      expect(busyInstancesPerWorker).toEqual([BURST / 2, BURST / 2]);
    } finally {
      await sandbox.close();
    }
  });
});
