// The shared outcome table (protocols/README.md) through the NETS cloud: each row with the raw
// code the cashier's description is looked up by, and every payment sent exactly once.
import { afterEach, expect, test } from 'vitest';
import { type NetsRig, context, netsRig, request, transactionPosts } from './harness.js';

let rig: NetsRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

test.each([
  [0, { outcome: 'approved', responseCode: '00' }],
  [51, { outcome: 'declined', reason: 'insufficient-funds', responseCode: '51' }],
  [52, { outcome: 'declined', reason: 'issuer-declined', responseCode: '05' }],
  [53, { outcome: 'failed', reason: 'customer-cancelled', responseCode: 'cancelledByCustomer' }],
  [54, { outcome: 'declined', reason: 'card-removed', responseCode: 'cardRemoved' }],
  [55, { outcome: 'failed', reason: 'timeout', responseCode: '' }],
  [56, { outcome: 'failed', reason: 'terminal-busy', responseCode: 'terminalBusy' }],
  [57, { outcome: 'declined', reason: 'duplicate', responseCode: 'duplicateTransaction' }],
  [58, { outcome: 'approved', responseCode: '00' }],
  [59, { outcome: 'declined', reason: 'card-expired', responseCode: '54' }],
] as const)('cents %i → %o', async (cents, expected) => {
  rig = await netsRig();
  const amountMinor = 1000 + cents;
  const result = await rig.driver.pay(request(amountMinor), context());
  expect(result).toMatchObject(expected);
  if (!('reason' in expected)) expect(result.reason).toBeUndefined();
  const booked = rig.sim.bookings().filter((b) => b.amountMinor === amountMinor);
  expect(booked).toHaveLength(result.outcome === 'approved' ? 1 : 0);
  expect(transactionPosts(rig)).toBe(1);
});
