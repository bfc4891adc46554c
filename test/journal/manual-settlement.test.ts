// Settling by hand a transaction whose terminal can no longer answer: the blocked desk takes work
// again, the outcome counts for the double-charge guard, and the note stays in the history.
// Real `payscript` child processes over a real journal file; the terminal is gone (its simulator
// closed), as a broken or replaced terminal would be.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { JournalStore, NewTransaction } from '../../runtime/journal/journal-store.js';
import { settleByHand } from '../../runtime/journal/manual-settlement.js';
import { openJournal } from '../../runtime/journal/open-journal.js';
import { ProcessLeases } from '../../runtime/terminals/process-leases.js';
import { startCsobSimulator } from '../../runtime/simulators/csob/index.js';
import { tempDir, writeFiles } from '../support/temp.js';
import { payscript, writeDeskConfig } from './support.js';

const opened: JournalStore[] = [];
afterEach(async () => {
  for (const journal of opened.splice(0)) await journal.close();
});

/** A process id that no longer runs: the host that wrote the transaction is gone. */
const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid!;

let counter = 0;
const sale = (overrides: Partial<NewTransaction> = {}): NewTransaction => ({
  id: `by-hand-${++counter}`,
  kind: 'sale',
  client: 'TPaymentClient',
  terminal: 'desk1',
  protocol: 'csob',
  amountMinor: 12_300,
  currency: 'CZK',
  variableSymbol: '5550001',
  documentReference: '5550001',
  allowRepeat: false,
  ownerPid: deadPid(),
  ...overrides,
});
const IN_DOUBT = { status: 'in-doubt', responseCode: '', reason: 'timeout', descriptionKey: 'timeout' } as const;

function journalIn(dir: string): JournalStore {
  const journal = openJournal(join(dir, 'data'));
  opened.push(journal);
  return journal;
}

describe('payscript journal settle', () => {
  it('unblocks a desk whose terminal is gone, and the settled payment counts against a second charge', async () => {
    const dir = tempDir('settle');
    const simulator = await startCsobSimulator({ host: '127.0.0.1', port: 0, delayMs: 0 });
    const config = writeDeskConfig(dir, simulator, 2);
    await simulator.close(); // the terminal is broken: nothing answers on its address any more
    const journal = journalIn(dir);
    const stuck = await journal.append(sale(), IN_DOUBT, 'write-ahead');
    const pay = (symbol: string) =>
      payscript(
        [
          'run',
          writeFiles(dir, {
            [`pay-${symbol}.ts`]: `const c = new TPaymentClient('123.00', 'CZK', '${symbol}'); c.Execute(); c.Free();`,
          }),
          '--config',
          config,
          '--json',
        ],
        dir,
      ).done;

    // Blocked: the terminal cannot be asked, so it takes no new work.
    const blocked = await pay('5550002');
    expect(JSON.parse(blocked.stdout).transactions[0]).toMatchObject({ status: 'Failed', refusal: 'terminal-in-doubt' });

    const settled = await payscript(
      [
        'journal',
        'settle',
        String(stuck.no),
        '--as',
        'approved',
        '--auth',
        'A12345',
        '--note',
        'Z-report of the terminal shows it approved',
        '--by',
        'jana',
        '--config',
        config,
      ],
      dir,
    ).done;
    expect(settled.stderr).toBe('');
    expect(settled.code).toBe(0);
    expect(settled.stdout).toContain('approved');

    expect(await journal.get(stuck.id)).toMatchObject({ status: 'approved', authorizationCode: 'A12345' });
    expect(await journal.unsettled('desk1')).toEqual([]);
    const last = (await journal.history(stuck.id)).at(-1)!;
    expect(last.source).toBe('admin');
    expect(last.state.responseText).toBe('settled by hand by jana: Z-report of the terminal shows it approved');

    // The document is paid: a second payment for it is refused before the (still broken) terminal.
    const retry = await pay('5550001');
    expect(JSON.parse(retry.stdout).transactions[0]).toMatchObject({ status: 'Failed', refusal: 'already-paid' });

    const again = await payscript(
      ['journal', 'settle', String(stuck.no), '--as', 'failed', '--note', 'twice', '--config', config],
      dir,
    ).done;
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`transaction ${stuck.no} is already settled (approved)`);
  }, 30_000);

  it('names what is wrong with the command, and stores nothing', async () => {
    const dir = tempDir('settle-usage');
    const config = writeDeskConfig(dir, { host: '127.0.0.1', port: 9, terminalId: 'T1' }, 2);
    const journal = journalIn(dir);
    const stuck = await journal.append(sale(), IN_DOUBT, 'write-ahead');
    const settle = (...args: string[]) =>
      payscript(['journal', 'settle', String(stuck.no), ...args, '--config', config], dir).done;
    expect(await settle('--as', 'maybe', '--note', 'x')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--as must be approved or failed'),
    });
    expect(await settle('--as', 'failed')).toMatchObject({ code: 2, stderr: expect.stringContaining('--note is required') });
    expect(await settle('--as', 'failed', '--note', '  ')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('a note is required'),
    });
    expect(await settle('--as', 'failed', '--auth', '123', '--note', 'x')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('only for an approved payment'),
    });
    expect((await journal.get(stuck.id))?.status).toBe('in-doubt');
    expect(await journal.history(stuck.id)).toHaveLength(1);
  }, 30_000);
});

