// One test per terminal command through the driver and the simulator over TCP, plus the wire
// variations the driver must live with (split and merged writes, checksums, long symbols).
import { afterEach, describe, expect, test } from 'vitest';
import { createCsobDriver } from '../../../runtime/drivers/csob/index.js';
import { LINES_PER_PAGE } from '../../../runtime/simulators/letter-field/receipts.js';
import { SIMULATED_CARD_NUMBER } from '../../../runtime/simulators/csob/index.js';
import { type Rig, context, rig, sale, terminalConfig } from './harness.js';
import { driverDeps } from '../../support/driver-test-kit.js';

let r: Rig | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
});

describe('receipts', () => {
  test('both copies are fetched over several B4 pages with t- while t1 says more follows', async () => {
    r = await rig();
    const ctx = context();
    const result = await r.driver.pay(sale(15000, '777'), ctx);
    expect(result.merchantReceipt?.split('\n')).toEqual([
      'ČSOB - simulátor terminálu',
      'Kopie pro obchodníka',
      'Terminál: SIM00001',
      'PRODEJ',
      'Částka: 150,00 203',
      'Karta: 476173******0119',
      `Autorizační kód: ${result.authorizationCode}`,
      'Var. symbol: 777',
      'Schváleno',
      'Děkujeme za nákup',
    ]);
    expect(result.customerReceipt).toContain('Kopie pro zákazníka');
    const receiptRequests = r.log.frames.filter((f) => f.direction === 'out' && f.text.includes('<GS>t'));
    const pagesPerCopy = Math.ceil(10 / LINES_PER_PAGE);
    expect(receiptRequests.map((f) => /<GS>t(.)/.exec(f.text)![1])).toEqual([
      'M',
      ...Array(pagesPerCopy - 1).fill('-'),
      'C',
      ...Array(pagesPerCopy - 1).fill('-'),
    ]);
    expect(ctx.events.map((e) => e.kind)).toContain('fetching-receipt');
  });

  test('the register answers every B2 and B4 with an empty B0', async () => {
    r = await rig();
    await r.driver.pay(sale(15100), context());
    const frames = r.log.frames.map((f) => `${f.direction}:${f.text.slice(5, 7)}`);
    frames.forEach((frame, i) => {
      if (frame === 'in:B2' || frame === 'in:B4') expect(frames.slice(i + 1)).toContain('out:B0');
    });
    expect(frames.filter((f) => f === 'out:B0').length).toBe(frames.filter((f) => f === 'in:B2' || f === 'in:B4').length);
  });
});

describe('financial operations', () => {
  test('refund (T04) is booked as a credit', async () => {
    r = await rig();
    const result = await r.driver.refund(sale(2500), context());
    expect(result).toMatchObject({ outcome: 'approved', amountMinor: 2500 });
    expect(r.sim.ledger).toMatchObject([{ kind: 'refund', amountMinor: -2500 }]);
    expect(r.sim.requests.at(-1)?.transactionType).toBe('04');
  });

  test('reversal (T10) by authorization code cancels that charge; an unknown code is declined', async () => {
    r = await rig();
    const paid = await r.driver.pay(sale(9900), context());
    const reversal = { ...sale(9900), authorizationCode: paid.authorizationCode! };
    const reversed = await r.driver.reverse(reversal, context());
    expect(reversed).toMatchObject({ outcome: 'approved', authorizationCode: paid.authorizationCode });
    expect(r.sim.ledger.map((e) => [e.kind, e.amountMinor, e.reversed])).toEqual([
      ['sale', 9900, true],
      ['reversal', -9900, undefined],
    ]);
    const again = await r.driver.reverse(reversal, context());
    expect(again).toMatchObject({ outcome: 'declined', reason: 'issuer-declined', responseCode: '012' });
    expect(r.sim.ledger).toHaveLength(2);
  });

  test('cashback (T08) sends the cash in the configured field and the card is charged both', async () => {
    r = await rig({ cashbackFieldId: 'K' }, { options: { cashbackFieldId: 'K' } });
    const result = await r.driver.payWithCashback({ ...sale(10000), cashbackMinor: 2000 }, context());
    expect(result.outcome).toBe('approved');
    expect(r.sim.ledger).toMatchObject([{ kind: 'sale-with-cashback', amountMinor: 12000, cashbackMinor: 2000 }]);
    expect(r.log.frames.some((f) => f.direction === 'out' && f.text.includes('<FS>T08') && f.text.includes('<FS>K2000'))).toBe(
      true,
    );
  });

  test('a variable symbol of 10–20 characters goes through sub-field 9/S and comes back', async () => {
    r = await rig();
    const result = await r.driver.pay(sale(3300, '12345678901234567890'), context());
    expect(result).toMatchObject({ outcome: 'approved', variableSymbol: '12345678901234567890' });
  });

  test('requests the protocol cannot carry are refused before anything is sent', async () => {
    r = await rig();
    expect(await r.driver.pay(sale(0), context())).toMatchObject({ outcome: 'failed', reason: 'not-supported' });
    expect(await r.driver.pay(sale(100, '1'.repeat(21)), context())).toMatchObject({ reason: 'not-supported' });
    expect(r.sim.requests).toHaveLength(0);
  });

  test('a second register sending a B1 while a sale runs gets -02 busy', async () => {
    r = await rig({ delayMs: 400 });
    const other = createCsobDriver(terminalConfig(r.sim, { id: 'desk-2' }), driverDeps());
    const first = r.driver.pay(sale(1000), context());
    await new Promise((resolve) => setTimeout(resolve, 100));
    // The other register's baseline T82 is refused as well; its sale gets the busy answer.
    const second = await other.pay(sale(2000), context());
    expect(second).toMatchObject({ outcome: 'failed', reason: 'terminal-busy', responseCode: '-02' });
    expect((await first).outcome).toBe('approved');
    expect(r.sim.ledger).toHaveLength(1);
    await other.close();
  });
});

