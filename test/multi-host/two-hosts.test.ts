// Two hosts share one PostgreSQL journal and one terminal: separate `payscript run` processes
// (PAYSCRIPT_JOURNAL_URL, each with its own host id), the ČSOB simulator in this process, real TCP.
// One owner per terminal, no double charge and recovery must hold across the hosts. They run where
// the host opens a PostgreSQL journal from PAYSCRIPT_JOURNAL_URL (open-journal.ts `journalLocation`).
import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { JournalStore } from '../../runtime/journal/journal-store.js';
import { PostgresJournal } from '../../runtime/journal/postgres/postgres-journal.js';
import { startCsobSimulator, type CsobSimulator } from '../../runtime/simulators/csob/index.js';
import { payscript, waitFor, writeDeskConfig } from '../journal/support.js';
import { freshPostgresDatabase } from '../support/postgres.js';
import { tempDir, writeFiles } from '../support/temp.js';

/** Short leases, so a dead or paused host's terminal passes on within a test. */
const LEASE_SECONDS = 2;

const opened: { simulator: CsobSimulator; journal: JournalStore }[] = [];
afterEach(async () => {
  for (const { simulator, journal } of opened.splice(0)) {
    await journal.close();
    await simulator.close();
  }
});

async function twoHosts(options: { timeoutSeconds: number; leaseWaitSeconds?: number }) {
  const dir = tempDir('two-hosts');
  const url = await freshPostgresDatabase();
  const simulator = await startCsobSimulator({ host: '127.0.0.1', port: 0, delayMs: 0 });
  const base = JSON.parse(readFileSync(writeDeskConfig(dir, simulator, options.timeoutSeconds), 'utf8'));
  const configOf = (hostId: string) => {
    const path = `${dir}/${hostId}.config.json`;
    const journal = { hostId, leaseSeconds: LEASE_SECONDS, leaseWaitSeconds: options.leaseWaitSeconds ?? 30 };
    writeFileSync(path, JSON.stringify({ ...base, journal }));
    return path;
  };
  const configs = { 'shop-a': configOf('shop-a'), 'shop-b': configOf('shop-b') };
  // The URL (with its password) reaches the hosts as the environment variable, as an admin would set it.
  const run = (host: keyof typeof configs, file: string) =>
    payscript(['run', file, '--config', configs[host], '--json'], dir, { PAYSCRIPT_JOURNAL_URL: url });
  const script = (amount: string, symbol: string) =>
    writeFiles(dir, {
      [`pay-${symbol}.ts`]: `const c = new TPaymentClient('${amount}', 'CZK', '${symbol}'); c.Execute(); c.Free();`,
    });
  const journal = await PostgresJournal.open({ url });
  opened.push({ simulator, journal });
  return { simulator, journal, run, script };
}

const sales = (simulator: CsobSimulator, amountMinor: number) => ({
  booked: simulator.ledger.filter((e) => e.kind === 'sale' && e.amountMinor === amountMinor).length,
  sent: simulator.requests.filter((r) => r.transactionType === '00' && r.amountMinor === amountMinor).length,
});

const transaction = (stdout: string) => JSON.parse(stdout).transactions[0];

describe('two hosts sharing one PostgreSQL journal', () => {
  it('charge a document once when both pay it at the same moment', async () => {
    const h = await twoHosts({ timeoutSeconds: 10 });
    h.simulator.setDelay(500);
    const file = h.script('51.00', '9100000001');
    const [a, b] = await Promise.all([h.run('shop-a', file).done, h.run('shop-b', file).done]);
    const outcomes = [transaction(a.stdout), transaction(b.stdout)].map((t) => t.refusal ?? t.status).sort();
    expect(outcomes).toEqual(['Approved', 'already-paid']);
    expect(sales(h.simulator, 5100)).toEqual({ booked: 1, sent: 1 });
    const charges = await h.journal.chargesFor('9100000001');
    expect(charges.map((c) => c.entry.status).sort()).toEqual(['approved', 'refused']);
  });

  it('tell the desk which host keeps the terminal when the wait runs out, and send nothing', async () => {
    const h = await twoHosts({ timeoutSeconds: 30, leaseWaitSeconds: 1 });
    h.simulator.setDelay(8000);
    const first = h.run('shop-a', h.script('52.00', '9100000002'));
    await waitFor(() => sales(h.simulator, 5200).sent === 1);
    const second = await h.run('shop-b', h.script('53.00', '9100000003')).done;
    expect(transaction(second.stdout)).toMatchObject({
      status: 'Failed',
      description: expect.stringMatching(/busy at host shop-a:/),
    });
    expect(sales(h.simulator, 5300).sent).toBe(0);
    h.simulator.setDelay(0);
    expect(transaction((await first.done).stdout)).toMatchObject({ status: 'Approved' });
  });

  it('settle a killed host’s card flow once its lease expires, and the desk pays again once', async () => {
    const h = await twoHosts({ timeoutSeconds: 1 });
    h.simulator.setDelay(5000);
    const file = h.script('54.00', '9100000004');
    const killed = h.run('shop-a', file);
    await waitFor(() => sales(h.simulator, 5400).sent === 1);
    killed.child.kill('SIGKILL');
    expect((await killed.done).signal).toBe('SIGKILL');
    const [left] = await h.journal.unsettled('desk1');
    expect(left).toMatchObject({ status: 'pending' });
    h.simulator.setDelay(0);

    // The other host waits for the dead one's lease to expire, settles its transaction, then pays.
    const retry = await h.run('shop-b', file).done;
    expect(transaction(retry.stdout)).toMatchObject({ status: 'Approved' });
    expect((await h.journal.history(left.id)).map((e) => [e.source, e.state.status])).toEqual([
      ['write-ahead', 'pending'],
      ['recovery', 'failed'],
    ]);
    expect(sales(h.simulator, 5400)).toEqual({ booked: 1, sent: 2 });
  });

  it('refuse the writes of a host paused past its lease: the new holder’s outcome stands', async () => {
    const h = await twoHosts({ timeoutSeconds: 1 });
    h.simulator.setDelay(4000);
    const paused = h.run('shop-a', h.script('55.00', '9100000005'));
    await waitFor(() => sales(h.simulator, 5500).sent === 1);
    paused.child.kill('SIGSTOP');
    try {
      // The other host takes the terminal once the paused one's lease expired, settles what it left, and works.
      h.simulator.setDelay(0);
      const other = await h.run('shop-b', h.script('56.00', '9100000006')).done;
      expect(transaction(other.stdout)).toMatchObject({ status: 'Approved' });
    } finally {
      paused.child.kill('SIGCONT');
    }
    const resumed = await paused.done;
    expect(resumed.code).toBe(0);
    const [entry] = (await h.journal.chargesFor('9100000005')).map((c) => c.entry);
    const history = await h.journal.history(entry.id);
    // Only the write-ahead and the new holder's settlement: the resumed host recorded nothing over it.
    expect(history.map((e) => e.source)).toEqual(['write-ahead', 'recovery']);
    expect(entry.status).toBe(sales(h.simulator, 5500).booked === 1 ? 'approved' : 'failed');
    expect(await h.journal.unsettled()).toEqual([]);
  });
});
