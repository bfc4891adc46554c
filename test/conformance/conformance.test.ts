// One suite every driver and its simulator pass, through real sockets: the outcome table, the five
// operations, connection tests, the result timeout, lost results, dropped connections and bad input
// from the terminal side. A protocol joins by one line in targets.ts.
import net from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Outcome, Reason, TransactionResult } from '../../runtime/terminals/driver.js';
import { context, request, startRig, type Rig } from './rig.js';
import { TARGETS } from './targets.js';

/** protocols/README.md: the outcome every simulator gives by the cents of the amount. */
const OUTCOME_TABLE: [cents: number, outcome: Outcome, reasons: (Reason | undefined)[]][] = [
  [0, 'approved', [undefined]],
  [51, 'declined', ['insufficient-funds']],
  [52, 'declined', ['issuer-declined']],
  // Issue 4, as the providers' documentation has it: the customer's cancel on the terminal is a
  // failed payment; only the cash desk's own abort ends Cancelled.
  [53, 'failed', ['customer-cancelled']],
  [54, 'declined', ['card-removed']],
  [55, 'failed', ['timeout']],
  [56, 'failed', ['terminal-busy']],
  // Protocols without a "duplicate" code report a plain decline.
  [57, 'declined', ['duplicate', 'declined']],
  [58, 'approved', [undefined]],
  [59, 'declined', ['card-expired']],
];

