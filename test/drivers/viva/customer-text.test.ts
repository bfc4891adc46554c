// What the customer sees (CustomerTrns / customerTrns) is the document, never our internal
// reference; our reference stays where recovery looks for it (MerchantTrns, merchantReference and
// the session id), and a card number hidden in a document never leaves unmasked.
import { afterEach, describe, expect, it } from 'vitest';
import { type Rig, STYLES, context, request, startRig } from './harness.js';

describe.each(STYLES)('Viva %s customer text', (style) => {
  let rig: Rig;
  afterEach(async () => {
    await rig?.close();
  });

  it('carries the document to the customer and keeps our reference for recovery', async () => {
    rig = await startRig({ style });
    const payment = { ...request(4200), documentReference: 'FV-2026/0042' };
    expect((await rig.driver.pay(payment, context())).outcome).toBe('approved');
    expect(rig.sim.payments()[0]).toMatchObject({ customerText: 'FV-2026/0042', reference: payment.reference });

    // A driver that knows nothing of the payment finds it by our reference alone.
    const found = await rig.freshDriver().findTransaction!(
      { reference: payment.reference, operation: 'sale', sentAt: new Date() },
      context(),
    );
    expect(found).toMatchObject({ kind: 'found', result: { outcome: 'approved', echoedReference: payment.reference } });
    expect(rig.sim.received()).toHaveLength(1);
  });

  it('masks a card number in the document before it goes out, and sends no customer text without a document', async () => {
    rig = await startRig({ style });
    await rig.driver.pay({ ...request(4300), documentReference: 'paid by 4111111111111111' }, context());
    await rig.driver.pay(request(4400), context());
    expect(rig.sim.payments().map((p) => p.customerText)).toEqual(['paid by 411111******1111', undefined]);
  });
});
