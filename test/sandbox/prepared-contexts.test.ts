// Contexts made ahead of a run (instance-pool.ts, guest-context.ts): a recycled instance serves
// every run a context nobody ran in, and a prelude that needs its run still gets it.
import { afterAll, describe, expect, it } from 'vitest';
import { SandboxHost } from '../../runtime/sandbox/index.js';
import { echoHost, recordingConsole, scriptFolder } from './helpers.js';

// One worker, so that every run below lands on the same pool and recycled instance.
const host = new SandboxHost({ workers: 1 });
const folder = scriptFolder();
afterAll(async () => {
  await host.close();
  folder.remove();
});

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
      expect(await host.run({ entry: inspect, prelude: PRELUDE, host: echoHost, onConsole: out.onConsole })).toEqual({ ok: true });
      expect(out.lines).toEqual(['log: undefined undefined undefined prelude undefined', 'log: {}']);
    }
    // The runs were served by recycled instances (with contexts made ahead), not by fresh ones.
    const after = await host.stats();
    expect(after.instancesCreated - before.instancesCreated).toBeLessThanOrEqual(1);
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
