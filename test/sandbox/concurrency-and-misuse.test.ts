import { afterAll, describe, expect, it } from 'vitest';
import { SandboxHost, type HostHandler } from '../../runtime/sandbox/index.js';
import { echoHost, recordingConsole, scriptFolder, sleep } from './helpers.js';

const host = new SandboxHost();
const folder = scriptFolder();
afterAll(async () => {
  await host.close();
  folder.remove();
});

const waitingHost: HostHandler = async (_op, payload) => {
  await sleep(200);
  return { answer: (payload as { n: number }).n * 10 };
};

describe('concurrency', () => {
  it('keeps 200 scripts in flight at once, each blocked in its own host call, each with its own answer', async () => {
    const entry = folder.write(
      'concurrent.ts',
      `declare const __payscriptHost: (op: string, json: string) => string;
       const n = Number(JSON.parse(__payscriptHost('whoami', '{}')));
       const reply = JSON.parse(__payscriptHost('pay', JSON.stringify({ n })));
       if (reply.answer !== n * 10) throw new Error('wrong answer ' + reply.answer + ' for ' + n);
       console.log(String(reply.answer));`,
    );
    // Every handler holds its answer until all 200 scripts are waiting in their call at once (then
    // ~200 ms more): the test can only pass if 200 guests are suspended at the same time.
    let arrived = 0;
    let releaseAll!: () => void;
    const allArrived = new Promise<void>((resolve) => (releaseAll = resolve));
    const started = performance.now();
    const runs = Array.from({ length: 200 }, (_, n) => {
      const lines: string[] = [];
      const handler: HostHandler = async (op, payload, ctx) => {
        if (op === 'whoami') return n;
        if (++arrived === 200) releaseAll();
        await allArrived;
        return waitingHost(op, payload, ctx);
      };
      return host.run({ entry, host: handler, onConsole: (_l, text) => lines.push(text) }).then((result) => ({ result, lines }));
    });
    const results = await Promise.all(runs);
    const elapsed = performance.now() - started;
    results.forEach(({ result, lines }, n) => {
      expect(result).toEqual({ ok: true });
      expect(lines).toEqual([String(n * 10)]);
    });
    expect(arrived).toBe(200);
    const stats = await host.stats();
    expect(stats.runsInFlight).toBe(0);
    expect(stats.busyInstances).toBe(0);
    console.info(
      `200 concurrent runs, all suspended at once, then a 200 ms host call: ${elapsed.toFixed(0)} ms; ${stats.instancesCreated} instances made`,
    );
  });
});

describe('misbehaving scripts', () => {
  it('end with clear errors while well-behaved scripts running alongside finish ok', async () => {
    const bad = {
      loop: folder.write('bad/loop.ts', 'while (true) {}'),
      bomb: folder.write('bad/bomb.ts', 'const keep: number[][] = [];\nwhile (true) keep.push(new Array(100000).fill(1.5));'),
      recursion: folder.write('bad/recursion.ts', 'function f(n: number): number { return f(n + 1) + 1; }\nf(0);'),
      thrower: folder.write('bad/throw.ts', "throw new Error('plain failure');"),
      then: folder.write('bad/then.ts', `Promise.resolve().then(() => (globalThis as any).__payscriptHost('pay', '{}'));`),
      await: folder.write(
        'bad/await.ts',
        `async function main() { await null; (globalThis as any).__payscriptHost('pay', '{}'); console.log('unreachable'); }\nmain();`,
      ),
    };
    const good = folder.write(
      'good.ts',
      `const before = JSON.parse((globalThis as any).__payscriptHost('pay', '{"n": 1}'));
       let sum = 0; for (let i = 0; i < 1e5; i++) sum += i;
       const after = JSON.parse((globalThis as any).__payscriptHost('pay', '{"n": 2}'));
       if (before.answer !== 10 || after.answer !== 20 || sum !== 4999950000) throw new Error('wrong');`,
    );
    const limits = { cpuSeconds: 0.5, memoryMiB: 32 };
    const badRuns = Object.fromEntries(
      Object.entries(bad).map(([name, entry]) => [name, host.run({ entry, host: echoHost, limits })]),
    );
    const goodRuns = Array.from({ length: 20 }, () => host.run({ entry: good, host: waitingHost }));
    const goodResults = await Promise.all(goodRuns);
    expect(goodResults.every((r) => r.ok)).toBe(true);
    const results = Object.fromEntries(
      await Promise.all(Object.entries(badRuns).map(async ([name, p]) => [name, await p] as const)),
    );
    expect(results.loop?.error?.kind).toBe('cpu-limit');
    expect(results.bomb?.error?.kind).toBe('memory-limit');
    expect(results.recursion?.error?.kind).toBe('stack-overflow');
    expect(results.thrower?.error).toMatchObject({ kind: 'runtime', message: 'plain failure', file: bad.thrower, line: 1 });
    for (const name of ['then', 'await'] as const) {
      expect(results[name]?.error?.kind).toBe('async-misuse');
      expect(results[name]?.error?.message).toContain(
        'cannot be used after await or inside .then(): payment scripts are synchronous',
      );
      expect(results[name]?.error?.file).toBe(bad[name]);
    }
    expect(results.await?.error?.line).toBe(1);
    // And the host is still fine afterwards.
    expect(await host.run({ entry: good, host: waitingHost })).toEqual({ ok: true });
  });

  it('lets a script catch the async-misuse error inside the promise job, yet still reports the misuse', async () => {
    const entry = folder.write(
      'catch-misuse.ts',
      `Promise.resolve().then(() => {
         try { (globalThis as any).__payscriptHost('pay', '{}'); } catch (e) { console.log('caught', (e as Error).name); }
       });`,
    );
    const out = recordingConsole();
    let calls = 0;
    const result = await host.run({ entry, host: async () => ++calls, onConsole: out.onConsole });
    expect(out.lines).toEqual(['log: caught AsyncMisuseError']);
    expect(calls).toBe(0);
    expect(result.error?.kind).toBe('async-misuse');
  });

  it('runs .then callbacks that make no host calls; the run stays ok', async () => {
    const entry = folder.write(
      'then-ok.ts',
      `Promise.resolve(2).then((n) => console.log('then', n));
       (async () => { await null; console.log('after await'); })();
       console.log('sync end');`,
    );
    const out = recordingConsole();
    expect(await host.run({ entry, host: echoHost, onConsole: out.onConsole })).toEqual({ ok: true });
    expect(out.lines).toEqual(['log: sync end', 'log: then 2', 'log: after await']);
  });
});
