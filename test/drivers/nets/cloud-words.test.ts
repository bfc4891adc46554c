// Errors and rejections the driver's table does not know keep the cloud's own words. The forms are
// production's: `failure` as a bare string and `failure.error` beside rejected event args are what
// NaviPartner's NETS Cloud response parser reads and shows as they came (navipartner/npcore-partners,
// "NPR EFT NETSCloud Resp. Parser"). The texts are ours: no public source lists NETS' own.
import { afterEach, expect, test } from 'vitest';
import { CATALOGS, describeResult } from '../../../runtime/i18n/describe.js';
import { type NetsRig, context, netsRig, request, transactionPosts } from './harness.js';

let rig: NetsRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

test('a bare failure text the table does not know: failed, not "unknown result"; the cashier reads the cloud\'s words; the log warns', async () => {
  rig = await netsRig();
  rig.sim.failNextTransaction({ text: 'Terminal locked by acquirer', form: 'bare' });
  const result = await rig.driver.pay(request(7000), context());
  expect(result).toEqual({
    outcome: 'failed',
    responseCode: 'Terminal locked by acquirer',
    responseText: 'Terminal locked by acquirer',
  });
  expect(describeResult(result, 'nets', 'en')).toBe(`${CATALOGS.en.outcomes.failed}: Terminal locked by acquirer`);
  expect(rig.log.warnings.join('\n')).toContain('"Terminal locked by acquirer"');
  expect(rig.sim.bookings()).toHaveLength(0);
  expect(transactionPosts(rig)).toBe(1);
});

test('a rejection in words the table does not know is declined with those words, and its looked-up record says the same', async () => {
  rig = await netsRig({ lookupLagMs: 0 });
  rig.sim.failNextTransaction({ text: 'Card not accepted at this merchant', form: 'rejected' });
  const result = await rig.driver.pay(request(7100), context());
  const expected = {
    outcome: 'declined',
    reason: 'declined',
    responseCode: 'Card not accepted at this merchant',
    responseText: 'Card not accepted at this merchant',
  };
  expect(result).toMatchObject(expected);
  expect(describeResult(result, 'nets', 'cs')).toBe(`${CATALOGS.cs.reasons.declined}: Card not accepted at this merchant`);
  expect(await rig.driver.lastResult(context())).toMatchObject({ ...expected, transactionId: result.transactionId });
  expect(rig.sim.bookings()).toHaveLength(0);
});

test('a category the table knows keeps its own catalog text and logs no warning', async () => {
  rig = await netsRig();
  // Cents 53: the customer cancels on the terminal.
  const result = await rig.driver.pay(request(7053), context());
  expect(result).toMatchObject({ outcome: 'failed', reason: 'customer-cancelled', responseCode: 'cancelledByCustomer' });
  expect(result.responseText).toBeUndefined();
  expect(describeResult(result, 'nets', 'en')).toBe('Cancelled by the customer on the terminal');
  expect(rig.log.warnings).toEqual([]);
});

test("a card number in the cloud's words is masked in the result and the warning", async () => {
  rig = await netsRig();
  rig.sim.failNextTransaction({ text: 'Card 4761739001010119 blocked', form: 'bare' });
  const result = await rig.driver.pay(request(7200), context());
  expect(result.responseText).toBe('Card 476173******0119 blocked');
  expect(result.responseCode).toBe('Card 476173******0119 blocked');
  expect(rig.log.warnings.join('\n')).toContain('476173******0119');
  expect(rig.log.lines.join('\n')).not.toContain('4761739001010119');
});