describe.each(TARGETS)('$protocol conformance', (target) => {
  let rig: Rig;
  beforeEach(async () => {
    rig = await startRig(target);
  });
  afterEach(async () => {
    await rig.close();
  });

  const sales = () => rig.simulator.received().filter((r) => r.operation === 'sale');
  const booked = (amountMinor: number) =>
    rig.simulator.bookings().filter((b) => b.amountMinor === amountMinor && b.operation !== 'close');

  /** Whatever the driver says must be what the bank booked: approved ⇔ exactly one booking. */
  function expectAgreesWithBank(result: TransactionResult, amountMinor: number) {
    expect(booked(amountMinor)).toHaveLength(result.outcome === 'approved' ? 1 : 0);
  }

  it.each(OUTCOME_TABLE)('cents %i → %s', async (cents, outcome, reasons) => {
    const amountMinor = 1200 + cents;
    const result = await rig.driver.pay(request(amountMinor), context());
    expect(result.outcome).toBe(outcome);
    expect(reasons).toContain(result.reason);
    expectAgreesWithBank(result, amountMinor);
    // Whatever happened, the payment was sent exactly once: recovery looks up, never re-sends.
    expect(sales().filter((s) => s.amountMinor === amountMinor)).toHaveLength(1);
  });

  it('an approved payment carries an authorization code and a masked card number, and nothing logs a full one', async () => {
    const result = await rig.driver.pay(request(4200), context());
    expect(result).toMatchObject({ outcome: 'approved' });
    expect(result.authorizationCode).toMatch(/^\w+$/);
    expect(result.maskedCardNumber ?? '').toMatch(/^[\d*]*\*+\d{4}$/);
    expect(rig.log.lines.join('\n')).not.toMatch(/(?<!\d)\d{13,19}(?!\d)/);
  });

  it('refund, reversal by authorization code and close totals', async () => {
    const refund = await rig.driver.refund(request(1990), context());
    expect(refund.outcome).toBe('approved');
    expect(rig.simulator.bookings().some((b) => b.operation === 'refund' && b.amountMinor === 1990)).toBe(true);

    const sale = await rig.driver.pay(request(8990), context());
    const reversal = await rig.driver.reverse({ ...request(8990), authorizationCode: sale.authorizationCode! }, context());
    expect(reversal.outcome).toBe('approved');
    expect(rig.simulator.bookings().find((b) => b.operation === 'sale' && b.amountMinor === 8990)?.reversed).toBe(true);

    const close = await rig.driver.closeTotals(context());
    expect(close.outcome).toBe('approved');
    if (target.closeTotals === 'report') {
      expect(close.merchantReceipt?.trim()).toBeTruthy();
    } else {
      expect(close.totals?.length).toBeGreaterThan(0);
      expect(close.totals![0]).toMatchObject({ currency: 'EUR' });
    }
  });

  it(target.cashback ? 'pays with cashback' : 'refuses cashback without sending anything', async () => {
    const before = rig.simulator.received().length;
    const result = await rig.driver.payWithCashback({ ...request(3000), cashbackMinor: 5000 }, context());
    if (target.cashback) {
      expect(result.outcome).toBe('approved');
      expect(rig.simulator.bookings().find((b) => b.operation === 'sale-with-cashback')).toMatchObject({
        amountMinor: 3000,
        cashbackMinor: 5000,
      });
    } else {
      expect(result).toEqual({ outcome: 'failed', reason: 'not-supported', responseCode: '' });
      expect(rig.simulator.received().length).toBe(before);
    }
  });

  it('tests the connection with the terminal and with the bank', async () => {
    expect(await rig.driver.testTerminal(context())).toMatchObject({ ok: true });
    expect(await rig.driver.testBank(context())).toMatchObject({ ok: true });
  });

  it('a withheld result is recovered by the last-result query, booked once, sent once', async () => {
    rig.simulator.injectFault('withhold');
    const result = await rig.driver.pay(request(2300), context());
    expect(result.outcome).toBe('approved');
    expectAgreesWithBank(result, 2300);
    expect(sales().filter((s) => s.amountMinor === 2300)).toHaveLength(1);
  });

  it('a connection dropped during the card flow ends in a result that agrees with the bank', async () => {
    rig.simulator.setDelay(400);
    const pending = rig.driver.pay(request(2400), context());
    setTimeout(() => rig.simulator.dropConnections(), 150);
    const result = await pending;
    expect(['approved', 'failed', 'cancelled', 'in-doubt']).toContain(result.outcome);
    if (result.outcome !== 'in-doubt') expectAgreesWithBank(result, 2400);
    expect(sales().filter((s) => s.amountMinor === 2400)).toHaveLength(1);
    rig.simulator.setDelay(0);
    expect((await rig.driver.pay(request(2500), context())).outcome).toBe('approved');
  });

  it.each(['garbage', 'truncated'] as const)(
    '%s from the terminal is a clear failure, not a crash, and the next payment works',
    async (fault) => {
      rig.simulator.injectFault(fault);
      const result = await rig.driver.pay(request(2600), context());
      expect(result.outcome).toBe('failed');
      expect(result.reason).toBe('malformed-answer');
      expectAgreesWithBank(result, 2600);
      expect((await rig.driver.pay(request(2700), context())).outcome).toBe('approved');
    },
  );

  it('a merchant abort during the card flow cancels, and nothing is charged', async () => {
    rig.simulator.setDelay(2000);
    const abort = new AbortController();
    const pending = rig.driver.pay(request(2800), context(abort.signal));
    setTimeout(() => abort.abort(), 200);
    const result = await pending;
    expect(result).toMatchObject({ outcome: 'cancelled', reason: 'merchant-aborted' });
    expectAgreesWithBank(result, 2800);
  });

  it('status events tell the cashier what is happening', async () => {
    const ctx = context();
    await rig.driver.pay(request(2900), ctx);
    const kinds = ctx.events.map((e) => e.kind);
    expect(kinds).toContain('request-sent');
    expect(kinds).toContain('result-received');
  });
});

describe.each(TARGETS)('$protocol with no terminal listening', (target) => {
  it('fails fast with connection-refused and tests report it', async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', () => resolve()));
    const { port } = closed.address() as net.AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const rig = await startRig(target, port);
    try {
      const started = Date.now();
      const result = await rig.driver.pay(request(3100), context());
      expect(result).toMatchObject({ outcome: 'failed', reason: 'connection-refused' });
      expect(Date.now() - started).toBeLessThan(3000);
      expect(await rig.driver.testTerminal(context())).toMatchObject({ ok: false, reason: 'connection-refused' });
      expect(rig.simulator.received()).toHaveLength(0);
    } finally {
      await rig.close();
    }
  });
});
