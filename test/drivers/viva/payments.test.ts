// Both Viva styles against the simulator over real HTTP: every row of the shared outcome table,
// returns, reversals by parent, close totals, token renewal, masking and what never reaches the log.
import { afterEach, describe, expect, it } from 'vitest';
import type { Outcome, Reason } from '../../../runtime/terminals/driver.js';
import { VIVA_SIMULATOR_CREDENTIALS as SIM } from '../../../runtime/simulators/viva/index.js';
import { type Rig, STYLES, context, request, startRig } from './harness.js';

/**
 * The orders listing's ResponseCode, and the session's event id: 1006 for what the server declined,
 * 1099 for the rest, told apart by the session's message. A timed-out order has no transaction.
 */
const OUTCOMES: [cents: number, outcome: Outcome, reason: Reason | undefined, orders: string, session: string][] = [
  [0, 'approved', undefined, '00', '00'],
  [51, 'declined', 'insufficient-funds', '51', '1006'],
  [52, 'declined', 'issuer-declined', '05', '1006'],
  [53, 'failed', 'customer-cancelled', 'terminal-cancelled', '1099'],
  [54, 'declined', 'card-removed', 'card-removed', '1099'],
  [55, 'failed', 'timeout', '', '1099'],
  [56, 'failed', 'terminal-busy', 'terminal-busy', '1099'],
  [57, 'declined', 'duplicate', '94', '1006'],
  [58, 'approved', undefined, '00', '00'],
  [59, 'declined', 'card-expired', '54', '1006'],
];

describe.each(STYLES)('Viva %s style', (style) => {
  let rig: Rig;
  afterEach(async () => {
    await rig?.close();
  });

  it.each(OUTCOMES)('cents %i → %s (%s)', async (cents, outcome, reason, orders, session) => {
    rig = await startRig({ style, timeoutSeconds: 0.8 });
    const amountMinor = 3000 + cents;
    const result = await rig.driver.pay(request(amountMinor), context());
    expect(result).toMatchObject({ outcome, responseCode: style === 'orders' ? orders : session });
    expect(result.reason).toBe(reason);
    expect(rig.sim.bookings().filter((b) => b.amountMinor === amountMinor)).toHaveLength(outcome === 'approved' ? 1 : 0);
    expect(rig.sim.received().filter((r) => r.amountMinor === amountMinor)).toHaveLength(1);
  });

  it('a result lost on the way (cents 58) is found by polling, with no webhook and no second request', async () => {
    rig = await startRig({ style });
    const result = await rig.driver.pay(request(1258), context());
    expect(result.outcome).toBe('approved');
    expect(rig.log.text).toMatch(/asking again/);
    expect(rig.sim.received()).toHaveLength(1);
  });

  it('an approval carries a masked card number; neither card numbers nor credentials reach the log', async () => {
    rig = await startRig({ style });
    const result = await rig.driver.pay(request(4200), context());
    expect(result.maskedCardNumber).toBe('414746******0133');
    expect(result.authorizationCode).toMatch(/^\d+$/);
    for (const secret of [SIM.apiKey, SIM.clientSecret, Buffer.from(`${SIM.merchantId}:${SIM.apiKey}`).toString('base64')]) {
      expect(rig.log.text).not.toContain(secret);
    }
    expect(rig.log.text).not.toMatch(/(?<!\d)\d{13,19}(?!\d)/);
    expect(rig.log.text).not.toMatch(/access_token":"(?!\[redacted\])/);
  });

  it('reverses a sale by its authorization code, even one this driver did not make', async () => {
    rig = await startRig({ style });
    const sale = await rig.driver.pay(request(5000), context());
    // A fresh driver knows nothing of the sale: it finds the parent in the day's transactions.
    const reversal = await rig.freshDriver().reverse({ ...request(5000), authorizationCode: sale.authorizationCode! }, context());
    expect(reversal.outcome).toBe('approved');
    expect(rig.sim.bookings().find((b) => b.operation === 'sale')?.reversed).toBe(true);
    const unknown = await rig.driver.reverse({ ...request(5000), authorizationCode: '999999' }, context());
    expect(unknown).toMatchObject({ outcome: 'failed', responseCode: 'request-rejected' });
  });

  it('returns to a presented card, and close totals nets sales against returns', async () => {
    rig = await startRig({ style });
    await rig.driver.pay(request(10_000), context());
    expect((await rig.driver.refund(request(2500), context())).outcome).toBe('approved');
    const close = await rig.driver.closeTotals(context());
    expect(close.totals).toEqual([{ currency: 'EUR', count: 2, amountMinor: 7500 }]);
  });

  it('refuses cashback without sending anything', async () => {
    rig = await startRig({ style });
    const result = await rig.driver.payWithCashback({ ...request(3000), cashbackMinor: 1000 }, context());
    expect(result).toEqual({ outcome: 'failed', reason: 'not-supported', responseCode: '' });
    expect(rig.sim.received()).toHaveLength(0);
  });
});

describe('Viva orders style without cloud-terminal credentials', () => {
  it('refuses returns as not supported, sending nothing', async () => {
    const rig = await startRig({ style: 'orders', driverOptions: { clientId: undefined, clientSecret: undefined } });
    try {
      expect((await rig.driver.refund(request(1000), context())).reason).toBe('not-supported');
      expect(rig.sim.received()).toHaveLength(0);
    } finally {
      await rig.close();
    }
  });
});

describe('Viva cloud terminal login', () => {
  it('logs in once, and again when Viva stops accepting the token', async () => {
    const rig = await startRig({ style: 'cloud-terminal' });
    try {
      await rig.driver.pay(request(1000), context());
      await rig.driver.pay(request(1100), context());
      expect(rig.log.lines.filter((l) => l.includes('POST /connect/token'))).toHaveLength(1);
      rig.sim.expireTokens();
      expect((await rig.driver.pay(request(1200), context())).outcome).toBe('approved');
      expect(rig.log.lines.filter((l) => l.includes('POST /connect/token'))).toHaveLength(2);
      expect(rig.sim.received()).toHaveLength(3);
    } finally {
      await rig.close();
    }
  });

  it('reports a last-result lookup Viva refuses as no record (response code empty), so the journal never reads it as an outcome', async () => {
    const rig = await startRig({ style: 'cloud-terminal', driverOptions: { clientSecret: 'wrong' } });
    try {
      expect(await rig.driver.lastResult(context())).toMatchObject({
        outcome: 'failed',
        responseCode: '',
        responseText: expect.any(String),
      });
    } finally {
      await rig.close();
    }
  });

  it('names a login Viva refuses, and sends no sale', async () => {
    const rig = await startRig({ style: 'cloud-terminal', driverOptions: { clientSecret: 'wrong' } });
    try {
      expect(await rig.driver.pay(request(1000), context())).toMatchObject({ outcome: 'failed', responseCode: 'login-failed' });
      expect(rig.sim.received()).toHaveLength(0);
      expect(rig.log.text).not.toContain('wrong');
    } finally {
      await rig.close();
    }
  });
});
