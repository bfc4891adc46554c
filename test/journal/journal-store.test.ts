// The journal's behaviour, one suite over both stores (SQLite and PostgreSQL): states and their
// history, masking at the door, the append-only history enforced by the database, the guard that
// decides and writes in one step, fenced writes, the lookups of recovery and the log's filters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FencedOutError } from '../../runtime/journal/fenced-out.js';
import { parseJournalQuery } from '../../runtime/journal/journal-query.js';
import type { JournalStore, TransactionState } from '../../runtime/journal/journal-store.js';
import { PENDING } from '../../runtime/journal/transaction-state.js';
import { approvedState as approved, BACKENDS, sampleTransaction as transaction, type OpenedJournal } from './store-backends.js';

const FULL_PAN = '4761739001010119';

describe.each(BACKENDS)('the $name journal', (backend) => {
  let journal: OpenedJournal;
  let store: JournalStore;

  beforeAll(async () => {
    journal = await backend.open();
    store = journal.store;
  });
  afterAll(async () => {
    await journal?.close();
  });

  async function query(text: Parameters<typeof parseJournalQuery>[0]) {
    const parsed = parseJournalQuery(text);
    if (!parsed.ok) throw new Error(parsed.error);
    return store.query(parsed.value);
  }

  describe('states and history', () => {
    it('keeps every state of a transaction, oldest first, with its source', async () => {
      const tx = transaction();
      await store.append(tx, PENDING, 'write-ahead');
      await store.change(
        tx.id,
        { status: 'in-doubt', responseCode: '', reason: 'connection-lost', descriptionKey: 'connection-lost' },
        'terminal',
      );
      const entry = await store.change(tx.id, approved(), 'recovery');
      expect(entry).toMatchObject({
        status: 'approved',
        kind: 'sale',
        amountMinor: 1000,
        pc: 'KASA1',
        user: 'novak',
        location: 'Brno',
        allowRepeat: false,
        ownerPid: process.pid,
      });
      expect(entry.createdAt).toBeInstanceOf(Date);
      expect(entry.updatedAt.getTime()).toBeGreaterThanOrEqual(entry.createdAt.getTime());
      const history = await store.history(tx.id);
      expect(history.map((e) => [e.source, e.state.status])).toEqual([
        ['write-ahead', 'pending'],
        ['terminal', 'in-doubt'],
        ['recovery', 'approved'],
      ]);
      expect(history[2]!.state).toEqual(
        approved({ authorizationCode: entry.authorizationCode, terminalTransactionId: entry.terminalTransactionId }),
      );
      expect(await store.get(String(entry.no))).toMatchObject({ id: tx.id });
      expect(await store.get(tx.id)).toMatchObject({ no: entry.no });
      expect(await store.get('999999999999')).toBeUndefined();
    });

    it('numbers transactions in order and keeps large amounts exact', async () => {
      const first = await store.append(transaction({ amountMinor: 9_007_199_254_740_991 }), PENDING, 'write-ahead');
      const second = await store.append(transaction({ cashbackMinor: 5 }), PENDING, 'write-ahead');
      expect(second.no).toBeGreaterThan(first.no);
      expect(first.amountMinor).toBe(9_007_199_254_740_991);
      expect(typeof first.no).toBe('number');
      expect(second.cashbackMinor).toBe(5);
    });

    it('masks card numbers wherever they would be stored, history included', async () => {
      const tx = transaction();
      await store.append(tx, { ...PENDING, responseText: `card ${FULL_PAN}` }, 'write-ahead');
      await store.change(
        tx.id,
        approved({ maskedCardNumber: FULL_PAN, merchantReceipt: `Karta: ${FULL_PAN}`, responseText: `card ${FULL_PAN}` }),
        'terminal',
      );
      const entry = await store.get(tx.id);
      expect(entry?.maskedCardNumber).toBe('476173******0119');
      expect(entry?.merchantReceipt).toBe('Karta: 476173******0119');
      const dump = JSON.stringify([
        await journal.raw('SELECT * FROM transactions'),
        await journal.raw('SELECT * FROM transaction_events'),
      ]);
      expect(dump).toContain('476173******0119');
      expect(dump).not.toContain(FULL_PAN);
    });

    it('refuses to rewrite or delete history in the database itself', async () => {
      const tx = transaction();
      await store.append(tx, PENDING, 'write-ahead');
      await expect(journal.raw("UPDATE transaction_events SET source = 'admin'")).rejects.toThrow(/append-only/);
      await expect(journal.raw('DELETE FROM transaction_events')).rejects.toThrow(/append-only/);
      await expect(journal.raw('DELETE FROM transactions')).rejects.toThrow(/never deleted/);
      expect((await store.history(tx.id)).map((e) => e.source)).toEqual(['write-ahead']);
    });

    it("keeps the provider's handle once recorded, through later states that leave it out", async () => {
      const tx = transaction({ protocol: 'viva' });
      await store.append(tx, PENDING, 'write-ahead');
      await store.change(tx.id, { ...PENDING, providerReference: '1600000000000042' }, 'terminal');
      const entry = await store.change(tx.id, approved(), 'terminal', 'os');
      expect(entry).toMatchObject({ status: 'approved', providerReference: '1600000000000042' });
      expect((await store.history(tx.id)).map((e) => e.state.providerReference)).toEqual([
        undefined,
        '1600000000000042',
        undefined,
      ]);
    });

    it('fails a change of an unknown transaction and writes nothing', async () => {
      await expect(store.change('no-such-transaction', approved(), 'terminal')).rejects.toThrow(
        /no transaction no-such-transaction/,
      );
      expect(await store.history('no-such-transaction')).toEqual([]);
    });
  });

  describe('the guard decides and writes in one step', () => {
    it('writes a payment pending, a second one for the document refused, and lets one through after a reversal', async () => {
      const first = transaction({ documentReference: 'GUARD-1' });
      const written = await store.appendGuarded(first);
      expect(written.refusal).toBeUndefined();
      expect(written.entry).toMatchObject({ id: first.id, status: 'pending' });
      expect((await store.history(first.id)).map((e) => e.source)).toEqual(['write-ahead']);

      const second = transaction({ documentReference: 'GUARD-1' });
      const refused = await store.appendGuarded(second);
      expect(refused).toMatchObject({ refusal: 'payment-in-doubt', entry: { id: second.id, status: 'refused' } });
      expect((await store.history(second.id)).map((e) => e.source)).toEqual(['host']);

      await store.change(first.id, approved({ authorizationCode: 'G1' }), 'terminal');
      const third = transaction({ documentReference: 'GUARD-1' });
      expect((await store.appendGuarded(third)).refusal).toBe('already-paid');

      await store.append(
        transaction({ kind: 'reversal', client: 'TReversalClient', reversedAuthorizationCode: 'G1' }),
        approved({ authorizationCode: 'G1' }),
        'terminal',
      );
      const fourth = transaction({ documentReference: 'GUARD-1' });
      expect((await store.appendGuarded(fourth)).entry.status).toBe('pending');
    });

    it('charges once when many payments for one document arrive at the same instant (from two hosts where shared)', async () => {
      const other = (await journal.another?.()) ?? store;
      const attempts = Array.from({ length: 24 }, (_, i) => transaction({ documentReference: 'RACE-1', terminal: `desk${i}` }));
      const results = await Promise.all(attempts.map((tx, i) => (i % 2 === 0 ? store : other).appendGuarded(tx)));
      expect(results.filter((r) => r.refusal === undefined)).toHaveLength(1);
      expect(results.filter((r) => r.refusal === 'payment-in-doubt')).toHaveLength(attempts.length - 1);
      const charges = await store.chargesFor('RACE-1');
      expect(charges.map((c) => c.entry.status).sort()).toEqual(
        ['pending', ...Array(attempts.length - 1).fill('refused')].sort(),
      );
    });
  });

  describe('fenced writes', () => {
    it(
      backend.name.startsWith('SQLite')
        ? 'ignores fences (one machine holds the journal)'
        : 'writes only under the current lease',
      async () => {
        const tx = transaction({ terminal: 'fenced' });
        const fence = { terminal: 'fenced', fencing: 7 };
        if (!journal.leases) {
          await store.append(tx, PENDING, 'write-ahead', fence);
          expect((await store.change(tx.id, approved(), 'terminal', 'disk', fence)).status).toBe('approved');
          return;
        }
        await journal.leases.setFencing('fenced', 7);
        await store.append(tx, PENDING, 'write-ahead', fence);
        const guarded = transaction({ terminal: 'fenced', documentReference: 'FENCE-1' });
        expect((await store.appendGuarded(guarded, fence)).entry.status).toBe('pending');

        // Another host takes the lease over: this host's old fence no longer writes anything.
        await journal.leases.setFencing('fenced', 8);
        const late = store.change(tx.id, approved(), 'terminal', 'disk', fence);
        await expect(late).rejects.toBeInstanceOf(FencedOutError);
        await expect(late).rejects.toThrow(/lease on terminal fenced passed to another holder \(fencing 7, now 8\)/);
        expect((await store.get(tx.id))?.status).toBe('pending');
        expect((await store.history(tx.id)).map((e) => e.state.status)).toEqual(['pending']);
        const lateAppend = transaction({ terminal: 'fenced' });
        await expect(store.append(lateAppend, PENDING, 'write-ahead', fence)).rejects.toBeInstanceOf(FencedOutError);
        await expect(store.appendGuarded(lateAppend, fence)).rejects.toBeInstanceOf(FencedOutError);
        expect(await store.get(lateAppend.id)).toBeUndefined();
        // A terminal nobody ever leased fences every write out.
        await expect(
          store.append(transaction(), PENDING, 'write-ahead', { terminal: 'never-leased', fencing: 1 }),
        ).rejects.toBeInstanceOf(FencedOutError);
        // The new holder's fence writes.
        expect((await store.change(tx.id, approved(), 'recovery', 'disk', { terminal: 'fenced', fencing: 8 })).status).toBe(
          'approved',
        );
      },
    );
  });

  describe('what the guard and recovery ask', () => {
    it('lists the charges of a document and whether a later approved reversal cancelled them', async () => {
      const charge = transaction({ documentReference: 'DOC-1' });
      await store.append(charge, approved({ authorizationCode: 'AUTH77' }), 'terminal');
      expect((await store.chargesFor('DOC-1')).map((c) => c.reversed)).toEqual([false]);
      const reversal = transaction({ kind: 'reversal', client: 'TReversalClient', reversedAuthorizationCode: 'AUTH77' });
      await store.append(reversal, approved({ authorizationCode: 'AUTH77' }), 'terminal');
      expect((await store.chargesFor('DOC-1')).map((c) => c.reversed)).toEqual([true]);
      expect(await store.chargesFor('DOC-unknown')).toEqual([]);
    });

    it('knows a terminal record another transaction already owns', async () => {
      const owner = transaction({ terminal: 'claims' });
      await store.append(owner, approved({ terminalTransactionId: '000042', authorizationCode: 'X1' }), 'terminal');
      expect(await store.isClaimed('claims', { kind: 'sale', terminalTransactionId: '000042' }, 'someone-else')).toBe(true);
      expect(await store.isClaimed('claims', { kind: 'sale', terminalTransactionId: '000042' }, owner.id)).toBe(false);
      expect(await store.isClaimed('claims', { kind: 'sale', terminalTransactionId: '000043' }, 'someone-else')).toBe(false);
      expect(await store.isClaimed('other', { kind: 'sale', terminalTransactionId: '000042' }, 'someone-else')).toBe(false);
      expect(await store.isClaimed('claims', { kind: 'sale', authorizationCode: 'X1' }, 'someone-else')).toBe(true);
      expect(await store.isClaimed('claims', { kind: 'refund', authorizationCode: 'X1' }, 'someone-else')).toBe(false);
      expect(await store.isClaimed('claims', { kind: 'sale' }, 'someone-else')).toBe(false);
    });

    it('lists unsettled transactions per terminal, oldest first', async () => {
      const a = transaction({ terminal: 'doubt' });
      const b = transaction({ terminal: 'doubt' });
      await store.append(a, PENDING, 'write-ahead');
      await store.append(b, PENDING, 'write-ahead');
      await store.change(b.id, { status: 'in-doubt', responseCode: '', descriptionKey: 'in-doubt' }, 'terminal');
      expect((await store.unsettled('doubt')).map((e) => e.id)).toEqual([a.id, b.id]);
      expect((await store.unsettled()).map((e) => e.id)).toEqual(expect.arrayContaining([a.id, b.id]));
      await store.change(a.id, { status: 'failed', responseCode: '', descriptionKey: 'failed' }, 'recovery');
      expect((await store.unsettled('doubt')).map((e) => e.id)).toEqual([b.id]);
    });
  });

  describe('the transaction log', () => {
    const desks = ['log-a', 'log-b'];
    beforeAll(async () => {
      for (let i = 0; i < 30; i++) {
        const tx = transaction({
          terminal: desks[i % 2],
          pc: `PC${i % 3}`,
          user: i % 5 === 0 ? 'boss' : 'novak',
          location: 'Praha',
          protocol: i < 25 ? 'csob' : 'gpe',
        });
        const states: TransactionState[] = [
          approved(),
          { status: 'declined', responseCode: '051', reason: 'insufficient-funds', descriptionKey: 'insufficient-funds' },
          { status: 'cancelled', responseCode: '', reason: 'merchant-aborted', descriptionKey: 'merchant-aborted' },
          PENDING,
          { status: 'refused', responseCode: '', reason: 'already-paid', descriptionKey: 'refusal:already-paid' },
        ];
        await store.append(tx, states[i % states.length]!, 'terminal');
      }
    });

    it('filters by terminal, protocol, location, PC, user and result', async () => {
      expect((await query({ terminal: 'log-a', location: 'Praha' })).total).toBe(15);
      expect((await query({ protocol: 'gpe', location: 'Praha' })).total).toBe(5);
      expect((await query({ pc: 'PC0', location: 'Praha' })).total).toBe(10);
      expect((await query({ user: 'boss', location: 'Praha' })).total).toBe(6);
      const success = await query({ status: 'success', location: 'Praha' });
      expect(success.total).toBe(6);
      expect(success.items.every((e) => e.status === 'approved')).toBe(true);
      expect((await query({ status: 'pending', location: 'Praha' })).items.every((e) => e.status === 'pending')).toBe(true);
      // Declined and refused both count as failed: nothing was charged.
      expect((await query({ status: 'failed', location: 'Praha' })).total).toBe(12);
      expect((await query({ status: 'aborted', location: 'Praha' })).total).toBe(6);
      expect((await query({ status: 'success,aborted', location: 'Praha' })).total).toBe(12);
    });

    it('filters by date range', async () => {
      const today = new Date();
      const day = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
      expect((await query({ location: 'Praha', from: day, to: day })).total).toBe(30);
      expect((await query({ location: 'Praha', from: '2000-01-01', to: '2000-12-31' })).total).toBe(0);
      expect((await query({ location: 'Praha', from: new Date(Date.now() + 60_000).toISOString() })).total).toBe(0);
    });

    it('pages newest first', async () => {
      const first = await query({ location: 'Praha', limit: '12' });
      const second = await query({ location: 'Praha', limit: '12', offset: '12' });
      const third = await query({ location: 'Praha', limit: '12', offset: '24' });
      expect([first.items.length, second.items.length, third.items.length]).toEqual([12, 12, 6]);
      expect([first.total, first.limit, third.offset]).toEqual([30, 12, 24]);
      const numbers = [...first.items, ...second.items, ...third.items].map((e) => e.no);
      expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
      expect(new Set(numbers).size).toBe(30);
      // The unfiltered total is every transaction of the journal, as the database counts them.
      const [{ n }] = (await journal.raw('SELECT count(*) AS n FROM transactions')) as [{ n: number | string }];
      expect((await store.query({ limit: 1, offset: 0 })).total).toBe(Number(n));
    });
  });
});
