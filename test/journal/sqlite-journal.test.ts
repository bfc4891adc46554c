// What only the SQLite journal does (the behaviour both stores share is journal-store.test.ts):
// older schema versions migrated on open, group commit, durability of an 'os' write across a
// killed process, WAL for readers beside a writer, and its writer thread: drained on close, a
// stopped or failing thread failing what it had not confirmed.
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JournalStore } from '../../runtime/journal/journal-store.js';
import { JournalUnavailableError } from '../../runtime/journal/journal-unavailable.js';
import { JOURNAL_FILE_NAME, openJournal } from '../../runtime/journal/open-journal.js';
import type { SqliteJournal, SqliteWriting } from '../../runtime/journal/sqlite-journal.js';
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

  it.each(['inline', 'thread'] as const)(
    "keeps an answer stored without waiting for the disk ('os') when the process is killed right after its commit (%s writes)",
    async (writing) => {
      const childDir = tempDir('journal-kill');
      // The child answers one transaction ('os'), writes the next one ahead ('disk') in the same turn
      // (which commits the answer first), and dies by SIGKILL as soon as the answer's commit resolved.
      const child = journalChild(
        childDir,
        writing,
        `const pending = { status: 'pending', responseCode: '', descriptionKey: 'pending' };
         await store.append({ ...base, id: 'first' }, pending, 'write-ahead');
         const answered = store.change('first', { status: 'approved', responseCode: '000', descriptionKey: 'approved', authorizationCode: 'A1' }, 'terminal', 'os');
         const next = store.append({ ...base, id: 'second' }, pending, 'write-ahead');
         await answered;
         process.kill(process.pid, 'SIGKILL');
         await next;`,
      );
      expect(child.signal, child.stderr).toBe('SIGKILL');
      const reopened = openJournal(childDir);
      try {
        expect((await reopened.get('first'))?.status).toBe('approved');
        expect((await reopened.history('first')).map((e) => e.state.status)).toEqual(['pending', 'approved']);
      } finally {
        await reopened.close();
      }
    },
  );

  it('runs in WAL mode', () => {
    const raw = new Database(join(dir, JOURNAL_FILE_NAME), { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
  });
});

