import { describe, expect, it } from 'vitest';
import { echoHost, oneWorkerSandbox } from './helpers.js';

const { host, folder } = oneWorkerSandbox();

describe('stopping a run from outside', () => {
  it('ends a run waiting in a host call, aborting the call first', async () => {
    const entry = folder.write('wait.ts', `(globalThis as any).__payscriptHost('pay', '{}');\nconsole.log('never');`);
    const stop = new AbortController();
    let callSignal: AbortSignal | undefined;
    const lines: string[] = [];
    const running = host.run({
      entry,
      host: (_op, _payload, ctx) => {
        callSignal = ctx.signal;
        setTimeout(() => stop.abort(new Error('Ctrl+C at the cash desk')), 50);
        return new Promise(() => {});
      },
      onConsole: (_level, text) => lines.push(text),
      signal: stop.signal,
    });
    const result = await running;
    expect(result.error).toMatchObject({ kind: 'stopped', message: 'the script was stopped: Ctrl+C at the cash desk' });
    expect(callSignal?.aborted).toBe(true);
    expect(lines).toEqual([]);
  });

  it('ends a busy run and leaves the host usable; a signal aborted before the start stops at once', async () => {
    const stop = new AbortController();
    // Without a CPU limit to save it, only the stop can end this loop; the one worker must be free
    // again right after, or the next run waits for the busy guest.
    const busy = host.run({
      entry: folder.write('busy.ts', 'while (true) {}'),
      host: echoHost,
      signal: stop.signal,
      limits: { cpuSeconds: 3600 },
    });
    setTimeout(() => stop.abort(), 50);
    expect((await busy).error?.kind).toBe('stopped');

    const early = host.run({ entry: folder.write('early.ts', 'console.log(1)'), host: echoHost, signal: AbortSignal.abort() });
    expect((await early).error?.kind).toBe('stopped');

    const started = performance.now();
    expect(await host.run({ entry: folder.write('after.ts', '1 + 1;'), host: echoHost })).toEqual({ ok: true });
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
