import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ScriptFacingError, type HostHandler } from '../../runtime/sandbox/index.js';
import { echoHost, FIXTURES, oneWorkerSandbox, recordingConsole, sleep } from './helpers.js';

const { host, folder } = oneWorkerSandbox();

describe('host calls', () => {
  it('suspends the guest until the handler settles and returns its JSON answer', async () => {
    const calls: [string, unknown][] = [];
    const handler: HostHandler = async (op, payload) => {
      calls.push([op, payload]);
      await sleep(30);
      return { op, got: payload, at: calls.length };
    };
    const entry = folder.write(
      'calls.ts',
      `const a = JSON.parse(__payscriptHost('pay', JSON.stringify({ amount: 100 })));
       const b = JSON.parse(__payscriptHost('refund', '[1,2]'));
       console.log(a.op, a.got.amount, a.at, b.op, b.got.length, b.at);
       declare function __payscriptHost(op: string, json: string): string;`,
    );
    const out = recordingConsole();
    expect(await host.run({ entry, host: handler, onConsole: out.onConsole })).toEqual({ ok: true });
    expect(calls).toEqual([
      ['pay', { amount: 100 }],
      ['refund', [1, 2]],
    ]);
    expect(out.lines).toEqual(['log: pay 100 1 refund 2 2']);
  });

  it('gives the prelude the host function first; it can capture it and hide it from the script', async () => {
    const prelude = `(function (g) { var host = g.__payscriptHost; delete g.__payscriptHost;
      g.Pay = function (n) { return JSON.parse(host('pay', JSON.stringify(n))); }; })(globalThis);`;
    const entry = folder.write(
      'prelude.ts',
      `declare const Pay: (n: number) => number; console.log(Pay(7), typeof (globalThis as any).__payscriptHost);`,
    );
    const out = recordingConsole();
    const result = await host.run({ entry, prelude, host: async (_op, n) => (n as number) * 2, onConsole: out.onConsole });
    expect(result).toEqual({ ok: true });
    expect(out.lines).toEqual(['log: 14 undefined']);
  });

  it('turns a ScriptFacingError into a guest Error the script can catch; the run stays ok', async () => {
    const entry = folder.write(
      'catch.ts',
      `try { (globalThis as any).__payscriptHost('pay', '{}'); } catch (e) { console.log('caught', e instanceof Error, (e as Error).message); }`,
    );
    const out = recordingConsole();
    const result = await host.run({
      entry,
      host: async () => {
        throw new ScriptFacingError('amount must be positive');
      },
      onConsole: out.onConsole,
    });
    expect(result).toEqual({ ok: true });
    expect(out.lines).toEqual(['log: caught true amount must be positive']);
  });

  it('fails the run with the ScriptFacingError message at the script line that made the call when uncaught', async () => {
    const entry = folder.write(
      'uncaught.ts',
      `const x: number = 1;\nconsole.log(x);\n(globalThis as any).__payscriptHost('pay', '{}');\n`,
    );
    const result = await host.run({
      entry,
      prelude: 'void 0;',
      host: async () => {
        throw new ScriptFacingError('terminal busy');
      },
    });
    expect(result.error).toMatchObject({ kind: 'runtime', message: 'terminal busy', file: entry, line: 3 });
  });

  it('hides host internals from the guest ("internal host error") but keeps the real cause in the result', async () => {
    const entry = folder.write(
      'internal.ts',
      `let seen = '';
       try { (globalThis as any).__payscriptHost('pay', '{}'); } catch (e) { seen = (e as Error).message; }
       console.log(seen);
       (globalThis as any).__payscriptHost('pay', '{}');`,
    );
    const out = recordingConsole();
    const result = await host.run({
      entry,
      host: async () => {
        throw new Error('ECONNREFUSED 10.0.0.7:2050');
      },
      onConsole: out.onConsole,
    });
    expect(out.lines).toEqual(['log: internal host error']);
    expect(result.error?.kind).toBe('runtime');
    expect(result.error?.message).toContain('internal host error');
    expect(result.error?.message).toContain('ECONNREFUSED 10.0.0.7:2050');
    expect(result.error?.line).toBe(4);
  });

  it('answers a payload that is not JSON with a script-facing error', async () => {
    const entry = folder.write('badjson.ts', `(globalThis as any).__payscriptHost('pay', '{oops');`);
    const result = await host.run({ entry, host: echoHost });
    expect(result.error?.message).toContain('is not valid JSON');
  });
});

