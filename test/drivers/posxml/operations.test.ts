// The operations through the simulator over real loopback sockets: payment, refund, reversal,
// close totals, cashback refusal, connection tests.
import { afterEach, expect, test } from 'vitest';
import { type Rig, context, rig, sale } from './harness.js';

let r: Rig | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
});

test('a payment: CancelAllOperations first, then TransactionRequest; approved with receipts and a masked card', async () => {
  r = await rig();
  const ctx = context();
  const result = await r.driver.pay(sale(12345, 'INV-2026-0001'), ctx);
  expect(result).toMatchObject({
    outcome: 'approved',
    responseCode: '000',
    amountMinor: 12345,
    currencyNumeric: '978',
    transactionId: 'INV-2026-0001',
    terminalId: 'SIMPX001',
    maskedCardNumber: '************0119',
  });
  expect(result.reason).toBeUndefined();
  expect(result.authorizationCode).toMatch(/^\d{6}$/);
  expect(result.merchantReceipt).toContain('TRANSACTION DONE');
  expect(result.customerReceipt).toContain('Retain receipt');
  expect(r.log.sent).toEqual(['CancelAllOperationsRequest', 'TransactionRequest']);
  expect(r.sim.bookings()).toEqual([{ operation: 'sale', amountMinor: 12345, authorizationCode: result.authorizationCode }]);
  expect(ctx.events.map((e) => e.kind)).toEqual(expect.arrayContaining(['request-sent', 'result-received']));
});
