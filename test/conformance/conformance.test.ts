// One suite every driver and its simulator pass, through real sockets: the scenario table, the five
// operations, connection tests, the result timeout, lost results, dropped connections and bad input
// from the terminal side. A protocol joins by its entry in the protocol registry.
import net from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectationOn, scenarioNamed, SCENARIOS } from '../../runtime/simulators/scenarios.js';
import type { LostTransaction, TerminalDriver, TransactionResult } from '../../runtime/terminals/driver.js';
import { context, expectScenario, request, startRig, type Rig } from './rig.js';
import { TARGETS } from './targets.js';

/** The scenarios a driver meets on its own; those of a register that gave up or died are orphaned-flow.test.ts's. */
const DRIVER_SCENARIOS = SCENARIOS.filter((scenario) => !scenario.orphanedFlow && !scenario.hostKilled);

describe.each(TARGETS)('$protocol: every scenario of the table', (target) => {
  it.each(DRIVER_SCENARIOS)('$name, forced whatever the amount', async (scenario) => {
    const rig = await startRig(target, { simulator: { forcedOutcome: { outcome: scenario.outcome, request: 1 } } });
    try {
      const amountMinor = 1200; // cents 00: approved, were the outcome not forced
      const result = await rig.driver.pay(request(amountMinor), context());
      expectScenario(rig, result, amountMinor, expectationOn(scenario, target.protocol));
    } finally {
      await rig.close();
    }
  });

  // The simulators' documented convention: without forcing, the amount's cents pick the scenario.
  it('picks each scenario by the cents of the amount', async () => {
    const rig = await startRig(target);
    try {
      for (const scenario of DRIVER_SCENARIOS.filter((s) => s.cents !== undefined)) {
        const amountMinor = 1300 + scenario.cents!;
        const result = await rig.driver.pay(request(amountMinor), context());
        expectScenario(rig, result, amountMinor, expectationOn(scenario, target.protocol));
      }
    } finally {
      await rig.close();
    }
  });
});

describe.each(TARGETS)('$protocol: a lost answer with the terminal dark', (target) => {
  const LOST_ANSWER = scenarioNamed('lost-answer');

  /**
   * Recovery's lookup after its stop, as the journal's settlement makes it (the request itself,
   * else the last record) and reads it: a record, none at all, or an answer that proves nothing.
   */
  async function lookUp(
    driver: TerminalDriver,
    lost: LostTransaction,
  ): Promise<TransactionResult | 'no record' | 'proves nothing'> {
    await driver.stopOrphanedFlow(lost, context());
    const found = await driver.findTransaction?.(lost, context());
    if (found !== undefined)
      return found.kind === 'found' ? found.result : found.kind === 'absent' ? 'no record' : 'proves nothing';
    const last = await driver.lastResult(context());
    if (last === undefined) return 'no record';
    return last.responseCode === '' || last.outcome === 'in-doubt' ? 'proves nothing' : last;
  }

  it('is in doubt and charged while the terminal is dark; back, recovery finds the approval the bank booked', async () => {
    const rig = await startRig(target, { simulator: { forcedOutcome: { outcome: LOST_ANSWER.outcome, request: 1 } } });
    try {
      const amountMinor = 4400;
      const sale = request(amountMinor);
      let providerReference: string | undefined;
      const ctx = { ...context(), onProviderReference: async (handle: string) => void (providerReference = handle) };
      const result = await rig.driver.pay(sale, ctx);
      expectScenario(rig, result, amountMinor, expectationOn(LOST_ANSWER, target.protocol));
      const lost: LostTransaction = {
        reference: sale.reference,
        operation: 'sale',
        amountMinor,
        sentAt: new Date(),
        ...(providerReference !== undefined && { providerReference }),
      };
      // Still dark: no lookup may pass for "not charged".
      expect(await lookUp(rig.driver, lost)).toBe('proves nothing');

      rig.simulator.comeBack();
      const [booking] = rig.simulator.bookings().filter((b) => b.operation === 'sale' && b.amountMinor === amountMinor);
      expect(await lookUp(rig.driver, lost)).toMatchObject({
        outcome: 'approved',
        authorizationCode: booking!.authorizationCode,
      });
      expect(rig.simulator.received().filter((r) => r.operation === 'sale')).toHaveLength(1);
    } finally {
      await rig.close();
    }
  });
});

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
    if (target.entry.closeTotals === 'report') {
      expect(close.merchantReceipt?.trim()).toBeTruthy();
    } else {
      expect(close.totals?.length).toBeGreaterThan(0);
      expect(close.totals![0]).toMatchObject({ currency: 'EUR' });
    }
  });

  it(target.entry.cashback ? 'pays with cashback' : 'refuses cashback without sending anything', async () => {
    const before = rig.simulator.received().length;
    const result = await rig.driver.payWithCashback({ ...request(3000), cashbackMinor: 5000 }, context());
    if (target.entry.cashback) {
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
    const rig = await startRig(target, { port });
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
