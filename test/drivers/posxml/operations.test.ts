// The operations through the simulator over real loopback sockets: payment, refund, reversal,
// close totals, cashback refusal, connection tests.
import { afterEach, expect, test } from 'vitest';
import { createPosxmlDriver } from '../../../runtime/drivers/posxml/index.js';
import { type Rig, context, rig, sale, terminalConfig } from './harness.js';
import { driverDeps } from '../../support/driver-test-kit.js';

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

test('refund: RefundTransactionRequest with its own TransactionID and RefundAmount, booked as a refund', async () => {
  r = await rig();
  const result = await r.driver.refund(sale(1990, 'RET-1'), context());
  expect(result).toMatchObject({ outcome: 'approved', responseCode: '000', amountMinor: 1990, transactionId: 'RET-1' });
  expect(r.log.sent).toEqual(['CancelAllOperationsRequest', 'RefundTransactionRequest']);
  expect(r.log.frames.find((f) => f.text.includes('<RefundTransactionRequest>'))?.text).toContain(
    '<CurrencyName>EUR</CurrencyName><RefundAmount>1990</RefundAmount><TransactionID>RET-1</TransactionID>',
  );
  expect(r.sim.bookings()).toEqual([{ operation: 'refund', amountMinor: 1990, authorizationCode: result.authorizationCode }]);
});

test('reversal of a charge this driver approved: addressed by its TransactionID, the charge marked reversed', async () => {
  r = await rig();
  const charge = await r.driver.pay(sale(8990, 'SALE-REV'), context());
  const reversal = await r.driver.reverse({ ...sale(8990, 'STORNO-1'), authorizationCode: charge.authorizationCode! }, context());
  expect(reversal).toMatchObject({ outcome: 'approved', responseCode: '000', transactionId: 'SALE-REV' });
  expect(r.log.frames.find((f) => f.text.includes('<ReverseTransactionRequest>'))?.text).toContain(
    '<ReverseTransactionRequest><CurrencyName>EUR</CurrencyName><ReverseAmount>8990</ReverseAmount><TransactionID>SALE-REV</TransactionID>',
  );
  expect(r.sim.bookings()).toEqual([
    { operation: 'sale', amountMinor: 8990, authorizationCode: charge.authorizationCode, reversed: true },
    { operation: 'reversal', amountMinor: 8990, authorizationCode: charge.authorizationCode },
  ]);
});

test('reversal by a driver that never saw the charge: the terminal’s last transaction (NextSTAN − 1) must carry the code', async () => {
  r = await rig();
  const charge = await r.driver.pay(sale(4500, 'SALE-OLD'), context());
  const fresh = createPosxmlDriver(terminalConfig(r.sim), driverDeps(r.log));
  try {
    const wrong = await fresh.reverse({ ...sale(4500), authorizationCode: '999999' }, context());
    expect(wrong).toMatchObject({ outcome: 'failed', reason: 'unknown', responseCode: '32781' });
    expect(r.sim.received().filter((q) => q.operation === 'reversal')).toHaveLength(0);

    r.log.frames.length = 0;
    const reversal = await fresh.reverse({ ...sale(4500), authorizationCode: charge.authorizationCode! }, context());
    expect(reversal.outcome).toBe('approved');
    expect(r.log.sent).toEqual([
      'GetTerminalStatusRequest',
      'GetLastTransactionDataRequest',
      'CancelAllOperationsRequest',
      'ReverseTransactionRequest',
    ]);
    expect(r.log.frames.find((f) => f.text.includes('<ReverseTransactionRequest>'))?.text).toContain(
      '<TransactionID>SALE-OLD</TransactionID>',
    );
    expect(r.sim.bookings()[0]).toMatchObject({ reversed: true });
  } finally {
    await fresh.close();
  }
});

test('close totals: TransactionSendRequest; FileTotalAmount and FileTransactionCount become totals per currency', async () => {
  r = await rig();
  await r.driver.pay(sale(1000), context());
  await r.driver.pay(sale(2500), context());
  await r.driver.refund(sale(500), context());
  const close = await r.driver.closeTotals(context());
  expect(close).toMatchObject({
    outcome: 'approved',
    responseCode: '0',
    totals: [{ currency: 'EUR', count: 3, amountMinor: 3000 }],
  });
  expect(r.log.sent.at(-1)).toBe('TransactionSendRequest');
  expect(r.sim.bookings().at(-1)).toEqual({ operation: 'close', amountMinor: 3000 });
  // A new day starts empty.
  expect((await r.driver.closeTotals(context())).totals).toEqual([{ currency: 'EUR', count: 0, amountMinor: 0 }]);
});

test('cashback is not in the protocol: refused, nothing sent', async () => {
  r = await rig();
  const result = await r.driver.payWithCashback({ ...sale(3000), cashbackMinor: 5000 }, context());
  expect(result).toEqual({ outcome: 'failed', reason: 'not-supported', responseCode: '' });
  expect(r.sim.requests()).toHaveLength(0);
  expect(r.log.frames).toHaveLength(0);
});

test('testTerminal asks GetTerminalStatus, testBank TransactionSendStatus', async () => {
  r = await rig();
  expect(await r.driver.testTerminal(context())).toMatchObject({ ok: true, responseCode: '0', elapsedMs: expect.any(Number) });
  expect(await r.driver.testBank(context())).toMatchObject({ ok: true, responseCode: '0' });
  expect(r.log.sent).toEqual(['GetTerminalStatusRequest', 'TransactionSendStatusRequest']);
});

test('lastResult: the last transaction this driver sent, by its TransactionID; undefined on a terminal with none', async () => {
  r = await rig();
  expect(await r.driver.lastResult(context())).toBeUndefined();
  await r.driver.pay(sale(10051, 'LAST-1'), context());
  expect(await r.driver.lastResult(context())).toMatchObject({
    outcome: 'declined',
    reason: 'insufficient-funds',
    transactionId: 'LAST-1',
  });
});

test('amounts the protocol cannot carry are refused before anything is sent', async () => {
  r = await rig();
  for (const amountMinor of [0, -5, 1.5, 1_000_000_000_000]) {
    expect(await r.driver.pay(sale(amountMinor), context())).toEqual({
      outcome: 'failed',
      reason: 'not-supported',
      responseCode: '',
    });
  }
  expect(r.sim.requests()).toHaveLength(0);
});
