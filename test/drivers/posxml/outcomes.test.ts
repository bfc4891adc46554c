// Every row of the shared outcome table (protocols/README.md) through the driver and the
// simulator over loopback sockets: the neutral outcome and reason, the raw code, what the bank
// booked and what was sent.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { testUnbookedCents } from '../../support/driver-test-kit.js';
import { type Rig, context, rig, sale } from './harness.js';

let r: Rig;
beforeAll(async () => {
  r = await rig({}, { timeoutSeconds: 0.5, options: { lookupDelayMs: 20 } });
});
afterAll(() => r.close());

const sentFor = (amountMinor: number) => r.sim.received().filter((q) => q.operation === 'sale' && q.amountMinor === amountMinor);

testUnbookedCents(
  [
    [10051, 'declined', 'insufficient-funds', '051'],
    [10052, 'declined', 'issuer-declined', '005'],
    [10053, 'failed', 'customer-cancelled', '32782'],
    [10054, 'declined', 'card-removed', '32785'],
    [10056, 'failed', 'terminal-busy', '32775'],
    [10057, 'declined', 'duplicate', '094'],
    [10059, 'declined', 'card-expired', '054'],
  ],
  () => r,
  sale,
);

test('a decline carries the terminal’s Reason text and the masked card', async () => {
  const result = await r.driver.pay(sale(20051), context());
  expect(result).toMatchObject({
    responseText: expect.stringContaining('Insufficient funds'),
    maskedCardNumber: '************0119',
  });
  expect(result.authorizationCode).toBeUndefined();
});

test('cents 55 → no answer within the short timeout: CancelAll + lookup find nothing charged → failed / timeout', async () => {
  const before = r.sim.bookings().length;
  const ctx = context();
  const started = Date.now();
  r.log.frames.length = 0;
  const result = await r.driver.pay(sale(10055), ctx);
  expect(result).toMatchObject({
    outcome: 'failed',
    reason: 'timeout',
    responseCode: '32782',
    transactionId: expect.any(String),
  });
  expect(result.authorizationCode).toBeUndefined();
  expect(Date.now() - started).toBeLessThan(2000);
  expect(r.sim.bookings().length).toBe(before);
  expect(sentFor(10055)).toHaveLength(1);
  expect(r.log.sent).toEqual([
    'CancelAllOperationsRequest',
    'TransactionRequest',
    'CancelAllOperationsRequest',
    'GetLastTransactionDataRequest',
  ]);
  expect(ctx.events.map((e) => e.kind)).toContain('recovering');
});

test('cents 58 → booked, then the connection drops before the answer: looked up by TransactionID, approved, booked once, sent once', async () => {
  const request = sale(10058, 'DROP-58');
  const ctx = context();
  r.log.frames.length = 0;
  const result = await r.driver.pay(request, ctx);
  expect(result).toMatchObject({ outcome: 'approved', responseCode: '000', amountMinor: 10058, transactionId: 'DROP-58' });
  expect(result.authorizationCode).toMatch(/^\d{6}$/);
  expect(result.merchantReceipt).toContain('TRANSACTION DONE');
  expect(r.sim.bookings().filter((b) => b.amountMinor === 10058)).toHaveLength(1);
  expect(sentFor(10058)).toHaveLength(1);
  expect(r.log.sent.filter((type) => type === 'TransactionRequest')).toHaveLength(1);
  expect(r.log.sent.at(-1)).toBe('GetLastTransactionDataRequest');
  expect(r.log.frames.at(-2)?.text).toContain('<TransactionID>DROP-58</TransactionID>');
  expect(ctx.events.map((e) => e.kind)).toEqual(expect.arrayContaining(['disconnected', 'recovering', 'result-received']));
});

test('ReturnCode 0 with TransactionCompletion NOTIFICATION is a failure, never an approval', async () => {
  r.sim.injectFault('zero-notification');
  const before = r.sim.bookings().length;
  const result = await r.driver.pay(sale(3000), context());
  expect(result).toMatchObject({ outcome: 'failed', reason: 'unknown', responseCode: 'NOTIFICATION' });
  expect(r.sim.bookings().length).toBe(before);
});

test('any other cents → approved', async () => {
  const result = await r.driver.pay(sale(12399), context());
  expect(result).toMatchObject({ outcome: 'approved', responseCode: '000' });
  expect(r.sim.bookings().at(-1)).toMatchObject({
    operation: 'sale',
    amountMinor: 12399,
    authorizationCode: result.authorizationCode,
  });
});
