// The journal settles a NETS transaction a killed host never recorded through the driver's last
// result, with a restarted host's driver that has seen nothing (nets-connect-cloud.md, "Recovery
// lessons": orderId comes back only on success and is what an approval is matched by).
import { randomUUID } from 'node:crypto';
import { afterEach, expect, test } from 'vitest';
import type { JournalStore, NewTransaction } from '../../../runtime/journal/journal-store.js';
import { openJournal } from '../../../runtime/journal/open-journal.js';
import { settleTerminal } from '../../../runtime/journal/settlement.js';
import { PENDING, stateOfResult } from '../../../runtime/journal/transaction-state.js';
import type { TerminalDriver } from '../../../runtime/terminals/driver.js';
import { tempDir } from '../../support/temp.js';
import { waitFor } from '../../journal/support.js';
import { localLease } from '../../support/leases.js';
import { EUR, type NetsRig, context, lookups, netsRig } from './harness.js';

let openRig: NetsRig | undefined;
let openStore: JournalStore | undefined;
afterEach(async () => {
  await openRig?.close();
  await openStore?.close();
  openRig = openStore = undefined;
});

/** A NETS simulator and driver (`netsRig`'s settings), and an empty journal; both closed after the test. */
async function start(...settings: Parameters<typeof netsRig>): Promise<{ rig: NetsRig; store: JournalStore }> {
  openRig = await netsRig(...settings);
  openStore = openJournal(tempDir('nets-settlement'));
  return { rig: openRig, store: openStore };
}

/** Written ahead by a host that was killed before it recorded the answer: a sale, or with cashback. */
function writtenAhead(amountMinor: number, cashbackMinor?: number): NewTransaction {
  return {
    id: randomUUID(),
    ...(cashbackMinor === undefined
      ? { kind: 'sale', client: 'TPaymentClient' }
      : { kind: 'sale-with-cashback', client: 'TPaymentWithCashbackClient', cashbackMinor }),
    terminal: 'desk-1',
    protocol: 'nets',
    amountMinor,
    currency: 'EUR',
    allowRepeat: false,
    ownerPid: process.pid,
  };
}

/** Settles desk-1 as a restarted host does, past the result timeout so a "not ours" would write an entry off as failed. */
async function settle(driver: TerminalDriver = openRig!.restartedDriver()) {
  return settleTerminal(
    driver,
    context(),
    await localLease('desk-1'),
    { id: 'desk-1', timeoutSeconds: 0 },
    { store: openStore!, log: () => {} },
  );
}

test('a cashback approved while the host was down settles approved by its echoed orderId, though TotalAmount includes the cashback', async () => {
  const { rig, store } = await start({ lookupLagMs: 0 });
  const entry = await store.append(writtenAhead(1200, 500), PENDING, 'write-ahead');
  await rig.driver.payWithCashback({ reference: entry.id, amountMinor: 1200, cashbackMinor: 500, currency: EUR }, context());

  const open = await settle();
  expect(open).toEqual([]);
  expect(await store.get(entry.id)).toMatchObject({
    status: 'approved',
    authorizationCode: rig.sim.bookings()[0]!.authorizationCode,
  });
});

test('an approval that ended within the lookup lag is not written off: the journal reads the last record one lag after its cancelAction', async () => {
  const { rig, store } = await start({ lookupLagMs: 1000 }, {}, { lookupDelayMs: 1100 });
  const entry = await store.append(writtenAhead(2100), PENDING, 'write-ahead');
  await rig.driver.pay({ reference: entry.id, amountMinor: 2100, currency: EUR }, context());

  // At once, while the cloud does not show the approval yet.
  const open = await settle();
  expect(open).toEqual([]);
  expect(await store.get(entry.id)).toMatchObject({
    status: 'approved',
    authorizationCode: rig.sim.bookings()[0]!.authorizationCode,
  });
  expect(cancels(rig)).toBe(1);
  expect(lookups(rig)).toBe(1);
});

test('a request that never reached the terminal is failed after the pause, and a card flow still running is stopped first', async () => {
  const { rig, store } = await start({ delayMs: 60_000 });
  const written = await store.append(writtenAhead(2200), PENDING, 'write-ahead');
  // Another request of the killed host still runs on the terminal (cents 55 never ends by itself).
  void rig.driver.pay({ reference: randomUUID(), amountMinor: 2255, currency: EUR }, context());
  await waitFor(() => rig.sim.received().length === 1);

  const open = await settle();
  expect(open).toEqual([]);
  expect(await store.get(written.id)).toMatchObject({ status: 'failed' });
  expect(rig.sim.bookings()).toHaveLength(0);
  expect(cancels(rig)).toBe(1);
  expect(lookups(rig)).toBe(1);
});

test('a lookup the cloud refuses settles nothing: the approved payment stays in doubt, not failed', async () => {
  const { rig, store } = await start({ lookupLagMs: 0 });
  const entry = await store.append(writtenAhead(2300), PENDING, 'write-ahead');
  await rig.driver.pay({ reference: entry.id, amountMinor: 2300, currency: EUR }, context());
  rig.sim.failLogins('authTemporarilyUnavailable');

  const restarted = rig.restartedDriver();
  expect(await restarted.lastResult(context())).toMatchObject({ responseCode: '', responseText: 'authTemporarilyUnavailable' });
  const open = await settle(restarted);
  expect(open.map((e) => e.id)).toEqual([entry.id]);
  expect(await store.get(entry.id)).toMatchObject({ status: 'pending' });
});

test('a lost decline after a recorded payment of the same batch settles declined: the batch is not a transaction id', async () => {
  // Declined records carry no orderId, so the journal judges by amount and by "no other entry owns
  // this record's transaction id" — which a batch-wide SessionNumber would fail.
  const { rig, store } = await start({ lookupLagMs: 0 });
  const recorded = await store.append(writtenAhead(2400), PENDING, 'write-ahead');
  const paid = await rig.driver.pay({ reference: recorded.id, amountMinor: 2400, currency: EUR }, context());
  await store.change(recorded.id, stateOfResult(paid), 'terminal');
  // Cents 51: insufficient funds; the host was killed before it recorded the answer.
  const lost = await store.append(writtenAhead(2451), PENDING, 'write-ahead');
  await rig.driver.pay({ reference: lost.id, amountMinor: 2451, currency: EUR }, context());

  const open = await settle();
  expect(open).toEqual([]);
  expect(await store.get(lost.id)).toMatchObject({ status: 'declined', responseCode: '51' });
  expect((await store.get(lost.id))!.terminalTransactionId).not.toBe(paid.transactionId);
});

function cancels(r: NetsRig): number {
  return r.calls().filter((c) => c.startsWith('POST /v1/terminal/NETS0001/administration')).length;
}
