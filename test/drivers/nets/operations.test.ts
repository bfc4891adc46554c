// Refund, reversal of the last transaction, reconciliation as close totals, cashback, last result,
// connection tests, and the terminal states that refuse a request (offline, busy, reconciliation
// first) — each with its own code. Plus what must never reach a log or a result.
import { afterEach, expect, test } from 'vitest';
import { type NetsRig, context, netsRig, request, transactionPosts } from './harness.js';

let rig: NetsRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

test('refund is a return of goods, booked once', async () => {
  rig = await netsRig();
  const result = await rig.driver.refund(request(2500), context());
  expect(result.outcome).toBe('approved');
  expect(rig.sim.bookings()).toEqual([expect.objectContaining({ operation: 'refund', amountMinor: 2500 })]);
});

test('cashback: the card is charged purchase plus cash, booked as a purchase with cashback', async () => {
  rig = await netsRig();
  const result = await rig.driver.payWithCashback({ ...request(3000), cashbackMinor: 2000 }, context());
  expect(result).toMatchObject({ outcome: 'approved', amountMinor: 5000 });
  expect(rig.sim.bookings()).toEqual([expect.objectContaining({ operation: 'sale-with-cashback', amountMinor: 3000, cashbackMinor: 2000 })]);
  expect(rig.log.lines.join('\n')).toContain('"transactionType":"purchaseWithCashback","amount":5000,"amountCashback":2000');
});

test('reversal of the last transaction by its authorization code', async () => {
  rig = await netsRig();
  const sale = await rig.driver.pay(request(4000), context());
  const reversal = await rig.driver.reverse({ ...request(4000), authorizationCode: sale.authorizationCode! }, context());
  expect(reversal.outcome).toBe('approved');
  expect(rig.sim.bookings()[0]).toMatchObject({ operation: 'sale', reversed: true });
});

test('a transaction that is no longer the last is not reversed, and nothing is sent', async () => {
  rig = await netsRig();
  const first = await rig.driver.pay(request(4100), context());
  await rig.driver.pay(request(4200), context());
  const reversal = await rig.driver.reverse({ ...request(4100), authorizationCode: first.authorizationCode! }, context());
  expect(reversal).toEqual({ outcome: 'declined', reason: 'declined', responseCode: 'reversalNotPossible' });
  expect(rig.sim.received().filter((r) => r.operation === 'reversal')).toHaveLength(0);
});

test('a reversal answered "busy" right after the payment is tried once more after a pause', async () => {
  rig = await netsRig({ busyWindowMs: 80 });
  const sale = await rig.driver.pay(request(4300), context());
  const reversal = await rig.driver.reverse({ ...request(4300), authorizationCode: sale.authorizationCode! }, context());
  expect(reversal.outcome).toBe('approved');
  expect(rig.calls().filter((c) => c.startsWith('DELETE'))).toEqual([
    'DELETE /v1/terminal/NETS0001/transaction 409',
    'DELETE /v1/terminal/NETS0001/transaction 201',
  ]);
});

test('a payment in the busy window after another is refused "busy" and not repeated', async () => {
  rig = await netsRig({ busyWindowMs: 5000 });
  await rig.driver.pay(request(4400), context());
  const result = await rig.driver.pay(request(4500), context());
  expect(result).toEqual({ outcome: 'failed', reason: 'terminal-busy', responseCode: 'terminalBusy' });
  expect(transactionPosts(rig)).toBe(2);
});

test('close totals: reconciliation with totals per currency', async () => {
  rig = await netsRig({ currency: 'NOK' });
  await rig.driver.pay(request(10000), context());
  await rig.driver.refund(request(2500), context());
  const close = await rig.driver.closeTotals(context());
  expect(close).toMatchObject({ outcome: 'approved', totals: [{ currency: 'NOK', count: 2, amountMinor: 7500 }] });
  expect(close.merchantReceipt).toContain('RECONCILIATION');
});

test('reconciliation required first: payments are refused with their own code until closeTotals', async () => {
  rig = await netsRig({ requireReconciliation: true });
  expect(await rig.driver.pay(request(5000), context())).toEqual({ outcome: 'failed', reason: 'unknown', responseCode: 'reconciliationRequired' });
  expect((await rig.driver.closeTotals(context())).outcome).toBe('approved');
  expect((await rig.driver.pay(request(5000), context())).outcome).toBe('approved');
  expect(rig.sim.bookings().filter((b) => b.operation === 'sale')).toHaveLength(1);
});

test('a terminal disconnected from the cloud: its own code, and the terminal test says so', async () => {
  rig = await netsRig();
  rig.sim.setOffline(true);
  expect(await rig.driver.pay(request(5100), context())).toEqual({ outcome: 'failed', reason: 'unknown', responseCode: 'terminalDisconnected' });
  expect(await rig.driver.testTerminal(context())).toMatchObject({ ok: false, responseCode: 'terminalDisconnected' });
  expect(rig.sim.received()).toHaveLength(0);
  rig.sim.setOffline(false);
  expect(await rig.driver.testTerminal(context())).toMatchObject({ ok: true });
});

test('last result: the terminal record, masked; undefined when there is none', async () => {
  rig = await netsRig({ lookupLagMs: 0 });
  expect(await rig.driver.lastResult(context())).toBeUndefined();
  await rig.driver.pay(request(5200), context());
  expect(await rig.driver.lastResult(context())).toMatchObject({ outcome: 'approved', amountMinor: 5200, maskedCardNumber: '476173******0119' });
});

test('a currency the terminal is not set up for is refused without sending', async () => {
  rig = await netsRig({}, {}, { currency: 'NOK' });
  expect(await rig.driver.pay(request(5300), context())).toEqual({ outcome: 'failed', reason: 'not-supported', responseCode: '' });
  expect(rig.sim.received()).toHaveLength(0);
});

test('credentials never reach the log: not the password, not the token', async () => {
  rig = await netsRig({ username: 'clinic-org', password: 'S3cret-Pa55' }, {}, { username: 'clinic-org', password: 'S3cret-Pa55' });
  await rig.driver.pay(request(5400), context());
  const log = rig.log.lines.join('\n');
  expect(log).not.toContain('S3cret-Pa55');
  expect(log).not.toMatch(/eyJ[\w-]+\.[\w-]+/);
  expect(log).toContain('"password":"[redacted]"');
});

test('a full card number from the terminal is masked in the result, the receipts and the log', async () => {
  rig = await netsRig({ cardNumber: '4761739001010119' });
  const result = await rig.driver.pay(request(5500), context());
  expect(result.maskedCardNumber).toBe('476173******0119');
  expect(result.customerReceipt).toContain('476173******0119');
  expect(result.merchantReceipt).not.toContain('4761739001010119');
  expect(rig.log.lines.join('\n')).not.toContain('4761739001010119');
});
