// Viva's order codes are 16-digit numbers that can exceed 2^53, sent as bare JSON numbers. The
// simulator issues one above 2^53; it must come through exactly as text in the create answer (the
// provider reference the journal keeps), the day's listing, and the webhook.
import { afterEach, describe, expect, it } from 'vitest';
import { VIVA_SIMULATOR_CREDENTIALS as SIM } from '../../../runtime/simulators/viva/index.js';
import { type Rig, context, request, startRig, until } from './harness.js';

/** 2^53 + 1: a double reads it as 9007199254740992. */
const ORDER_CODE = '9007199254740993';

describe('Viva order codes above 2^53', () => {
  let rig: Rig;
  afterEach(async () => {
    await rig?.close();
  });

  it('round-trip exactly through answers, listings, webhooks and the provider reference', async () => {
    rig = await startRig({ style: 'orders', webhooks: {}, sim: { firstOrderCode: ORDER_CODE } });
    const payment = request(4200);
    const providerReferences: string[] = [];
    const ctx = { ...context(), onProviderReference: async (reference: string) => void providerReferences.push(reference) };

    expect((await rig.driver.pay(payment, ctx)).outcome).toBe('approved');
    expect(rig.sim.payments()[0]?.id).toBe(ORDER_CODE);
    expect(providerReferences).toEqual([ORDER_CODE]);

    // The simulator writes it as Viva does, a bare number no JSON.parse keeps exact.
    const authorization = `Basic ${Buffer.from(`${SIM.merchantId}:${SIM.apiKey}`).toString('base64')}`;
    const raw = await (
      await fetch(`http://${rig.sim.host}:${rig.sim.port}/api/orders/${ORDER_CODE}`, { headers: { authorization } })
    ).text();
    expect(raw).toContain(`"OrderCode":${ORDER_CODE},`);

    await until(() => rig.hub.record(payment.reference) !== undefined);
    expect(rig.hub.record(payment.reference)?.events[0]?.EventData.OrderCode).toBe(ORDER_CODE);

    // A driver that knows nothing finds the order through the day's listing alone.
    const found = await rig.freshDriver().findTransaction!(
      { reference: payment.reference, operation: 'sale', sentAt: new Date() },
      context(),
    );
    expect(found).toMatchObject({ kind: 'found', result: { outcome: 'approved', echoedReference: payment.reference } });
  });
});
