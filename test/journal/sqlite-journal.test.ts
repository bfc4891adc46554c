// The SQLite journal on a real file: states and their history, masking at the door, the
// append-only history, the double-charge lookups and the transaction log's filters and paging.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JournalStore, NewTransaction, TransactionState } from '../../runtime/journal/journal-store.js';
import { JOURNAL_FILE_NAME, openJournal } from '../../runtime/journal/open-journal.js';
import { parseJournalQuery } from '../../runtime/journal/journal-query.js';
import { PENDING } from '../../runtime/journal/transaction-state.js';
import { tempDir } from '../support/temp.js';

const FULL_PAN = '4761739001010119';
let dir: string;
let store: JournalStore;
let counter = 0;

function transaction(overrides: Partial<NewTransaction> = {}): NewTransaction {
  return {
    id: `tx-${++counter}`,
    kind: 'sale',
    client: 'TPaymentClient',
    terminal: 'desk1',
    protocol: 'csob',
    pc: 'KASA1',
    user: 'novak',
    location: 'Brno',
    script: '/scripts/pay.ts',
    amountMinor: 1000,
    currency: 'CZK',
    allowRepeat: false,
    ownerPid: process.pid,
    ...overrides,
  };
}

const approved = (overrides: Partial<TransactionState> = {}): TransactionState => ({
  status: 'approved',
  responseCode: '000',
  descriptionKey: 'approved',
  authorizationCode: `A${counter}`,
  terminalTransactionId: `T${counter}`,
  ...overrides,
});

