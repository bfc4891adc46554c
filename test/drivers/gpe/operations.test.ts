// One test per terminal command through the GPE driver and simulator over TCP, with the GPE
// fields that must appear on the wire: cashback, invoice number, customer language, totals in L.
import { afterEach, describe, expect, test } from 'vitest';
import { createGpeDriver } from '../../../runtime/drivers/gpe/index.js';
import { LINES_PER_PAGE } from '../../../runtime/simulators/letter-field/receipts.js';
import { type GpeRig, context, gpeConfig, gpeRig, sale, sentFrames } from './harness.js';
import { driverDeps } from '../../support/driver-test-kit.js';

let r: GpeRig | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
});

describe('financial operations', () => {
  test('cashback (T08): purchase in B, cash in its own field C; booked as purchase plus cashback apart', async () => {
    r = await gpeRig();
    const result = await r.driver.payWithCashback({ ...sale(10000), cashbackMinor: 2000 }, context());
    expect(result).toMatchObject({ outcome: 'approved', amountMinor: 10000 });
    expect(sentFrames(r.log).some((f) => f.includes('<FS>T08<FS>B10000<FS>C2000<FS>E203'))).toBe(true);
    expect(r.sim.bookings()).toEqual([
      { operation: 'sale-with-cashback', amountMinor: 10000, cashbackMinor: 2000, authorizationCode: result.authorizationCode },
    ]);
  });

  test('refund (T04) is booked as a refund of the amount', async () => {
    r = await gpeRig();
    const result = await r.driver.refund(sale(2500), context());
    expect(result).toMatchObject({ outcome: 'approved', amountMinor: 2500 });
    expect(r.sim.bookings()).toMatchObject([{ operation: 'refund', amountMinor: 2500 }]);
    expect(r.sim.received()).toEqual([{ operation: 'refund', amountMinor: 2500 }]);
  });

  test('reversal (T10) by authorization code cancels that charge; an unknown code is an issuer decline', async () => {
    r = await gpeRig();
    const paid = await r.driver.pay(sale(9900), context());
    const reversal = { ...sale(9900), authorizationCode: paid.authorizationCode! };
    expect(await r.driver.reverse(reversal, context())).toMatchObject({
      outcome: 'approved',
      authorizationCode: paid.authorizationCode,
    });
    expect(r.sim.bookings()).toEqual([
      { operation: 'sale', amountMinor: 9900, authorizationCode: paid.authorizationCode, reversed: true },
      { operation: 'reversal', amountMinor: 9900, authorizationCode: paid.authorizationCode },
    ]);
    const again = await r.driver.reverse(reversal, context());
    expect(again).toMatchObject({ outcome: 'declined', reason: 'issuer-declined', responseCode: '12' });
    expect(r.sim.bookings()).toHaveLength(2);
  });
});

describe('invoice number and customer language', () => {
  test('the variable symbol travels as invoice number N, and the configured language in J', async () => {
    r = await gpeRig({}, { options: { customerLanguage: 'en' } });
    const result = await r.driver.pay(sale(4100, '2024000017'), context());
    expect(result).toMatchObject({ outcome: 'approved', variableSymbol: '2024000017' });
    const request = sentFrames(r.log).find((f) => f.includes('<FS>T00'))!;
    expect(request).toContain('<FS>Jen');
    expect(request).toContain('<FS>N2024000017');
    expect(request).not.toContain('<FS>S');
    expect(r.sim.requests.at(-1)).toMatchObject({ transactionType: '00', customerLanguage: 'en', variableSymbol: '2024000017' });
  });

  test('without a configured language no J field is sent: the terminal uses its own', async () => {
    r = await gpeRig();
    await r.driver.pay(sale(4200), context());
    expect(sentFrames(r.log).some((f) => f.includes('<FS>J'))).toBe(false);
  });

  test('invoiceNumber "none" leaves the invoice number out; recovery still finds the sale by amount', async () => {
    r = await gpeRig({}, { timeoutSeconds: 0.3, options: { invoiceNumber: 'none' } });
    r.sim.injectFault('withhold');
    const result = await r.driver.pay(sale(4300, '77'), context());
    expect(result).toMatchObject({ outcome: 'approved', amountMinor: 4300 });
    expect(result.variableSymbol).toBeUndefined();
    expect(sentFrames(r.log).some((f) => f.includes('<FS>N'))).toBe(false);
  });

  test('a variable symbol that is not an invoice number (digits only, at most 10) is refused before sending', async () => {
    r = await gpeRig();
    expect(await r.driver.pay(sale(100, 'AB12'), context())).toMatchObject({ outcome: 'failed', reason: 'not-supported' });
    expect(await r.driver.pay(sale(100, '12345678901'), context())).toMatchObject({ reason: 'not-supported' });
    expect(r.sim.requests).toHaveLength(0);
  });
});

