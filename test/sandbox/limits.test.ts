import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../runtime/sandbox/index.js';
import { echoHost, oneWorkerSandbox, recordingConsole, sleep } from './helpers.js';

const { host, folder } = oneWorkerSandbox();

describe('limits', () => {
  it('has the documented defaults', () => {
    expect(DEFAULT_LIMITS).toEqual({ memoryMiB: 64, cpuSeconds: 30, wallSeconds: 600, stackKiB: 256, outputKiB: 1024 });
  });

  it('rejects a limit that cannot work, naming the config key', async () => {
    const entry = folder.write('noop.ts', '1;');
    await expect(host.run({ entry, host: echoHost, limits: { cpuSeconds: 0 } })).rejects.toThrow('limits.cpuSeconds');
    // A guest heap too small for any run once trapped the instance ("memory access out of bounds").
    await expect(host.run({ entry, host: echoHost, limits: { memoryMiB: 0.001 } })).rejects.toThrow(
      'limits.memoryMiB must be from 4 to 1024',
    );
  });

  it('stops an endless loop at the CPU limit (fractional seconds)', async () => {
    const entry = folder.write('loop.ts', 'while (true) {}');
    const started = performance.now();
    const result = await host.run({ entry, host: echoHost, limits: { cpuSeconds: 0.2 } });
    expect(result.error?.kind).toBe('cpu-limit');
    expect(result.error?.message).toContain('limits.cpuSeconds');
    expect(result.error?.message).toContain('0.2 s');
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('does not count time spent waiting in host calls as CPU time', async () => {
    const entry = folder.write('wait.ts', `for (let i = 0; i < 3; i++) (globalThis as any).__payscriptHost('wait', '{}');`);
    const result = await host.run({ entry, host: () => sleep(200).then(() => 'done'), limits: { cpuSeconds: 0.2 } });
    expect(result).toEqual({ ok: true });
  });

  it('ends the run at the wall limit while the host call never settles, and aborts its signal', async () => {
    const entry = folder.write('hang.ts', `(globalThis as any).__payscriptHost('pay', '{}');\nconsole.log('never');`);
    let signal: AbortSignal | undefined;
    const out = recordingConsole();
    const started = performance.now();
    const result = await host.run({
      entry,
      host: (_op, _payload, ctx) => {
        signal = ctx.signal;
        return new Promise(() => {});
      },
      limits: { wallSeconds: 0.5 },
      onConsole: out.onConsole,
    });
    const elapsed = performance.now() - started;
    expect(result.error?.kind).toBe('wall-limit');
    expect(result.error?.message).toContain('limits.wallSeconds');
    expect(signal?.aborted).toBe(true);
    expect(elapsed).toBeGreaterThanOrEqual(450);
    expect(elapsed).toBeLessThan(3000);
    expect(out.lines).toEqual([]);
    // The worker and its other instances keep serving.
    expect(await host.run({ entry: folder.write('after.ts', '1;'), host: echoHost })).toEqual({ ok: true });
  });

  it('stops a busy guest at the wall limit too', async () => {
    const entry = folder.write('busy.ts', 'while (true) {}');
    const result = await host.run({ entry, host: echoHost, limits: { wallSeconds: 0.3, cpuSeconds: 10 } });
    expect(result.error?.kind).toBe('wall-limit');
  });

  it('ends a memory bomb with memory-limit, naming limits.memoryMiB', async () => {
    const entry = folder.write('bomb.ts', `const keep: string[][] = []; while (true) keep.push(new Array(100000).fill('x'));`);
    const result = await host.run({ entry, host: echoHost, limits: { memoryMiB: 16 } });
    expect(result.error?.kind).toBe('memory-limit');
    expect(result.error?.message).toContain('16 MiB');
    expect(result.error?.message).toContain('limits.memoryMiB');
  });

  it('runs recursion 1 000 deep and ends recursion 100 000 deep with stack-overflow', async () => {
    const ok = folder.write(
      'rec1000.ts',
      `function depth(n: number): number { return n === 0 ? 0 : 1 + depth(n - 1); }\nconsole.log(depth(1000));`,
    );
    const out = recordingConsole();
    expect(await host.run({ entry: ok, host: echoHost, onConsole: out.onConsole })).toEqual({ ok: true });
    expect(out.lines).toEqual(['log: 1000']);

    const deep = folder.write(
      'rec100k.ts',
      `function depth(n: number): number { return n === 0 ? 0 : 1 + depth(n - 1); }\nconsole.log(depth(100000));`,
    );
    const result = await host.run({ entry: deep, host: echoHost });
    expect(result.error?.kind).toBe('stack-overflow');
    expect(result.error?.message).toContain('limits.stackKiB');
    expect(result.error?.file).toBe(deep);
    expect(result.error?.stack?.split('\n').length).toBeLessThanOrEqual(31);
  });

  it('lets the script catch the stack overflow as InternalError and go on, host calls included', async () => {
    const entry = folder.write(
      'catch-overflow.ts',
      `function depth(n: number): number { return n === 0 ? 0 : 1 + depth(n - 1); }
       try { depth(100000); } catch (e) { console.log((e as Error).name, (e as Error).message); }
       console.log((globalThis as any).__payscriptHost('after', '"ok"'));`,
    );
    const out = recordingConsole();
    expect(await host.run({ entry, host: echoHost, onConsole: out.onConsole })).toEqual({ ok: true });
    expect(out.lines).toEqual(['log: InternalError stack overflow', 'log: "ok"']);
  });

  it('survives a host call made right at the guest stack limit', async () => {
    const entry = folder.write(
      'call-at-limit.ts',
      `let calls = 0;
       function dive(n: number): number { try { return dive(n + 1); } catch { (globalThis as any).__payscriptHost('x', '1'); calls++; return n; } }
       dive(0);
       console.log(calls > 0);`,
    );
    const out = recordingConsole();
    // Measured: with the asyncify buffer no larger than the guest stack this aborted the instance.
    expect(await host.run({ entry, host: echoHost, onConsole: out.onConsole })).toEqual({ ok: true });
    expect(out.lines).toEqual(['log: true']);
    expect(await host.run({ entry: folder.write('after2.ts', '1;'), host: echoHost })).toEqual({ ok: true });
  });
});
