// The transaction log as people read it: `payscript journal list/receipt` and the HTTP routes the
// editor mounts, over a journal a real host filled: SQLite in the host's folder, and a PostgreSQL
// journal the CLI finds through PAYSCRIPT_JOURNAL_URL.
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJournalRouter } from '../../runtime/journal/http-routes.js';
import { startTestHost, type TestHost } from '../support/host.js';
import { freshPostgresDatabase } from '../support/postgres.js';
import { payscript as payscriptAt, writeDeskConfig } from './support.js';

const JOURNALS = [
  { name: 'SQLite', url: async (): Promise<string | undefined> => undefined },
  { name: 'PostgreSQL', url: freshPostgresDatabase },
];

describe.each(JOURNALS)('the $name transaction log', (journal) => {
  let t: TestHost;
  let config: string;
  let server: ReturnType<ReturnType<typeof express>['listen']>;
  let base: string;
  let journalUrl: string | undefined;
  /** The CLI at the test desk, finding a shared journal by its environment variable. */
  const payscript = (args: string[], home: string) =>
    payscriptAt(args, home, journalUrl ? { PAYSCRIPT_JOURNAL_URL: journalUrl } : {});

  beforeAll(async () => {
    journalUrl = await journal.url();
    // Receipts are what this file reprints: give their pages time on a loaded machine.
    t = await startTestHost({ timeoutSeconds: 5, csobOptions: { infoTimeoutMs: 5000 }, journalUrl });
    const report = await t.run(
      `
    for (const [amount, symbol] of [['51.00', '9000000001'], ['52.51', '9000000002']]) {
      const c = new TPaymentClient(amount, 'CZK', symbol); c.Execute(); c.Free();
    }`,
      { location: 'Olomouc' },
    );
    expect(report.transactions.map((x) => x.status)).toEqual(['Approved', 'Declined']);
    // A payment the cash desk aborted, as the host records one.
    await t.host.journal.append(
      {
        id: 'aborted-1',
        kind: 'sale',
        client: 'TPaymentClient',
        terminal: 'desk1',
        protocol: 'csob',
        location: 'Olomouc',
        pc: 'KASA1',
        user: 'novak',
        amountMinor: 5353,
        currency: 'CZK',
        allowRepeat: false,
        ownerPid: process.pid,
      },
      { status: 'cancelled', responseCode: '', reason: 'merchant-aborted', descriptionKey: 'merchant-aborted' },
      'terminal',
    );
    config = writeDeskConfig(t.dir, t.simulator, 5);
    const app = express();
    app.use(
      '/api/transactions',
      createJournalRouter({ store: () => t.host.journal, leases: () => t.host.leases, language: () => 'cs' }),
    );
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, 60_000);

  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await t?.close();
  });

  describe('payscript journal', () => {
    it('lists with filters as JSON', async () => {
      const all = await payscript(['journal', 'list', '--config', config, '--json'], t.dir).done;
      expect(all.code).toBe(0);
      const listed = JSON.parse(all.stdout);
      expect(listed.total).toBe(3);
      expect(listed.items.map((e: { status: string }) => e.status)).toEqual(['cancelled', 'declined', 'approved']);
      expect(listed.items[2]).toMatchObject({
        amount: '51.00',
        currency: 'CZK',
        location: 'Olomouc',
        pc: 'KASA1',
        user: 'novak',
        description: 'Approved',
        hasReceipt: true,
      });

      const success = JSON.parse(
        (
          await payscript(['journal', 'list', '--config', config, '--json', '--status', 'success', '--terminal', 'desk1'], t.dir)
            .done
        ).stdout,
      );
      expect(success.items.map((e: { amount: string }) => e.amount)).toEqual(['51.00']);
      const aborted = JSON.parse(
        (await payscript(['journal', 'list', '--config', config, '--json', '--status', 'aborted', '--lang', 'cs'], t.dir).done)
          .stdout,
      );
      expect(aborted.items[0].description).toMatch(/zrušeno/i);
      const none = JSON.parse(
        (await payscript(['journal', 'list', '--config', config, '--json', '--terminal', 'nope'], t.dir).done).stdout,
      );
      expect(none.total).toBe(0);
      const older = JSON.parse(
        (await payscript(['journal', 'list', '--config', config, '--json', '--to', '2001-01-01'], t.dir).done).stdout,
      );
      expect(older.total).toBe(0);
    });

    it('lists readable lines with paging', async () => {
      const page = await payscript(['journal', 'list', '--config', config, '--limit', '2'], t.dir).done;
      expect(page.code).toBe(0);
      expect(page.stdout).toMatch(/TPaymentClient\s+cancelled\s+53\.53 CZK/);
      expect(page.stdout).toContain('1–2 of 3 (next page: --offset 2)');
    });

    it('reprints a receipt by number, masked, and fails clearly for an unknown one', async () => {
      const [approved] = (await t.host.journal.query({ results: ['success'], limit: 1, offset: 0 })).items;
      const receipt = await payscript(
        ['journal', 'receipt', String(approved.no), '--config', config, '--copy', 'customer'],
        t.dir,
      ).done;
      expect(receipt.code).toBe(0);
      expect(receipt.stdout).toContain('Kopie pro zákazníka');
      expect(receipt.stdout).not.toContain('Kopie pro obchodníka');
      expect(receipt.stdout).toContain('476173******0119');
      expect(receipt.stdout).not.toMatch(/(?<!\d)\d{13,19}(?!\d)/);
      const unknown = await payscript(['journal', 'receipt', '999999', '--config', config], t.dir).done;
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain('no transaction 999999');
      const bad = await payscript(['journal', 'list', '--config', config, '--status', 'won'], t.dir).done;
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('status must be among success, pending, failed, aborted');
    });
  });

  describe('GET /api/transactions', () => {
    it('lists with filters and paging, described in the server language or ?lang=', async () => {
      const body = await (await fetch(`${base}/api/transactions?status=success,failed&limit=1`)).json();
      expect(body).toMatchObject({ total: 2, limit: 1, offset: 0 });
      expect(body.items[0]).toMatchObject({ status: 'declined', amount: '52.51' });
      expect(body.items[0].description).toMatch(/nedostatek prostředků/i);
      const english = await (await fetch(`${base}/api/transactions?location=Olomouc&status=success&lang=en`)).json();
      expect(english.items[0].description).toBe('Approved');
      const bad = await fetch(`${base}/api/transactions?from=someday`);
      expect(bad.status).toBe(400);
      expect((await bad.json()).error).toContain('from must be a date');
    });

    it('reprints a receipt by id or number', async () => {
      const [approved] = (await t.host.journal.query({ results: ['success'], limit: 1, offset: 0 })).items;
      for (const key of [approved.id, String(approved.no)]) {
        const receipt = await (await fetch(`${base}/api/transactions/${key}/receipt`)).json();
        expect(receipt).toMatchObject({ no: approved.no, id: approved.id });
        expect(receipt.merchantReceipt).toContain('Kopie pro obchodníka');
      }
      const [declined] = (await t.host.journal.query({ results: ['failed'], limit: 1, offset: 0 })).items;
      expect((await fetch(`${base}/api/transactions/${declined.no}/receipt`)).status).toBe(404);
      expect((await fetch(`${base}/api/transactions/nope/receipt`)).status).toBe(404);
    });
  });
});
