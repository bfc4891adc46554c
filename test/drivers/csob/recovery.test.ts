// Lost results, aborts, broken connections and broken frames: the driver never crashes, never
// sends a financial request twice, and tells what it knows.
import net from 'node:net';
import { afterEach, expect, test } from 'vitest';
import { createCsobDriver } from '../../../runtime/drivers/csob/index.js';
import { type Rig, context, rig, sale, terminalConfig } from './harness.js';
import { waitFor } from '../../journal/support.js';
import { driverDeps } from '../../support/driver-test-kit.js';

let r: Rig | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
});

test('a B2 flagged 0x8000 is confirmed with T82, and where R differs the T82 record wins', async () => {
  r = await rig();
  r.sim.injectFault({ kind: 'misreport', responseCode: '-18', transactionType: '00' });
  const request = sale(20000);
  const result = await r.driver.pay(request, context());
  expect(result).toMatchObject({ outcome: 'approved', responseCode: '000', amountMinor: 20000 });
  expect(r.sim.requests.slice(-2).map((q) => q.transactionType)).toEqual(['00', '82']);
  expect(r.sim.ledger.filter((e) => e.variableSymbol === request.variableSymbol)).toHaveLength(1);
});

test('with the confirmation flag on every approval, each sale is followed by a T82', async () => {
  r = await rig({ confirmationFlag: true });
  const result = await r.driver.pay(sale(30000), context());
  expect(result.outcome).toBe('approved');
  expect(r.sim.requests.map((q) => q.transactionType)).toEqual(['82', '00', '82']);
});

test('merchant abort during the card flow → T81 then T82; nothing charged → cancelled / merchant-aborted', async () => {
  r = await rig({ delayMs: 5000, keepAliveMs: 50 }, { timeoutSeconds: 10 });
  const controller = new AbortController();
  const ctx = context(controller.signal);
  setTimeout(() => controller.abort(), 200);
  const started = Date.now();
  const result = await r.driver.pay(sale(40000), ctx);
  expect(result).toMatchObject({ outcome: 'cancelled', reason: 'merchant-aborted' });
  expect(Date.now() - started).toBeLessThan(2000);
  expect(r.sim.ledger).toHaveLength(0);
  expect(r.sim.requests.map((q) => q.transactionType)).toEqual(['82', '00', '81', '82']);
  const kinds = ctx.events.map((e) => e.kind);
  expect(kinds).toEqual(expect.arrayContaining(['acknowledged', 'keep-alive', 'aborting']));
});

test('no result within the timeout, but the terminal booked it: T81 + T82 recover the approval', async () => {
  r = await rig({}, { timeoutSeconds: 0.3 });
  r.sim.injectFault({ kind: 'withhold', transactionType: '00' });
  const request = sale(45000);
  const result = await r.driver.pay(request, context());
  expect(result).toMatchObject({ outcome: 'approved', responseCode: '000', variableSymbol: request.variableSymbol });
  expect(r.sim.requests.map((q) => q.transactionType)).toEqual(['82', '00', '81', '82']);
  expect(r.sim.ledger).toHaveLength(1);
});

test('an abort that loses the race to an approval reports the approval', async () => {
  r = await rig({}, { timeoutSeconds: 10 });
  r.sim.injectFault({ kind: 'withhold', transactionType: '00' });
  const controller = new AbortController();
  const ctx = context(controller.signal);
  const pending = r.driver.pay(sale(46000), ctx);
  setTimeout(() => controller.abort(), 150);
  const result = await pending;
  expect(result.outcome).toBe('approved');
  expect(ctx.events.map((e) => e.kind)).toContain('aborting');
  expect(r.sim.ledger).toHaveLength(1);
});

test('a terminal that cannot be reached again to look the result up → in-doubt, never resent', async () => {
  r = await rig({}, { timeoutSeconds: 5, options: { reconnectAttempts: 1, reconnectDelayMs: 50 } });
  r.sim.injectFault({ kind: 'withhold', transactionType: '00' });
  const ctx = context();
  const pending = r.driver.pay(sale(47000), ctx);
  setTimeout(() => void r!.sim.close(), 100);
  const result = await pending;
  expect(result).toEqual({ outcome: 'in-doubt', reason: 'connection-lost', responseCode: '' });
  expect(r.sim.requests.filter((q) => q.transactionType === '00')).toHaveLength(1);
  expect(ctx.events.map((e) => e.kind)).toContain('recovering');
});

test('an abort before anything was sent sends nothing', async () => {
  r = await rig();
  const controller = new AbortController();
  controller.abort();
  const result = await r.driver.pay(sale(1000), context(controller.signal));
  expect(result).toMatchObject({ outcome: 'cancelled', reason: 'merchant-aborted' });
  expect(r.sim.requests).toHaveLength(0);
});

test('after the terminal drops the connection between operations, the next one reconnects', async () => {
  r = await rig();
  const first = await r.driver.pay(sale(1000), context());
  r.sim.dropConnections();
  await new Promise((resolve) => setTimeout(resolve, 20));
  const ctx = context();
  const second = await r.driver.pay(sale(2000), ctx);
  expect([first.outcome, second.outcome]).toEqual(['approved', 'approved']);
  expect(ctx.events.map((e) => e.kind)).toContain('connecting');
  expect(r.sim.ledger).toHaveLength(2);
});

test('a refused connection fails fast with connection-refused and no charge', async () => {
  const closed = net.createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const { port } = closed.address() as net.AddressInfo;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  const driver = createCsobDriver(terminalConfig({ host: '127.0.0.1', port }), driverDeps());
  const started = Date.now();
  const result = await driver.pay(sale(1000), context());
  expect(result).toEqual({ outcome: 'failed', reason: 'connection-refused', responseCode: '' });
  expect(Date.now() - started).toBeLessThan(1000);
  await driver.close();
});

test('a garbage answer to a sale → malformed-answer after the T82 lookup, no charge, no crash', async () => {
  r = await rig();
  r.sim.injectFault({ kind: 'garbage', transactionType: '00' });
  const result = await r.driver.pay(sale(5000), context());
  expect(result).toMatchObject({ outcome: 'failed', reason: 'malformed-answer' });
  expect(r.sim.ledger).toHaveLength(0);
  expect(r.sim.requests.filter((q) => q.transactionType === '00')).toHaveLength(1);
  expect(r.log.warnings.some((w) => /skipped \d+ byte/.test(w))).toBe(true);
  // The connection still works.
  expect((await r.driver.pay(sale(6000), context())).outcome).toBe('approved');
});

test('a truncated answer to a test → malformed-answer at once', async () => {
  r = await rig();
  r.sim.injectFault({ kind: 'truncated', transactionType: '80' });
  const result = await r.driver.testTerminal(context());
  expect(result).toMatchObject({ ok: false, reason: 'malformed-answer', responseCode: '' });
  expect((await r.driver.testTerminal(context())).ok).toBe(true);
});

test('a last-transaction query answered "busy" while a card flow runs proves nothing: no record is not claimed', async () => {
  r = await rig({ delayMs: 1500 });
  const running = r.driver.pay(sale(31000), context());
  await waitFor(() => r!.sim.requests.some((q) => q.transactionType === '00'));
  // A restarted host's driver asks the same terminal while the old host's sale still runs.
  const restarted = createCsobDriver(terminalConfig(r.sim), driverDeps());
  try {
    expect(await restarted.lastResult(context())).toMatchObject({ outcome: 'failed', reason: 'terminal-busy', responseCode: '' });
  } finally {
    await restarted.close();
  }
  expect((await running).outcome).toBe('approved');
});