async function query(text: Parameters<typeof parseJournalQuery>[0]) {
  const parsed = parseJournalQuery(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return store.query(parsed.value);
}

beforeAll(() => {
  dir = tempDir('journal');
  store = openJournal(dir);
});
afterAll(async () => {
  await store?.close();
});

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
      location: 'Brno',
      allowRepeat: false,
    });
    const history = await store.history(tx.id);
    expect(history.map((e) => [e.source, e.state.status])).toEqual([
      ['write-ahead', 'pending'],
      ['terminal', 'in-doubt'],
      ['recovery', 'approved'],
    ]);
    expect(await store.get(String(entry.no))).toMatchObject({ id: tx.id });
  });

  it('masks card numbers wherever they would be stored, history included', async () => {
    const tx = transaction();
    await store.append(tx, PENDING, 'write-ahead');
    await store.change(
      tx.id,
      approved({ maskedCardNumber: FULL_PAN, merchantReceipt: `Karta: ${FULL_PAN}`, responseText: `card ${FULL_PAN}` }),
      'terminal',
    );
    const entry = await store.get(tx.id);
    expect(entry?.maskedCardNumber).toBe('476173******0119');
    expect(entry?.merchantReceipt).toBe('Karta: 476173******0119');
    const raw = new Database(join(dir, JOURNAL_FILE_NAME), { readonly: true });
    const dump = JSON.stringify([
      raw.prepare('SELECT * FROM transactions').all(),
      raw.prepare('SELECT * FROM transaction_events').all(),
    ]);
    raw.close();
    expect(dump).not.toContain(FULL_PAN);
  });

  it('refuses to rewrite or delete history in the database itself', () => {
    const raw = new Database(join(dir, JOURNAL_FILE_NAME));
    expect(() => raw.prepare("UPDATE transaction_events SET state = '{}'").run()).toThrow(/append-only/);
    expect(() => raw.prepare('DELETE FROM transaction_events').run()).toThrow(/append-only/);
    expect(() => raw.prepare('DELETE FROM transactions').run()).toThrow(/never deleted/);
    raw.close();
  });

  it("keeps the provider's handle once recorded, through later states that leave it out", async () => {
    const tx = transaction({ protocol: 'viva' });
    await store.append(tx, PENDING, 'write-ahead');
    await store.change(tx.id, { ...PENDING, providerReference: '1600000000000042' }, 'terminal');
    const entry = await store.change(tx.id, approved(), 'terminal');
    expect(entry).toMatchObject({ status: 'approved', providerReference: '1600000000000042' });
    expect((await store.history(tx.id)).map((e) => e.state.providerReference)).toEqual([
      undefined,
      '1600000000000042',
      undefined,
    ]);
  });

  // What each older schema lacked: provider_reference came with 2, account with 3.
  it.each([
    [1, ['provider_reference', 'account']],
    [2, ['account']],
  ])('opens a journal of schema %i and adds what it lacks, keeping its rows', async (version, lacking) => {
    const oldDir = tempDir(`journal-v${version}`);
    const old = openJournal(oldDir);
    const tx = transaction();
    await old.append(tx, PENDING, 'write-ahead');
    await old.close();
    const raw = new Database(join(oldDir, JOURNAL_FILE_NAME));
    for (const column of lacking) raw.exec(`ALTER TABLE transactions DROP COLUMN ${column}`);
    raw.pragma(`user_version = ${version}`);
    raw.close();

    const reopened = openJournal(oldDir);
    try {
      expect(await reopened.get(tx.id)).toMatchObject({ status: 'pending', amountMinor: 1000 });
      expect(await reopened.change(tx.id, { ...PENDING, providerReference: 'order-1' }, 'terminal')).toMatchObject({
        providerReference: 'order-1',
      });
      const next = transaction({ account: 'kasa' });
      expect(await reopened.append(next, PENDING, 'write-ahead')).toMatchObject({ account: 'kasa' });
    } finally {
      await reopened.close();
    }
  });

  it('commits the writes of many desks together, and a failing write takes none of its batch-mates with it', async () => {
    const txs = Array.from({ length: 200 }, (_, i) => transaction({ terminal: `desk${i}` }));
    const appended = txs.map((tx) => store.append(tx, PENDING, 'write-ahead'));
    const missing = store.change('no-such-transaction', approved(), 'terminal');
    await expect(missing).rejects.toThrow(/no transaction no-such-transaction/);
    expect((await Promise.all(appended)).map((e) => e.status)).toEqual(txs.map(() => 'pending'));
    // Another connection, as the CLI would open one, sees them all once the promises resolved.
    const raw = new Database(join(dir, JOURNAL_FILE_NAME), { readonly: true });
    const stored = raw
      .prepare(`SELECT COUNT(*) AS n FROM transactions WHERE id IN (${txs.map(() => '?').join(',')})`)
      .get(...txs.map((t) => t.id));
    raw.close();
    expect(stored).toEqual({ n: 200 });
  });

  it("keeps an answer stored without waiting for the disk ('os') when the process is killed right after its commit", async () => {
    const childDir = tempDir('journal-kill');
    const openJournalJs = fileURLToPath(new URL('../../dist/runtime/journal/open-journal.js', import.meta.url));
    // The child answers one transaction ('os'), writes the next one ahead ('disk') in the same turn
    // (which commits the answer first), and dies by SIGKILL as soon as the answer's commit resolved.
    const child = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const { openJournal } = await import(${JSON.stringify(openJournalJs)});
         const store = openJournal(${JSON.stringify(childDir)});
         const base = { kind: 'sale', client: 'TPaymentClient', terminal: 'desk1', protocol: 'csob', amountMinor: 1000, currency: 'CZK', allowRepeat: false, ownerPid: process.pid };
         const pending = { status: 'pending', responseCode: '', descriptionKey: 'pending' };
         await store.append({ ...base, id: 'first' }, pending, 'write-ahead');
         const answered = store.change('first', { status: 'approved', responseCode: '000', descriptionKey: 'approved', authorizationCode: 'A1' }, 'terminal', 'os');
         const next = store.append({ ...base, id: 'second' }, pending, 'write-ahead');
         await answered;
         process.kill(process.pid, 'SIGKILL');
         await next;`,
      ],
      { encoding: 'utf8' },
    );
    expect(child.signal, child.stderr).toBe('SIGKILL');
    const reopened = openJournal(childDir);
    try {
      expect((await reopened.get('first'))?.status).toBe('approved');
      expect((await reopened.history('first')).map((e) => e.state.status)).toEqual(['pending', 'approved']);
    } finally {
      await reopened.close();
    }
  });

  it('runs in WAL mode', () => {
    const raw = new Database(join(dir, JOURNAL_FILE_NAME), { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
  });
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
  });

  it('lists unsettled transactions per terminal, oldest first', async () => {
    const a = transaction({ terminal: 'doubt' });
    const b = transaction({ terminal: 'doubt' });
    await store.append(a, PENDING, 'write-ahead');
    await store.append(b, PENDING, 'write-ahead');
    await store.change(b.id, { status: 'in-doubt', responseCode: '', descriptionKey: 'in-doubt' }, 'terminal');
    expect((await store.unsettled('doubt')).map((e) => e.id)).toEqual([a.id, b.id]);
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
      await store.append(tx, states[i % states.length], 'terminal');
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
    const numbers = [...first.items, ...second.items, ...third.items].map((e) => e.no);
    expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
    expect(new Set(numbers).size).toBe(30);
  });

  it('names the filter that is wrong', () => {
    expect(parseJournalQuery({ status: 'won' })).toMatchObject({ ok: false, error: expect.stringContaining('status') });
    expect(parseJournalQuery({ from: 'yesterday' })).toMatchObject({ ok: false, error: expect.stringContaining('from') });
    expect(parseJournalQuery({ limit: '0' })).toMatchObject({ ok: false, error: expect.stringContaining('limit') });
  });

  it('refuses impossible dates instead of rolling them into the next month', () => {
    for (const from of ['2024-13-45', '2024-02-30', '2023-02-29', '2024-02-28T24:00', '2024-02-28T10:60', '1', '2024-2-3']) {
      expect(parseJournalQuery({ from }), from).toMatchObject({
        ok: false,
        error: expect.stringContaining(`from must be a date`),
      });
    }
    const leapDay = parseJournalQuery({ from: '2024-02-29', to: '2024-02-29T18:30:00Z' });
    expect(leapDay.ok && [leapDay.value.from, leapDay.value.to]).toEqual([
      new Date(2024, 1, 29),
      new Date(Date.UTC(2024, 1, 29, 18, 30)),
    ]);
  });
});
