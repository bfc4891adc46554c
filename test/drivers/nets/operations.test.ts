// Refund, reversal of the last transaction, reconciliation as close totals, cashback, last result,
// connection tests, and the terminal states that refuse a request (offline, busy, reconciliation
// first) — each with its own code. Plus what must never reach a log or a result.
import { afterEach, expect, test } from 'vitest';
import { waitFor } from '../../journal/support.js';
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

test('cashback: amount is the purchase and amountCashback the cash, so 100.00 + 20.00 is one booking the card pays 120.00 for', async () => {
  // NaviPartner's NETS Cloud protocol sends total − cashback as amount (navipartner/npcore-partners).
  rig = await netsRig();
  const result = await rig.driver.payWithCashback({ ...request(10000), cashbackMinor: 2000 }, context());
  expect(result).toMatchObject({ outcome: 'approved', amountMinor: 12000 });
  expect(rig.log.lines.join('\n')).toContain('"transactionType":"purchaseWithCashback","amount":10000,"amountCashback":2000');
  const bookings = rig.sim.bookings();
  expect(bookings).toEqual([
    expect.objectContaining({ operation: 'sale-with-cashback', amountMinor: 10000, cashbackMinor: 2000 }),
  ]);
  expect(bookings[0]!.amountMinor + bookings[0]!.cashbackMinor!).toBe(12000);
});

test('a cashback sale whose answer never comes is found by lookup, and reports what the card paid', async () => {
  rig = await netsRig();
  rig.sim.injectFault('withhold');
  const result = await rig.driver.payWithCashback({ ...request(3000), cashbackMinor: 1500 }, context());
  expect(result).toMatchObject({ outcome: 'approved', amountMinor: 4500 });
  expect(rig.sim.bookings()).toHaveLength(1);
  expect(transactionPosts(rig)).toBe(1);
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

test('close totals: the reconciliation header and printed report; each end of day closes its own batch', async () => {
  rig = await netsRig({ currency: 'NOK' });
  await rig.driver.pay(request(10000), context());
  await rig.driver.refund(request(2500), context());
  const close = await rig.driver.closeTotals(context());
  expect(close).toMatchObject({ outcome: 'approved', responseCode: '00', transactionId: '1' });
  expect(close.totals).toBeUndefined();
  expect(close.merchantReceipt).toContain('RECONCILIATION');
  expect(close.merchantReceipt).toContain('NOK 2 75.00');
  expect(await rig.driver.closeTotals(context())).toMatchObject({ outcome: 'approved', transactionId: '2' });
  expect(rig.sim.bookings().filter((b) => b.operation === 'close')).toHaveLength(2);
});

test('an end of day whose answer does not come in time is in doubt, not failed: the batch may be closed already', async () => {
  rig = await netsRig({ delayMs: 1500 }, { timeoutSeconds: 0.3 });
  const close = await rig.driver.closeTotals(context());
  expect(close).toMatchObject({ outcome: 'in-doubt', reason: 'timeout' });
  await waitFor(() => rig!.sim.bookings().some((b) => b.operation === 'close'));
});

test('payments of one batch share its session number but each has its own transaction id, the StanAuth', async () => {
  rig = await netsRig();
  const first = await rig.driver.pay(request(6100), context());
  const second = await rig.driver.pay(request(6200), context());
  expect(first.transactionId).toBe(first.authorizationCode);
  expect(second.transactionId).toBe(second.authorizationCode);
  expect(first.transactionId).not.toBe(second.transactionId);
  const sessionNumbers = rig.log.lines.filter((l) => l.includes(' in 201 ')).map((l) => /"SessionNumber":"(\w+)"/.exec(l)?.[1]);
  expect(sessionNumbers).toEqual(['1', '1']);
});

test('reconciliation required first: payments are refused with their own code until closeTotals', async () => {
  rig = await netsRig({ requireReconciliation: true });
  expect(await rig.driver.pay(request(5000), context())).toEqual({
    outcome: 'failed',
    reason: 'unknown',
    responseCode: 'reconciliationRequired',
  });
  expect((await rig.driver.closeTotals(context())).outcome).toBe('approved');
  expect((await rig.driver.pay(request(5000), context())).outcome).toBe('approved');
  expect(rig.sim.bookings().filter((b) => b.operation === 'sale')).toHaveLength(1);
});

test('a terminal disconnected from the cloud: its own code, and the terminal test says so', async () => {
  rig = await netsRig();
  rig.sim.setOffline(true);
  expect(await rig.driver.pay(request(5100), context())).toEqual({
    outcome: 'failed',
    reason: 'unknown',
    responseCode: 'terminalDisconnected',
  });
  expect(await rig.driver.testTerminal(context())).toMatchObject({ ok: false, responseCode: 'terminalDisconnected' });
  expect(rig.sim.received()).toHaveLength(0);
  rig.sim.setOffline(false);
  expect(await rig.driver.testTerminal(context())).toMatchObject({ ok: true });
});

test('last result: the terminal record, masked; undefined when there is none', async () => {
  rig = await netsRig({ lookupLagMs: 0 });
  expect(await rig.driver.lastResult(context())).toBeUndefined();
  await rig.driver.pay(request(5200), context());
  expect(await rig.driver.lastResult(context())).toMatchObject({
    outcome: 'approved',
    amountMinor: 5200,
    maskedCardNumber: '476173******0119',
  });
});

test('a currency the terminal is not set up for is refused without sending', async () => {
  rig = await netsRig({}, {}, { currency: 'NOK' });
  expect(await rig.driver.pay(request(5300), context())).toEqual({
    outcome: 'failed',
    reason: 'not-supported',
    responseCode: '',
  });
  expect(rig.sim.received()).toHaveLength(0);
});

test('credentials never reach the log: not the password, not the token', async () => {
  rig = await netsRig(
    { username: 'clinic-org', password: 'S3cret-Pa55' },
    {},
    { username: 'clinic-org', password: 'S3cret-Pa55' },
  );
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