describe('day close and queries', () => {
  test('close totals (T60) reports the day per currency, prints a receipt, and starts a new day', async () => {
    r = await rig();
    await r.driver.pay(sale(10000), context());
    await r.driver.pay(sale(5000), context());
    await r.driver.refund(sale(2000), context());
    await r.driver.pay({ ...sale(700), currency: { alpha: 'EUR', numeric: '978', exponent: 2 } }, context());
    const closed = await r.driver.closeTotals(context());
    expect(closed).toMatchObject({
      outcome: 'approved',
      totals: [
        { currency: 'CZK', count: 3, amountMinor: 13000 },
        { currency: 'EUR', count: 1, amountMinor: 700 },
      ],
    });
    expect(closed.merchantReceipt).toContain('UZÁVĚRKA');
    const next = await r.driver.closeTotals(context());
    expect(next.totals).toEqual([]);
  });

  test('lastResult is undefined on a fresh terminal, then reports the last transaction', async () => {
    r = await rig();
    expect(await r.driver.lastResult(context())).toBeUndefined();
    const paid = await r.driver.pay(sale(4200), context());
    expect(await r.driver.lastResult(context())).toMatchObject({
      outcome: 'approved',
      authorizationCode: paid.authorizationCode,
      amountMinor: 4200,
    });
  });

  test('testTerminal (T80) and testBank (T95) answer ok with the round trip time', async () => {
    r = await rig();
    const terminal = await r.driver.testTerminal(context());
    const bank = await r.driver.testBank(context());
    expect(terminal).toMatchObject({ ok: true, responseCode: '000', responseText: 'ČSOB simulátor 1.0' });
    expect(bank).toMatchObject({ ok: true, responseCode: '000' });
    expect(bank.elapsedMs).toBeGreaterThanOrEqual(0);
    expect(r.sim.requests.map((q) => q.transactionType)).toEqual(['80', '95']);
  });
});

describe('card numbers', () => {
  test('a terminal that sends the full card number: the result and the log show it masked', async () => {
    r = await rig({ fullCardNumber: true });
    const result = await r.driver.pay(sale(8800), context());
    expect(result.maskedCardNumber).toBe('476173******0119');
    expect(r.log.frames.some((f) => f.text.includes('<FS>P476173******0119'))).toBe(true);
    expect(r.log.everything).not.toContain(SIMULATED_CARD_NUMBER);
    expect(JSON.stringify(result)).not.toContain(SIMULATED_CARD_NUMBER);
  });
});

describe('the wire', () => {
  test.each(['whole', 'merged', 'split', 'mixed'] as const)('a sale with %s writes', async (writeMode) => {
    r = await rig({ writeMode });
    const result = await r.driver.pay(sale(6100), context());
    expect(result.outcome).toBe('approved');
    expect(result.customerReceipt).toContain('Děkujeme za nákup');
  });

  test('with crcCheck on both ends, computed checksums are sent and checked', async () => {
    r = await rig({ crcCheck: true }, { options: { crcCheck: true } });
    expect((await r.driver.pay(sale(6200), context())).outcome).toBe('approved');
    expect(r.log.frames.every((f) => !f.text.includes('A5A5<'))).toBe(true);
  });

  test('every frame is logged in both directions, with control characters named', async () => {
    r = await rig();
    await r.driver.testTerminal(context());
    expect(r.log.frames.map((f) => f.direction)).toEqual(['out', 'in', 'in', 'out']);
    expect(r.log.frames[0]!.text).toMatch(/^<STX>B101SIM00001\d{12}8000000[0-9A-F]A5A5<FS>T80<ETX>$/);
  });
});
