// Many cash desks at once: each script blocks on its own terminal while misbehaving scripts are
// stopped around them, and the process stays up.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../runtime/config/load.js';
import { PayscriptHost } from '../../runtime/host/payscript-host.js';
import { startCsobSimulator, type CsobSimulator } from '../../runtime/simulators/csob/index.js';
import { simulatorTerminal } from '../support/simulator-terminal.js';
import { tempDir, writeFiles } from '../support/temp.js';

const DESKS = 200;
const desk = (i: number) => `KASA${String(i).padStart(3, '0')}`;

let simulators: CsobSimulator[] = [];
let host: PayscriptHost;
let dir: string;

beforeAll(async () => {
  dir = tempDir('concurrency');
  // A card flow long enough that every script is still waiting when the last one starts.
  // One terminal per desk, and one more for the misbehaving scripts so they never take a desk's.
  // The terminals keep the protocol's own timers: 200 desks journaling at once on two cores must
  // not be mistaken for terminals that stopped answering.
  simulators = await Promise.all(
    Array.from({ length: DESKS + 1 }, () => startCsobSimulator({ host: '127.0.0.1', port: 0, delayMs: 1500 })),
  );
  const config = parseConfig(
    {
      logDir: join(dir, 'PointOfSale'),
      dataDir: join(dir, 'data'),
      terminals: simulators.map((s, i) =>
        simulatorTerminal(s, { id: `t${i}`, protocol: 'csob', timeoutSeconds: 20, options: {} }),
      ),
      binding: { mode: 'pc', pc: Object.fromEntries(simulators.map((_, i) => [desk(i), `t${i}`])) },
      limits: { cpuSeconds: 1, memoryMiB: 32, wallSeconds: 30 },
    },
    'test',
  );
  host = new PayscriptHost(config);
}, 60_000);

afterAll(async () => {
  await host?.close();
  await Promise.all(simulators.map((s) => s.close()));
});

const MISBEHAVING: Record<string, [string, RegExp]> = {
  'endless loop': ['while (true) {}', /cpu/i],
  'memory bomb': ['const a: string[] = []; while (true) a.push("x".repeat(1 << 20) + a.length);', /memory/i],
  'recursion 100 000 deep': ['function f(n: number): number { return n === 0 ? 0 : 1 + f(n - 1); } f(100000);', /stack/i],
  throw: ['throw new Error("the ERP said no")', /the ERP said no/],
  'await on a client': [
    'async function pay() { await Promise.resolve(); new TPaymentClient(1, "CZK").Execute(); }\npay();',
    /synchronous|await|then/i,
  ],
  '.then on a client': ['Promise.resolve().then(() => new TPaymentClient(1, "CZK").Execute());', /synchronous|await|then/i],
};

describe(`${DESKS} cash desks at once`, () => {
  it('every desk gets its own answer while misbehaving scripts end with clear errors', async () => {
    const payScript = writeFiles(dir, {
      'pay.ts': `
        import { AMOUNT } from './lib/amount';
        const c = new TPaymentClient(AMOUNT, 'CZK');
        c.Execute();
        console.log(c.Status + ' ' + c.AuthorizationCode);
        c.Free();`,
      'lib/amount.ts': 'export const AMOUNT = "10.00";',
    });
    const runs = simulators
      .slice(0, DESKS)
      .map((_, i) => host.runScript(payScript, { desk: { pc: desk(i) } }).then((report) => ({ i, report })));
    const bad = Object.entries(MISBEHAVING).map(([name, [source, expected]]) =>
      host
        .runScript(writeFiles(dir, { [`${name.replace(/\W+/g, '-')}.ts`]: source }), { desk: { pc: desk(DESKS) } })
        .then((report) => ({ name, report, expected })),
    );

    for (const { name, report, expected } of await Promise.all(bad)) {
      expect(report.ok, name).toBe(false);
      expect(report.error?.message, name).toMatch(expected);
    }
    const done = await Promise.all(runs);
    for (const { i, report } of done) {
      expect(report.error, `desk ${i}`).toBeUndefined();
      expect(report.logs[0], `desk ${i}`).toMatch(/^Approved \w+$/);
    }
    // Each terminal took exactly its own desk's payment.
    for (const simulator of simulators.slice(0, DESKS)) {
      expect(simulator.ledger.filter((e) => e.kind === 'sale')).toHaveLength(1);
    }
  }, 120_000);

  it('recursion 1 000 deep works', async () => {
    const report = await host.runScript(
      writeFiles(dir, {
        'deep.ts': 'function f(n: number): number { return n === 0 ? 0 : 1 + f(n - 1); }\nconsole.log(String(f(1000)));',
      }),
      { desk: { pc: desk(1) } },
    );
    expect(report).toMatchObject({ ok: true, logs: ['1000'] });
  });
});
