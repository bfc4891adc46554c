import { afterAll, describe, expect, it } from 'vitest';
import { SandboxHost } from '../../runtime/sandbox/index.js';
import { echoHost, scriptFolder, sleep } from './helpers.js';

const host = new SandboxHost({ workers: 1, watchdogSeconds: 0.5 });
const folder = scriptFolder();
afterAll(async () => {
  await host.close();
  folder.remove();
});

describe('watchdog', () => {
  it('restarts a worker stuck in native code, fails its runs as crashed, and keeps serving', async () => {
    expect(await host.run({ entry: folder.write('warm.ts', '1;'), host: echoHost })).toEqual({ ok: true });
    // Measured: one JSON.stringify of a million objects runs seconds inside QuickJS's C code without
    // reaching the interrupt handler, so neither the CPU limit nor the heartbeat can fire meanwhile.
    const stuck = folder.write('stuck.ts', `const big = new Array(1e6).fill({ a: 1, b: 'x' });\nfor (;;) JSON.stringify(big);`);
    const bystander = folder.write('bystander.ts', `(globalThis as any).__payscriptHost('pay', '{}');`);
    let bystanderSignal: AbortSignal | undefined;
    let bystanderWaits!: () => void;
    const bystanderWaiting = new Promise<void>((resolve) => (bystanderWaits = resolve));
    const bystanderRun = host.run({
      entry: bystander,
      host: (_op, _payload, ctx) => {
        bystanderSignal = ctx.signal;
        bystanderWaits();
        return sleep(60_000);
      },
    });
    // The bystander must be suspended in its host call before the worker gets stuck.
    await bystanderWaiting;
    const started = performance.now();
    const result = await host.run({ entry: stuck, host: echoHost, limits: { memoryMiB: 256, cpuSeconds: 60 } });
    expect(result.error?.kind).toBe('crashed');
    expect(result.error?.message).toContain('stopped responding');
    expect(performance.now() - started).toBeLessThan(10_000);
    // The script waiting on the same worker could not go on either; its host call learns it.
    expect((await bystanderRun).error?.kind).toBe('crashed');
    expect(bystanderSignal?.aborted).toBe(true);
    // A fresh worker took the place of the stuck one.
    expect(
      await host.run({ entry: folder.write('after.ts', `(globalThis as any).__payscriptHost('x', '1');`), host: echoHost }),
    ).toEqual({ ok: true });
  });
});
