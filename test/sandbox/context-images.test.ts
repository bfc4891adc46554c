// Contexts restored from memory images (memory-image.ts, context-template.ts): a restore leaves
// nothing of the last run in the instance's memory, every run draws its own random numbers, the
// steady state makes no new instances, and an instance whose run failed is never restored again.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, describe, expect, it } from 'vitest';
import { ContextTemplate } from '../../runtime/sandbox/context-template.js';
import { SandboxHost } from '../../runtime/sandbox/index.js';
import { resolveLimits } from '../../runtime/sandbox/limits.js';
import { discoverLayout } from '../../runtime/sandbox/memory-image.js';
import { QuickJSInstance, shapeFor } from '../../runtime/sandbox/wasm-instance.js';
import { echoHost, recordingConsole, scriptFolder } from './helpers.js';

const folder = scriptFolder();
afterAll(() => folder.remove());

const PRELUDE = `(function (g) {
  var raw = g.__payscriptHost;
  delete g.__payscriptHost;
  var cache = [];
  g.Shop = { remember: function (s) { cache.push(s); }, recall: function () { return cache.join(','); } };
})(globalThis);`;

const wasmModule = new WebAssembly.Module(
  readFileSync(createRequire(import.meta.url).resolve('@jitl/quickjs-wasmfile-release-asyncify/wasm')),
);
const shape = shapeFor(resolveLimits(undefined));

async function template(): Promise<ContextTemplate> {
  const layout = discoverLayout(wasmModule, await QuickJSInstance.create(wasmModule, shape));
  expect(layout, 'the module layout is found').toBeDefined();
  const built = await ContextTemplate.build(wasmModule, layout!, shape, PRELUDE, () => {});
  expect(built, 'the prelude is prepared without a run').toBeDefined();
  return built!;
}

/** Whether `text` occurs anywhere in the instance's linear memory, as Latin-1 or UTF-16 bytes. */
function inMemory(instance: QuickJSInstance, text: string): boolean {
  const bytes = Buffer.from(instance.memory.buffer);
  return bytes.includes(Buffer.from(text, 'latin1')) || bytes.includes(Buffer.from(text, 'utf16le'));
}

describe('contexts restored from a memory image', () => {
  it('leave no byte of the last run in the instance, wherever the run kept it', async () => {
    const image = await template();
    const instance = await QuickJSInstance.create(wasmModule, shape);
    const secret = 'PAN4111111111111111-' + Math.random().toString(36).slice(2);
    for (let round = 0; round < 3; round++) {
      const guest = image.restore(instance)!;
      expect(guest).toBeDefined();
      expect(inMemory(instance, secret)).toBe(false);
      const { context } = guest;
      // In a global, in the prelude's closure, on a prototype, and in a block of several MiB that
      // grows the heap far beyond the image's.
      const ran = context.evalCode(
        `globalThis.kept = ${JSON.stringify(secret)};
         Shop.remember(kept + '!');
         Object.prototype.stolen = kept;
         globalThis.big = kept.repeat(100000) + '|';
         Shop.recall().length + big.length`,
      );
      expect(context.getNumber(context.unwrapResult(ran))).toBeGreaterThan(secret.length * 100000);
      expect(inMemory(instance, secret)).toBe(true);
    }
    image.restore(instance);
    expect(inMemory(instance, secret)).toBe(false);
  });

  it('give every run its own Math.random sequence', async () => {
    const image = await template();
    const instance = await QuickJSInstance.create(wasmModule, shape);
    const draws = new Set<string>();
    for (let round = 0; round < 5; round++) {
      const { context } = image.restore(instance)!;
      draws.add(context.getString(context.unwrapResult(context.evalCode('String(Math.random()) + String(Math.random())'))));
    }
    expect(draws.size).toBe(5);
  });

  it('serve a desk run after run from one instance, never one whose run failed', async () => {
    const host = new SandboxHost({ workers: 1 });
    try {
      await host.warmUp({ prelude: PRELUDE });
      const remember = folder.write(
        'remember.js',
        `console.log(typeof stray + ' ' + Shop.recall() + ' ' + String(({}).stolen));
         globalThis.stray = 1; Shop.remember('earlier run'); Object.prototype.stolen = 'yes';`,
      );
      const fails = folder.write('fails.js', `Shop.remember('failed run'); throw new Error('declined');`);
      const run = async (entry: string) => {
        const out = recordingConsole();
        const result = await host.run({ entry, prelude: PRELUDE, host: echoHost, onConsole: out.onConsole });
        return { result, lines: out.lines };
      };
      await run(remember);
      const before = await host.stats();
      for (let round = 0; round < 20; round++) {
        expect(await run(remember)).toEqual({ result: { ok: true }, lines: ['log: undefined  undefined'] });
      }
      const steady = await host.stats();
      expect(steady.instancesCreated, 'sequential runs recycle one instance').toBe(before.instancesCreated);

      const failed = await run(fails);
      expect(failed.result.error?.message).toBe('declined');
      // The failed run's instance went with it, not back to the pool.
      const afterFailure = await host.stats();
      expect(afterFailure.idleInstances).toBe(steady.idleInstances - 1);
      expect(afterFailure.instancesCreated).toBe(steady.instancesCreated);
      expect(await run(remember)).toEqual({ result: { ok: true }, lines: ['log: undefined  undefined'] });
    } finally {
      await host.close();
    }
  });
});
