// Contexts made ahead of a run (instance-pool.ts, guest-context.ts): a recycled instance serves
// every run a context nobody ran in, a prelude that needs its run still gets it, and the functions
// of the script an instance ran last serve its next run only while the script's code is the same.
import { describe, expect, it } from 'vitest';
import { echoHost, oneWorkerSandbox, recordingConsole } from './helpers.js';

// One worker, so that every run below lands on the same pool and recycled instance.
const { host, folder } = oneWorkerSandbox();

const PRELUDE = `(function (g) {
  var raw = g.__payscriptHost;
  delete g.__payscriptHost;
  g.Shop = { name: 'prelude', call: function (op) { return raw(op, '{}'); } };
})(globalThis);`;

describe('contexts made ahead of the run', () => {
  it('never show a run what an earlier run did to globals, prototypes or the prelude objects', async () => {
    await host.warmUp({ prelude: PRELUDE });
    const tamper = folder.write(
      'tamper.js',
      `globalThis.leaked = 'from an earlier run';
       Array.prototype.push = function () { throw new Error('tampered push'); };
       Object.prototype.polluted = true;
       Shop.name = 'changed';
       Shop.call = function () { return 'hijacked'; };
       var stray = 1;`,
    );
    const inspect = folder.write(
      'inspect.js',
      `const seen = [];
       seen.push(typeof leaked, typeof stray, String(({}).polluted), Shop.name, typeof __payscriptHost);
       console.log(seen.join(' '));
       console.log(Shop.call('echo'));`,
    );
    const before = await host.stats();
    for (let round = 0; round < 5; round++) {
      expect(await host.run({ entry: tamper, prelude: PRELUDE, host: echoHost })).toEqual({ ok: true });
      const out = recordingConsole();
      expect(await host.run({ entry: inspect, prelude: PRELUDE, host: echoHost, onConsole: out.onConsole })).toEqual({
        ok: true,
      });
      expect(out.lines).toEqual(['log: undefined undefined undefined prelude undefined', 'log: {}']);
    }
    // The runs were served by recycled instances (with contexts made ahead), not by fresh ones.
    const after = await host.stats();
    expect(after.instancesCreated - before.instancesCreated).toBeLessThanOrEqual(1);
  });

  it("serve a desk's next run of the same script with its functions made ahead, and an edited script with its new code", async () => {
    const entry = folder.write('again.ts', `const version: string = 'v1';\nconsole.log(version);`);
    const runOnce = async () => {
      const out = recordingConsole();
      expect(await host.run({ entry, prelude: PRELUDE, host: echoHost, onConsole: out.onConsole })).toEqual({ ok: true });
      return out.lines;
    };
    const warmStarts = async () => (await host.stats()).warmStarts;
    // The instance's next context is made once the run is over, while the desk waits.
    const settle = () => new Promise((resolve) => setTimeout(resolve, 50));
    expect(await runOnce()).toEqual(['log: v1']);
    await settle();
    let before = await warmStarts();
    expect(await runOnce()).toEqual(['log: v1']);
    expect(await warmStarts()).toBe(before + 1);
    await settle();

    folder.write('again.ts', `const version: string = 'v2';\nconsole.log(version);`);
    before = await warmStarts();
    expect(await runOnce()).toEqual(['log: v2']);
    expect(await warmStarts()).toBe(before);
    await settle();
    expect(await runOnce()).toEqual(['log: v2']);
    expect(await warmStarts()).toBe(before + 1);
  });

  it("map an error thrown by functions made ahead to the script's own line and column", async () => {
    // Throws only when the host says so: a failed run's instance is dropped, so the made-ahead
    // functions come from a clean run before it.
    const entry = folder.write(
      'throws.ts',
      `const mode: { fail: boolean } = JSON.parse((globalThis as any).Shop.call('mode'));\nif (mode.fail) throw new Error('too many');\n`,
    );
    const runOnce = async (fail: boolean) => {
      const result = await host.run({ entry, prelude: PRELUDE, host: async () => ({ fail }) });
      await new Promise((resolve) => setTimeout(resolve, 50));
      return result;
    };
    const before = (await host.stats()).warmStarts;
    expect(await runOnce(false)).toEqual({ ok: true });
    const madeAhead = await runOnce(true);
    expect((await host.stats()).warmStarts - before).toBe(1);
    const compiledByTheRun = await runOnce(true);
    expect((await host.stats()).warmStarts - before).toBe(1);
    expect(madeAhead.error).toMatchObject({ kind: 'runtime', message: 'too many', file: entry, line: 2 });
    expect(madeAhead).toEqual(compiledByTheRun);
  });

  it('give a prelude that calls the host while it loads a context made by its own run', async () => {
    const loading = `(function (g) {
      var raw = g.__payscriptHost;
      g.Config = JSON.parse(raw('config', JSON.stringify({ shop: 7 })));
      console.log('prelude loaded');
    })(globalThis);`;
    const entry = folder.write('config.js', `console.log('shop ' + Config.shop);`);
    const calls: string[] = [];
    for (let round = 0; round < 3; round++) {
      const out = recordingConsole();
      const result = await host.run({
        entry,
        prelude: loading,
        host: async (op, payload) => {
          calls.push(op);
          return payload;
        },
        onConsole: out.onConsole,
      });
      expect(result).toEqual({ ok: true });
      expect(out.lines).toEqual(['log: prelude loaded', 'log: shop 7']);
    }
    expect(calls).toEqual(['config', 'config', 'config']);
  });

  it('report a prelude that throws in the run, with its message', async () => {
    const broken = `throw new Error('prelude is broken');`;
    const entry = folder.write('plain.js', `console.log('never');`);
    for (let round = 0; round < 2; round++) {
      const result = await host.run({ entry, prelude: broken, host: echoHost });
      expect(result.ok).toBe(false);
      expect(result.error?.message).toContain('prelude is broken');
    }
  });
});
