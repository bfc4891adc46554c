// `payscript journal migrate --to postgres://…`: a desk's SQLite journal moved into an empty shared
// journal with every number, state and history line; a second run (or a journal already in use)
// copies nothing.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openJournal } from '../../runtime/journal/open-journal.js';
import { PostgresJournal } from '../../runtime/journal/postgres/postgres-journal.js';
import { PENDING } from '../../runtime/journal/transaction-state.js';
import { freshPostgresDatabase } from '../support/postgres.js';
import { tempDir } from '../support/temp.js';
import { approvedState, sampleTransaction } from './store-backends.js';
import { payscript } from './support.js';

const FULL_PAN = '4761739001010119';
let home: string;
let url: string;
const ids: string[] = [];

beforeAll(async () => {
  home = tempDir('migrate');
  url = await freshPostgresDatabase();
  // The default journal of a desk without a config file: <home>/.payscript.
  const sqlite = openJournal(join(home, '.payscript'));
  for (let i = 0; i < 5; i++) {
    const tx = sampleTransaction({ documentReference: `DOC-${i}`, amountMinor: 1000 + i });
    ids.push(tx.id);
    await sqlite.append(tx, PENDING, 'write-ahead');
    if (i !== 3) await sqlite.change(tx.id, approvedState({ merchantReceipt: `Karta ${FULL_PAN}` }), 'terminal');
  }
  await sqlite.close();
});

let target: PostgresJournal | undefined;
afterAll(async () => {
  await target?.close();
});

describe('payscript journal migrate', () => {
  it('copies every transaction with its number and history into an empty PostgreSQL journal', async () => {
    const run = await payscript(['journal', 'migrate', '--to', url], home).done;
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^copied 5 transaction\(s\) with 9 history entries from .*journal\.sqlite to postgres:\/\//);
    expect(run.stdout).not.toContain(new URL(url).password);

    const sqlite = openJournal(join(home, '.payscript'));
    target = await PostgresJournal.open({ url });
    try {
      for (const id of ids) {
        const [before, after] = [await sqlite.get(id), await target.get(id)];
        expect(after).toEqual(before);
        expect(await target.history(id)).toEqual(await sqlite.history(id));
      }
    } finally {
      await sqlite.close();
    }
    expect((await target.unsettled()).map((e) => e.id)).toEqual([ids[3]]);
    expect((await target.chargesFor('DOC-0')).map((c) => c.entry.status)).toEqual(['approved']);
    // New transactions are numbered after the copied ones.
    const next = await target.append(sampleTransaction(), PENDING, 'write-ahead');
    expect(next.no).toBe(Math.max(...(await Promise.all(ids.map(async (id) => (await target!.get(id))!.no)))) + 1);
  });

  it('refuses a journal that already holds transactions, copying nothing', async () => {
    const again = await payscript(['journal', 'migrate'], home, { PAYSCRIPT_JOURNAL_URL: url }).done;
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already holds 6 transaction(s); migrate fills only an empty journal, so nothing was copied');
    expect(again.stderr).not.toContain(new URL(url).password);
    expect((await target!.query({ limit: 50, offset: 0 })).total).toBe(6);
  });

  it('names what is wrong with the command', async () => {
    const missing = await payscript(['journal', 'migrate'], home).done;
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('journal migrate needs --to postgres://');
    const wrong = await payscript(['journal', 'migrate', '--to', 'mysql://a:Secret1@b/c'], home).done;
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('--to must be a PostgreSQL URL');
    expect(wrong.stderr).not.toContain('Secret1');
    const nothing = await payscript(['journal', 'migrate', '--to', url], tempDir('migrate-empty')).done;
    expect(nothing.code).toBe(1);
    expect(nothing.stderr).toMatch(/there is no journal at .*journal\.sqlite to migrate/);
  });
});
