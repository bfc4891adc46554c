// Lost results (nets-connect-cloud.md, "Recovery lessons from production"): wait, look up at most
// twice, match by orderId or an unseen StanAuth in the time window; a financial request whose
// outcome is unknown is never sent again, and an abort goes through cancelAction.
import { afterEach, describe, expect, test } from 'vitest';
import { MATCH_WINDOW_MS, isOurs } from '../../../runtime/drivers/nets/matching.js';
import type { LookedUp } from '../../../runtime/drivers/nets/messages.js';
import { type NetsRig, context, lookups, netsRig, request, transactionPosts } from './harness.js';

let rig: NetsRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

test('cents 58: the answer is lost, one lookup finds it approved; one request, one booking', async () => {
  rig = await netsRig();
  const result = await rig.driver.pay(request(1258), context());
  expect(result).toMatchObject({ outcome: 'approved', responseCode: '00', maskedCardNumber: '476173******0119' });
  expect(result.authorizationCode).toMatch(/^\w+$/);
  expect(rig.sim.bookings()).toHaveLength(1);
  expect(transactionPosts(rig)).toBe(1);
  expect(lookups(rig)).toBe(1);
});

test('a lookup that does not see the result yet is followed by one more, after another pause', async () => {
  rig = await netsRig({ lookupLagMs: 60_000 });
  const r = rig;
  // The cloud catches up once the first lookup has missed.
  const catchUp = setInterval(() => lookups(r) === 1 && r.sim.setLookupLag(0), 5);
  const result = await rig.driver.pay(request(1358), context());
  clearInterval(catchUp);
  expect(result.outcome).toBe('approved');
  expect(lookups(rig)).toBe(2);
  expect(transactionPosts(rig)).toBe(1);
});

test('never more than two lookups: a result they cannot see is failed, sent once, cancelled on the terminal', async () => {
  rig = await netsRig({ lookupLagMs: 60_000 });
  const result = await rig.driver.pay(request(1455), context());
  expect(result).toMatchObject({ outcome: 'failed', reason: 'timeout' });
  expect(lookups(rig)).toBe(2);
  expect(transactionPosts(rig)).toBe(1);
  expect(rig.calls()).toContain('POST /v1/terminal/NETS0001/administration 200');
  expect(rig.sim.bookings()).toHaveLength(0);
});

test('a cancel the cloud did not take leaves the first lookup blind to an approval within the lag: without a second answer, in doubt', async () => {
  // The line drops at 100 ms and the cancel is refused, so the flow approves at 1050 ms (the
  // terminal finishes a flow whose register is gone); the first lookup comes within the cloud's
  // lag of it and the cloud is gone for the second.
  rig = await netsRig(
    { delayMs: 1050, lookupLagMs: 1000, orphanedFlow: 'finish' },
    { timeoutSeconds: 10 },
    { lookupDelayMs: 1000 },
  );
  const r = rig;
  const pending = rig.driver.pay(request(1900), context());
  setTimeout(() => {
    r.sim.setOffline(true);
    r.sim.dropConnections();
  }, 100);
  const gone = setInterval(() => lookups(r) === 1 && void r.sim.close(), 5);
  const result = await pending;
  clearInterval(gone);
  expect(result.outcome).toBe('in-doubt');
  expect(rig.sim.bookings()).toHaveLength(1);
});

test('with the cloud gone during the card flow and for every lookup, the payment is in doubt, not failed', async () => {
  rig = await netsRig({ delayMs: 5000 });
  const pending = rig.driver.pay(request(1500), context());
  setTimeout(() => void rig!.sim.close(), 100);
  const result = await pending;
  expect(result.outcome).toBe('in-doubt');
  expect(rig.sim.received()).toHaveLength(1);
});

test('merchant abort: one cancelAction, the held request ends cancelled, nothing charged', async () => {
  rig = await netsRig({ delayMs: 3000 }, { timeoutSeconds: 10 });
  const abort = new AbortController();
  const ctx = context(abort.signal);
  setTimeout(() => abort.abort(), 100);
  const started = Date.now();
  const result = await rig.driver.pay(request(1600), ctx);
  expect(result).toEqual({ outcome: 'cancelled', reason: 'merchant-aborted', responseCode: '' });
  expect(Date.now() - started).toBeLessThan(1500);
  expect(rig.calls().filter((c) => c.startsWith('POST /v1/terminal/NETS0001/administration'))).toHaveLength(1);
  expect(rig.sim.bookings()).toHaveLength(0);
  expect(ctx.events.map((e) => e.kind)).toContain('aborting');
});

test('a merchant abort the held request never answers is looked up, and a charge it finds stands', async () => {
  // Booked at once, answer withheld: the cancel comes too late and the POST stays silent.
  rig = await netsRig({}, { timeoutSeconds: 10 });
  rig.sim.injectFault('withhold');
  const abort = new AbortController();
  setTimeout(() => abort.abort(), 100);
  const result = await rig.driver.pay(request(1700), context(abort.signal));
  expect(result).toMatchObject({ outcome: 'approved', responseCode: '00' });
  expect(rig.sim.bookings()).toHaveLength(1);
  expect(transactionPosts(rig)).toBe(1);
  expect(lookups(rig)).toBe(1);
});

test('an abort before anything was sent sends nothing', async () => {
  rig = await netsRig();
  const abort = new AbortController();
  abort.abort();
  expect(await rig.driver.pay(request(1800), context(abort.signal))).toMatchObject({
    outcome: 'cancelled',
    reason: 'merchant-aborted',
  });
  expect(rig.sim.received()).toHaveLength(0);
});

describe('matching a looked-up record', () => {
  const sentAt = Date.UTC(2025, 0, 1, 12, 0, 0);
  const lost = { orderId: 'order-1', amountMinor: 1000, sentAt };
  const at = (ms: number) => new Date(ms).toISOString();
  const record = (over: Partial<LookedUp['args']>, orderId?: string): LookedUp => ({
    args: { Result: 2, StanAuth: '000042', TimeStamp: at(sentAt + 5000), TotalAmount: 1000, ...over },
    ...(orderId !== undefined && { orderId }),
  });

  test('by orderId when the record has one: ours only when equal', () => {
    expect(isOurs(record({ Result: 0 }, 'order-1'), lost, new Set())).toBe(true);
    expect(isOurs(record({ Result: 0 }, 'order-2'), lost, new Set())).toBe(false);
  });

  test('otherwise by a StanAuth not seen before, in the ±10 min window, with our amount', () => {
    expect(isOurs(record({}), lost, new Set())).toBe(true);
    expect(isOurs(record({}), lost, new Set(['000042']))).toBe(false);
    expect(isOurs(record({ TimeStamp: at(sentAt - MATCH_WINDOW_MS - 1000) }), lost, new Set())).toBe(false);
    expect(isOurs(record({ TotalAmount: 999 }), lost, new Set())).toBe(false);
    expect(isOurs(record({ StanAuth: '' }), lost, new Set())).toBe(false);
  });
});