describe('console', () => {
  it('delivers every level with Node-like formatting', async () => {
    const entry = folder.write(
      'console.ts',
      `console.log('text', 42, -0, null, undefined, true, 10n);
       console.info({ a: 1, b: 'two', c: [1, { d: null }] });
       console.warn('%s is %d years', 'Ann', 42.5, 'extra');
       console.error(new TypeError('bad'));
       const cyclic: any = { name: 'c' }; cyclic.self = cyclic;
       console.debug(cyclic, [], {}, function named() {});`,
    );
    const out = recordingConsole();
    expect(await host.run({ entry, host: echoHost, onConsole: out.onConsole })).toEqual({ ok: true });
    expect(out.lines[0]).toBe('log: text 42 -0 null undefined true 10n');
    expect(out.lines[1]).toBe("info: { a: 1, b: 'two', c: [ 1, { d: null } ] }");
    expect(out.lines[2]).toBe('warn: Ann is 42.5 years extra');
    expect(out.lines[3]).toMatch(/^error: TypeError: bad\n/);
    expect(out.lines[4]).toBe("debug: { name: 'c', self: [Circular] } [] {} [Function: named]");
  });
});

describe('runtime errors point at the TypeScript source', () => {
  it('maps a throw in an imported unit to its file, line and column, and maps every frame', async () => {
    const unit = path.join(FIXTURES, 'thrower/unit.ts');
    const main = path.join(FIXTURES, 'thrower/main.ts');
    const result = await host.run({ entry: main, host: echoHost });
    expect(result.ok).toBe(false);
    expect(result.error).toMatchObject({ kind: 'runtime', message: 'settlement failed for 100', file: unit, line: 7 });
    const line7 = readFileSync(unit, 'utf8').split('\n')[6]!;
    // QuickJS reports the position of the `new Error(` call; it lies within the throw statement.
    expect(result.error!.column).toBeGreaterThanOrEqual(line7.indexOf('throw') + 1);
    expect(result.error!.column).toBeLessThanOrEqual(line7.indexOf('(') + 1);
    expect(result.error!.stack).toContain(`at settle (${unit}:7:`);
    expect(result.error!.stack).toContain(`(${main}:8:`);
    expect(result.error!.stack).not.toContain('payscript:internal');
  });

  it('gives a clear message for a thrown non-Error value', async () => {
    const entry = folder.write('throw42.ts', `throw 42;`);
    const result = await host.run({ entry, host: echoHost });
    expect(result.error?.kind).toBe('runtime');
    expect(result.error?.message).toBe('the script threw a non-Error value: 42 (throw new Error(...) to get a location)');
  });

  it('stops reading a thrown value whose getter never returns, long before the CPU limit, and says so', async () => {
    const entry = folder.write('throw-getter.ts', `console.log('before');\nthrow { get message(): string { for (;;) {} } };\n`);
    const log = recordingConsole();
    const result = await host.run({ entry, host: echoHost, onConsole: log.onConsole, limits: { cpuSeconds: 60 } });
    expect(log.lines).toEqual(['log: before']);
    expect(result.error).toMatchObject({
      kind: 'runtime',
      message: expect.stringContaining('could not be read within 250 ms (a getter that never returns?)'),
    });
    // The instance hit an error, so it is never reused; a run after it is unaffected.
    expect((await host.run({ entry: folder.write('after.ts', `console.log(1);`), host: echoHost })).ok).toBe(true);
  });

  it('names the error type when it is not a plain Error', async () => {
    const entry = folder.write('typeerror.ts', `const o: any = undefined;\nconsole.log(o.x);\n`);
    const result = await host.run({ entry, host: echoHost });
    expect(result.error).toMatchObject({ kind: 'runtime', file: entry, line: 2 });
    expect(result.error?.message).toMatch(/^TypeError: /);
  });
});
