// Every row of the shared cents table (protocols/README.md) through the GPE driver and simulator
// over TCP, checked against the simulator's neutral record of bookings and received requests.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { testUnbookedCents } from '../../support/driver-test-kit.js';
import { type GpeRig, approvedSale, context, gpeRig, sale } from './harness.js';

let r: GpeRig;
beforeAll(async () => {
  r = await gpeRig({}, { timeoutSeconds: 0.5 });
});
afterAll(() => r.close());

testUnbookedCents(
  [
    [10051, 'declined', 'insufficient-funds', '51'],
    [10052, 'declined', 'issuer-declined', '05'],
    [10053, 'failed', 'customer-cancelled', 'T1'],
    [10054, 'declined', 'card-removed', 'T3'],
    [10056, 'failed', 'terminal-busy', 'T2'],
    [10057, 'declined', 'duplicate', '94'],
    [10059, 'declined', 'card-expired', '54'],
  ],
  () => r,
  sale,
);

test('any other cents → approved, with the approved flag, a masked card and both receipts', async () => {
  const request = sale(12345);
  const result = await r.driver.pay(request, context());
  expect(result).toMatchObject(approvedSale(request, '00'));
  expect(result.reason).toBeUndefined();
  expect(result.merchantReceipt).toContain('GPE - simulátor terminálu');
  expect(r.sim.bookings().at(-1)).toEqual({ operation: 'sale', amountMinor: 12345, authorizationCode: result.authorizationCode });
});

test('cents 55 → the terminal never answers: passivate + last transaction find nothing, failed / timeout, nothing booked', async () => {
  const before = r.sim.bookings().length;
  const sent = r.sim.received().length;
  const started = Date.now();
  const result = await r.driver.pay(sale(10055), context());
  expect(result).toEqual({ outcome: 'failed', reason: 'timeout', responseCode: '' });
  expect(Date.now() - started).toBeLessThan(3000);
  expect(r.sim.bookings()).toHaveLength(before);
  expect(r.sim.received().slice(sent)).toEqual([{ operation: 'sale', amountMinor: 10055 }]);
  expect(r.sim.requests.slice(-3).map((q) => q.transactionType)).toEqual(['00', '81', '82']);
});

test('cents 58 → the connection drops before the result: recovered approved, one booking, one request sent', async () => {
  const request = sale(10058);
  const bookedBefore = r.sim.bookings().length;
  const sentBefore = r.sim.received().length;
  const ctx = context();
  const result = await r.driver.pay(request, ctx);
  expect(result).toMatchObject({
    outcome: 'approved',
    responseCode: '00',
    amountMinor: 10058,
    variableSymbol: request.variableSymbol,
  });
  expect(r.sim.bookings().slice(bookedBefore)).toEqual([
    { operation: 'sale', amountMinor: 10058, authorizationCode: result.authorizationCode },
  ]);
  expect(r.sim.received().slice(sentBefore)).toEqual([{ operation: 'sale', amountMinor: 10058 }]);
  expect(ctx.events.map((e) => e.kind)).toEqual(
    expect.arrayContaining(['disconnected', 'recovering', 'connecting', 'result-received']),
  );
});
