// Viva webhooks end to end: the simulator delivers to the router mounted in an Express app on
// 127.0.0.1, the hub wakes the waiting payment, and whatever the webhooks do — dropped, doubled,
// early, out of order — the result is what Viva's own record says.
import { afterEach, describe, expect, it } from 'vitest';
import { WEBHOOK_EVENT } from '../../../runtime/drivers/viva/messages.js';
import { VivaWebhookHub } from '../../../runtime/drivers/viva/webhook-hub.js';
import { createVivaWebhookRouter } from '../../../runtime/drivers/viva/webhook-routes.js';
import { type Rig, STYLES, WEBHOOK_TOKEN, context, request, startReceiver, startRig, until } from './harness.js';

/** A 1796 event cut down to what the hub reads; shaped as Viva's "Transaction Payment Created" example. */
const approvalEvent = (reference: string) => ({
  EventTypeId: WEBHOOK_EVENT.paymentCreated,
  MessageId: `msg-${reference}`,
  EventData: { TransactionId: `tx-${reference}`, MerchantTrns: reference, StatusId: 'F', Amount: 42.0 },
});

/** Orders hear of transactions (1796 / 1798), cloud-terminal sessions of sessions (1802 / 1803). */
const EVENTS = {
  orders: { approved: WEBHOOK_EVENT.paymentCreated, failed: WEBHOOK_EVENT.transactionFailed },
  'cloud-terminal': { approved: WEBHOOK_EVENT.ecrSessionCreated, failed: WEBHOOK_EVENT.ecrSessionFailed },
} as const;

describe.each(STYLES)('Viva %s webhooks', (style) => {
  let rig: Rig;
  afterEach(async () => {
    await rig?.close();
  });

  it.each([
    [4200, 'approved', 'approved'],
    [4252, 'declined', 'failed'],
  ] as const)(
    'a webhook wakes the payment (%i, %s) at once instead of waiting for the next poll',
    async (amountMinor, outcome, verdict) => {
      rig = await startRig({
        style,
        webhooks: {},
        timeoutSeconds: 30,
        sim: { delayMs: 4000 },
        driverOptions: { pollIntervalMs: 5000 },
      });
      const started = Date.now();
      const result = await rig.driver.pay(request(amountMinor), context());
      expect(result.outcome).toBe(outcome);
      // Polls come at 0.25, 0.75, 1.75 and 3.75 s, then 8.75 s: the flow ends at 4 s, and only its
      // webhook can end the payment before the poll at 8.75 s (the gap leaves a loaded machine room).
      expect(Date.now() - started).toBeLessThan(8500);
      expect(rig.log.text).toMatch(/webhook for .*looking the result up/);
      expect(rig.sim.webhookDeliveries()).toEqual([{ eventTypeId: EVENTS[style][verdict], status: 200 }]);
    },
  );

  it('a payment whose webhook is dropped still completes by polling', async () => {
    rig = await startRig({ style, webhooks: {}, sim: { delayMs: 200, webhooks: { drop: true } } });
    expect((await rig.driver.pay(request(4300), context())).outcome).toBe('approved');
    expect(rig.sim.webhookDeliveries()).toHaveLength(0);
  });

  it('duplicate deliveries change nothing', async () => {
    rig = await startRig({ style, webhooks: {}, sim: { webhooks: { duplicate: true } } });
    const payment = request(4400);
    expect((await rig.driver.pay(payment, context())).outcome).toBe('approved');
    await until(() => rig.sim.webhookDeliveries().length === 2);
    expect(rig.sim.webhookDeliveries().every((d) => d.status === 200)).toBe(true);
    expect(rig.hub.record(payment.reference)?.events).toHaveLength(1);
    expect(rig.sim.bookings()).toHaveLength(1);
  });

  it('a webhook that arrives before the request is answered changes nothing', async () => {
    rig = await startRig({ style, webhooks: {}, sim: { webhooks: { early: true } } });
    const payment = request(4500);
    expect((await rig.driver.pay(payment, context())).outcome).toBe('approved');
    expect(rig.hub.record(payment.reference)).toMatchObject({ verdict: 'approved', disputed: false });
    expect(rig.sim.received()).toHaveLength(1);
    expect(rig.sim.bookings()).toHaveLength(1);
  });

  it('a late failure webhook after the approval does not flip it', async () => {
    rig = await startRig({ style, webhooks: {}, sim: { webhooks: { outOfOrder: true } } });
    const payment = request(4600);
    expect((await rig.driver.pay(payment, context())).outcome).toBe('approved');
    await until(() => rig.sim.webhookDeliveries().length === 2);
    expect(rig.sim.webhookDeliveries().map((d) => d.eventTypeId)).toEqual([EVENTS[style].approved, EVENTS[style].failed]);
    // The failure event carries no MerchantTrns: matched by order code / session id, then disputed.
    expect(rig.hub.record(payment.reference)).toMatchObject({ verdict: 'approved', disputed: true });
    expect((await rig.driver.lastResult(context()))?.outcome).toBe('approved');
  });

  it("answers Viva's verification GET with the key", async () => {
    rig = await startRig({ style, webhooks: {} });
    expect(await rig.sim.verifyWebhook()).toBe(true);
  });
});

describe('Viva webhook receiver', () => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(closers.splice(0).map((close) => close()));
  });
  async function receiver(overrides: Parameters<typeof startReceiver>[0] = {}) {
    const started = await startReceiver(overrides);
    closers.push(started.close);
    return started.url;
  }

  it('requires the secret token in its URL, for the verification GET too', async () => {
    const url = await receiver();
    expect((await fetch(`${url}/${WEBHOOK_TOKEN}`)).status).toBe(200);
    expect(await (await fetch(`${url}/${WEBHOOK_TOKEN}`)).json()).toEqual({ Key: 'SIMKEY' });
    expect((await fetch(`${url}/wrong-token-0123456789abcd`)).status).toBe(404);
    const post = await fetch(`${url}/wrong-token-0123456789abcd`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(approvalEvent('x')),
    });
    expect(post.status).toBe(404);
  });

  it('accepts only configured source addresses', async () => {
    const url = await receiver({ allowedAddresses: ['10.0.0.0/8', '192.0.2.7'] });
    expect((await fetch(`${url}/${WEBHOOK_TOKEN}`)).status).toBe(403);
    const widened = await receiver({ allowedAddresses: ['127.0.0.0/8'] });
    expect((await fetch(`${widened}/${WEBHOOK_TOKEN}`)).status).toBe(200);
  });

  it('is idempotent for a redelivered message and refuses what is not a Viva event', async () => {
    const url = await receiver();
    const post = (body: unknown) =>
      fetch(`${url}/${WEBHOOK_TOKEN}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const event = approvalEvent(`receiver-${Date.now()}`);
    expect(await (await post(event)).json()).toEqual({ delivery: 'accepted' });
    expect(await (await post(event)).json()).toEqual({ delivery: 'duplicate' });
    expect((await post({ hello: 'world' })).status).toBe(400);
  });

  it('refuses a weak token or an address list it cannot read, naming the option', () => {
    const hub = new VivaWebhookHub();
    expect(() => createVivaWebhookRouter({ token: 'short', key: 'K', allowedAddresses: [], hub })).toThrow(/token/);
    expect(() => createVivaWebhookRouter({ token: WEBHOOK_TOKEN, key: 'K', allowedAddresses: ['viva.com'], hub })).toThrow(
      /allowedAddresses/,
    );
  });
});
