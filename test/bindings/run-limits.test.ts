// A run's wall-clock limit reaches into a payment that is still waiting at the terminal: the
// terminal is told to stop (T81) and the outcome is looked up (T82), never guessed.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestHost, type TestHost } from '../support/host.js';

let t: TestHost;
beforeAll(async () => {
  t = await startTestHost({ timeoutSeconds: 30, limits: { wallSeconds: 1 } });
  // Start the sandbox workers first, so the one-second limit is spent waiting at the terminal.
  expect((await t.run('console.log("warm")')).ok).toBe(true);
});
afterAll(async () => {
  await t?.close();
});

it('ends a run at its wall-clock limit while the card flow runs, aborting on the terminal', async () => {
  t.simulator.setDelay(10_000);
  const started = Date.now();
  const report = await t.run(`
    const c = new TPaymentClient(31, 'CZK');
    c.Execute();
    console.log('not reached');`);
  t.simulator.setDelay(0);
  expect(Date.now() - started).toBeLessThan(5000);
  expect(report.ok).toBe(false);
  expect(report.error?.message).toMatch(/limits\.wallSeconds/);
  expect(report.logs).toEqual([]);
  expect(t.simulator.requests.map((q) => q.transactionType)).toContain('81');
  expect(t.simulator.ledger.filter((e) => e.amountMinor === 3100)).toHaveLength(0);
  // The aborted payment is still reported, as cancelled by the cash desk.
  expect(report.transactions).toMatchObject([{ client: 'TPaymentClient', status: 'Cancelled' }]);

  // The terminal is free for the next script.
  const next = await t.run(`const p = new TPaymentClient(32, 'CZK'); p.Execute(); console.log(p.Status);`);
  expect(next.logs).toEqual(['Approved']);
});

it('a merchant abort ends the waiting payment as Cancelled and the script goes on', async () => {
  t.simulator.setDelay(10_000);
  const abort = new AbortController();
  const running = t.run(
    `const c = new TPaymentClient(33, 'CZK');
    c.Execute();
    console.log(c.Status + ': ' + c.LocalizedResponseDescription);`,
    { merchantAbort: abort.signal },
  );
  setTimeout(() => abort.abort(), 300);
  const report = await running;
  t.simulator.setDelay(0);
  expect(report.ok).toBe(true);
  expect(report.logs).toEqual(['Cancelled: Cancelled by the cash desk']);
  expect(t.simulator.ledger.filter((e) => e.amountMinor === 3300)).toHaveLength(0);
});