describe('the SQLite journal with its writer thread', () => {
  it('commits writes left in flight when it is closed, and its thread ends', async () => {
    const threadDir = tempDir('journal-thread');
    const threaded = openJournal(threadDir, 'thread') as SqliteJournal;
    const worker = threaded.writerThread!.worker!;
    const exited = new Promise<number>((resolve) => worker.once('exit', resolve));
    const txs = Array.from({ length: 50 }, () => transaction());
    const appended = txs.map((tx) => threaded.append(tx, PENDING, 'write-ahead'));
    await threaded.close();
    expect((await Promise.all(appended)).map((e) => e.status)).toEqual(txs.map(() => 'pending'));
    await exited;
    await expect(threaded.append(transaction(), PENDING, 'write-ahead')).rejects.toThrow(/is closed/);
    const reopened = openJournal(threadDir);
    try {
      expect((await reopened.query({ limit: 100, offset: 0 })).total).toBe(50);
    } finally {
      await reopened.close();
    }
  });

  it('fails the writes a stopped thread had not confirmed, and writes again on a new thread', async () => {
    const threadDir = tempDir('journal-thread');
    const threaded = openJournal(threadDir, 'thread') as SqliteJournal;
    try {
      const first = await threaded.append(transaction(), PENDING, 'write-ahead');
      const stopped = threaded.writerThread!.worker!;
      const inFlight = Array.from({ length: 20 }, () => threaded.change(first.id, approved(), 'terminal'));
      await stopped.terminate();
      const settled = await Promise.allSettled(inFlight);
      // Whatever the thread did before it stopped, no write it did not confirm is reported stored.
      for (const result of settled) {
        if (result.status === 'fulfilled') continue;
        expect(result.reason).toBeInstanceOf(JournalUnavailableError);
        expect(result.reason.message).toBe(
          `the transaction journal in ${threadDir} cannot be used (its writer thread stopped before confirming the write; it exited with code 1)`,
        );
      }
      expect(settled.some((result) => result.status === 'rejected')).toBe(true);
      const confirmed = settled.filter((result) => result.status === 'fulfilled').length;
      expect((await threaded.history(first.id)).length).toBeGreaterThanOrEqual(1 + confirmed);

      const next = transaction();
      expect((await threaded.append(next, PENDING, 'write-ahead')).status).toBe('pending');
      expect(threaded.writerThread!.worker).not.toBe(stopped);
      expect((await threaded.get(next.id))?.status).toBe('pending');
    } finally {
      await threaded.close();
    }
  });

  it('says the journal is damaged when its new thread cannot open the file, and writes nothing', async () => {
    const threadDir = tempDir('journal-thread');
    const threaded = openJournal(threadDir, 'thread') as SqliteJournal;
    try {
      await threaded.append(transaction(), PENDING, 'write-ahead');
      await threaded.writerThread!.worker!.terminate();
      // Another program overwrites the file while the host runs.
      writeFileSync(join(threadDir, JOURNAL_FILE_NAME), 'this is not a database\n'.repeat(1000));
      rmSync(join(threadDir, `${JOURNAL_FILE_NAME}-wal`), { force: true });
      rmSync(join(threadDir, `${JOURNAL_FILE_NAME}-shm`), { force: true });
      await expect(threaded.append(transaction(), PENDING, 'write-ahead')).rejects.toThrow(
        `the transaction journal in ${threadDir} cannot be used (the journal file is damaged or is not a payscript journal)`,
      );
    } finally {
      await threaded.close();
    }
  });

  it('fails a write the disk has no room for, saying so, and reports stored only what was', async () => {
    const childDir = tempDir('journal-full');
    // 200 KiB per file: room for the schema and a few answers with long receipts, then no more.
    const child = journalChild(
      childDir,
      'thread',
      `const receipt = 'x'.repeat(8000);
       let confirmed = 0;
       for (let i = 0; ; i++) {
         try {
           await store.append({ ...base, id: 'tx' + i }, { status: 'pending', responseCode: '', descriptionKey: 'pending', merchantReceipt: receipt }, 'write-ahead');
           confirmed++;
         } catch (error) {
           console.log(JSON.stringify({ confirmed, name: error.name, message: error.message }));
           break;
         }
       }
       await store.close();`,
      200,
    );
    expect(child.status, child.stderr).toBe(0);
    const outcome = JSON.parse(child.stdout) as { confirmed: number; name: string; message: string };
    // A file grown past ulimit -f fails SQLite's write as EFBIG, which it reports as an I/O error.
    expect(outcome.name).toBe('JournalUnavailableError');
    expect(outcome.message).toBe(
      `the transaction journal in ${childDir} cannot be used (the disk reported an input/output error)`,
    );
    expect(outcome.confirmed).toBeGreaterThan(0);
    const reopened = openJournal(childDir);
    try {
      expect((await reopened.query({ limit: 1, offset: 0 })).total).toBe(outcome.confirmed);
    } finally {
      await reopened.close();
    }
  });
});

/**
 * Runs `body` in a child Node process on the built journal (`store` open in `dir`, `base` a sale to
 * spread), optionally with every file it writes limited to `fileSizeKiB` (ulimit -f, a full disk).
 */
function journalChild(dir: string, writing: SqliteWriting, body: string, fileSizeKiB?: number) {
  const openJournalJs = fileURLToPath(new URL('../../dist/runtime/journal/open-journal.js', import.meta.url));
  const script = `const { openJournal } = await import(${JSON.stringify(openJournalJs)});
    const store = openJournal(${JSON.stringify(dir)}, ${JSON.stringify(writing)});
    const base = { kind: 'sale', client: 'TPaymentClient', terminal: 'desk1', protocol: 'csob', amountMinor: 1000, currency: 'CZK', allowRepeat: false, ownerPid: process.pid };
    ${body}`;
  // A file, not --input-type=module -e: worker threads inherit the process's options, and a file
  // worker refuses that one.
  const file = join(dir, 'child.mjs');
  writeFileSync(file, script);
  if (fileSizeKiB === undefined) return spawnSync(process.execPath, [file], { encoding: 'utf8' });
  const quoted = [process.execPath, file].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
  return spawnSync('bash', ['-c', `ulimit -f ${fileSizeKiB} && exec ${quoted}`], { encoding: 'utf8' });
}