describe('receipts', () => {
  test('both copies are fetched page by page while the more-follows marker says so', async () => {
    r = await gpeRig();
    const ctx = context();
    const result = await r.driver.pay(sale(15000, '777'), ctx);
    const merchant = result.merchantReceipt!.split('\n');
    expect(merchant.slice(0, 4)).toEqual(['GPE - simulátor terminálu', 'Kopie pro obchodníka', 'Terminál: SIM00001', 'PRODEJ']);
    expect(merchant).toEqual(expect.arrayContaining(['Karta: 476173******0119', 'Var. symbol: 777', 'Schváleno']));
    expect(result.customerReceipt).toContain('Kopie pro zákazníka');
    const pagesPerCopy = Math.ceil(merchant.length / LINES_PER_PAGE);
    const parts = sentFrames(r.log).flatMap((f) => /<GS>t(.)/.exec(f)?.[1] ?? []);
    expect(parts).toEqual(['M', ...Array(pagesPerCopy - 1).fill('-'), 'C', ...Array(pagesPerCopy - 1).fill('-')]);
    expect(ctx.events.map((e) => e.kind)).toContain('fetching-receipt');
  });
});

describe('close totals and queries', () => {
  test('close totals (T60) answers field L with debit/credit and cashback counts and sums, then starts a new day', async () => {
    r = await gpeRig();
    await r.driver.pay(sale(10000), context());
    await r.driver.payWithCashback({ ...sale(5000), cashbackMinor: 1000 }, context());
    await r.driver.refund(sale(2000), context());
    const closed = await r.driver.closeTotals(context());
    // Debits 10000 + 6000 (cashback included), one credit of 2000, one cashback of 1000.
    const totalsFrame = r.log.frames.find((f) => f.direction === 'in' && f.text.includes('<FS>T60'))!;
    expect(totalsFrame.text).toContain('<FS>L2,16000,1,2000,1,1000');
    expect(closed).toMatchObject({ outcome: 'approved', totals: [{ currency: 'CZK', count: 3, amountMinor: 14000 }] });
    expect(closed.merchantReceipt).toContain('UZÁVĚRKA');
    expect(r.sim.bookings().at(-1)).toMatchObject({ operation: 'close' });
    expect((await r.driver.closeTotals(context())).totals).toEqual([{ currency: 'CZK', count: 0, amountMinor: 0 }]);
  });

  test('totals are reported in the configured default currency, since GPE totals carry none', async () => {
    r = await gpeRig({}, { options: { defaultCurrency: 'EUR' } });
    await r.driver.pay({ ...sale(700), currency: { alpha: 'EUR', numeric: '978', exponent: 2 } }, context());
    expect((await r.driver.closeTotals(context())).totals).toEqual([{ currency: 'EUR', count: 1, amountMinor: 700 }]);
  });

  test('lastResult is undefined on a fresh terminal, then reports the last transaction', async () => {
    r = await gpeRig();
    expect(await r.driver.lastResult(context())).toBeUndefined();
    const paid = await r.driver.pay(sale(4400), context());
    expect(await r.driver.lastResult(context())).toMatchObject({
      outcome: 'approved',
      authorizationCode: paid.authorizationCode,
      amountMinor: 4400,
    });
  });

  test('testTerminal (T80) and testBank (T95) answer ok and book nothing', async () => {
    r = await gpeRig();
    expect(await r.driver.testTerminal(context())).toMatchObject({
      ok: true,
      responseCode: '00',
      responseText: 'GPE simulátor 1.0',
    });
    expect(await r.driver.testBank(context())).toMatchObject({ ok: true, responseCode: '00' });
    expect(r.sim.requests.map((q) => q.transactionType)).toEqual(['80', '95']);
    expect(r.sim.received()).toEqual([]);
    expect(r.sim.bookings()).toEqual([]);
  });

  test('a second register sending while a sale runs gets T2 busy', async () => {
    r = await gpeRig({ delayMs: 400 });
    const other = createGpeDriver(gpeConfig(r.sim, { id: 'desk-2' }), driverDeps());
    const first = r.driver.pay(sale(1000), context());
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await other.pay(sale(2000), context())).toMatchObject({
      outcome: 'failed',
      reason: 'terminal-busy',
      responseCode: 'T2',
    });
    expect((await first).outcome).toBe('approved');
    await other.close();
  });
});
