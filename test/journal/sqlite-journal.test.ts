// What only the SQLite journal does (the behaviour both stores share is journal-store.test.ts):
// older schema versions migrated on open, group commit, durability of an 'os' write across a
// killed process, and WAL for readers beside a writer.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JournalStore } from '../../runtime/journal/journal-store.js';
import { JOURNAL_FILE_NAME, openJournal } from '../../runtime/journal/open-journal.js';
import { PENDING } from '../../runtime/journal/transaction-state.js';
import { tempDir } from '../support/temp.js';
import { approvedState as approved, sampleTransaction as transaction } from './store-backends.js';

let dir: string;
let store: JournalStore;

beforeAll(() => {
  dir = tempDir('journal');
  store = openJournal(dir);
});
afterAll(async () => {
  await store?.close();
});

describe('the SQLite journal', () => {
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
