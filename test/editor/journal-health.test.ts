// `payscript serve` with a journal it cannot use: it keeps serving, says so to monitoring and on
// its pages, refuses payments without asking the terminal, and recovers by itself once the journal
// can be used again. A real server, a real simulator, a really damaged file.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type ApiClient, type TestServer } from './serve-harness.js';

let t: TestServer;
let admin: ApiClient;
let journalFile: string;
let dataDir: string;

beforeAll(async () => {
  t = await startTestServer({
    delayMs: 0,
    configure: (config) => {
      dataDir = config.dataDir;
      journalFile = join(dataDir, 'journal.sqlite');
      mkdirSync(dataDir, { recursive: true });
      writeFileSync(journalFile, 'not a journal\n'.repeat(200));
    },
  });
  admin = await t.login();
});
afterAll(() => t.close());

const healthz = async () => {
  const res = await fetch(new URL('/healthz', t.server.url));
  return { status: res.status, body: (await res.json()) as { status: string } };
};

describe('a server whose journal cannot be used', () => {
  it('keeps serving: /healthz says degraded without a session, admins see why, payments are refused unsent; then it recovers by itself', async () => {
    expect(await healthz()).toEqual({ status: 503, body: { status: 'degraded' } });
    const details = await admin.get('/api/health');
    expect(details.status).toBe(200);
    expect(details.body).toMatchObject({
      status: 'degraded',
      journal: { available: false, problem: 'the journal file is damaged or is not a payscript journal' },
      terminals: [{ id: 'desk1', protocol: 'csob', busy: false }],
    });
    expect(details.body.journal.message).toContain(dataDir);

    const listing = await admin.get('/api/transactions');
    expect(listing.status).toBe(503);
    expect(listing.body.error).toContain('the transaction journal in');

    const refused = await admin.post('/api/run', {
      script: 'scripts/pay.ts',
      source: `new TPaymentClient('10.00', 'CZK', '9').Execute();`,
    });
    expect(refused.status).toBe(200);
    expect(refused.body).toMatchObject({ ok: false, transactions: [] });
    expect(refused.body.error.message).toContain('nothing was sent to the terminal');
    expect(t.simulator.requests).toEqual([]);

    // The admin moves the damaged file away; the server opens a new journal on its own.
    rmSync(journalFile);
    for (let tries = 0; (await healthz()).status !== 200; tries++) {
      if (tries > 500) throw new Error('the server did not recover');
      await sleep(20);
    }
    expect((await healthz()).body).toEqual({ status: 'up' });
    const paid = await admin.post('/api/run', {
      script: 'scripts/pay.ts',
      source: `new TPaymentClient('10.00', 'CZK', '9').Execute();`,
    });
    expect(paid.body).toMatchObject({ ok: true, transactions: [{ status: 'Approved', journalNo: 1 }] });
    const after = await admin.get('/api/health');
    expect(after.body).toMatchObject({ status: 'up', journal: { available: true }, recoveryBacklog: 0 });
    expect(after.body.terminals[0].lastContact).toMatchObject({ kind: expect.any(String), at: expect.any(String) });
  });

  it('gives the details to admins only', async () => {
    expect((await fetch(new URL('/api/health', t.server.url))).status).toBe(401);
  });
});