describe('settleByHand', () => {
  it('never settles what a running host is still sending, nor what is unknown or settled', async () => {
    const journal = journalIn(tempDir('settle-rules'));
    const note = { outcome: 'failed', note: 'checked with the bank' } as const;
    const leases = new ProcessLeases();
    // Another live process (the test runner's parent) still owns it.
    const sending = await journal.append(
      sale({ ownerPid: process.ppid }),
      { status: 'pending', responseCode: '', descriptionKey: 'in-doubt' },
      'write-ahead',
    );
    expect(await settleByHand(journal, leases, sending.id, note)).toEqual({
      ok: false,
      error: { kind: 'in-flight', by: `process ${process.ppid}` },
    });
    // This very process (the editor's server) works the terminal: its operation may be waiting for this answer.
    const ownPending = await journal.append(
      sale({ ownerPid: process.pid }),
      { status: 'pending', responseCode: '', descriptionKey: 'in-doubt' },
      'write-ahead',
    );
    const working = await leases.acquire('desk1', { waitMs: 0, signal: new AbortController().signal });
    expect(await settleByHand(journal, leases, ownPending.id, note)).toEqual({
      ok: false,
      error: { kind: 'in-flight', by: `host ${leases.hostId}` },
    });
    // Once the terminal is idle, an answer that never got recorded is the administrator's to settle.
    expect(working.kind).toBe('held');
    if (working.kind === 'held') await working.lease.release();
    expect(await settleByHand(journal, leases, ownPending.id, note)).toMatchObject({ ok: true, value: { status: 'failed' } });
    const ownInDoubt = await journal.append(sale({ ownerPid: process.pid }), IN_DOUBT, 'write-ahead');
    expect(await settleByHand(journal, leases, String(ownInDoubt.no), note)).toMatchObject({
      ok: true,
      value: { status: 'failed' },
    });
    expect(await settleByHand(journal, leases, ownInDoubt.id, note)).toEqual({
      ok: false,
      error: { kind: 'settled', status: 'failed' },
    });
    expect(await settleByHand(journal, leases, 'no-such-transaction', note)).toEqual({ ok: false, error: { kind: 'not-found' } });
    // A card number typed into the note is masked like everywhere else in the journal.
    const masked = await journal.append(sale(), IN_DOUBT, 'write-ahead');
    const settled = await settleByHand(journal, leases, masked.id, {
      outcome: 'failed',
      note: 'customer card 4761739001010119 not charged per bank',
    });
    expect(settled.ok && settled.value.responseText).toBe('settled by hand: customer card 476173******0119 not charged per bank');
  });
});
