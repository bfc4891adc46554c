// Running scripts through the API: the run report as `payscript run --json` prints it, runs
// followed over Server-Sent Events, merchant abort, errors placed on virtual paths, and the
// transaction journal those runs filled, as the Transactions page reads it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from './serve-harness.js';
import { startTestServer, type TestServer } from './serve-harness.js';

let t: TestServer;
let admin: ApiClient;

beforeAll(async () => {
  t = await startTestServer({ delayMs: 20 });
  admin = await t.login();
});
afterAll(() => t.close());

const PRIKL_CLIENTS = ['TPaymentWithCashbackClient', 'TPaymentClient', 'TReversalClient', 'TReturnClient', 'TCloseTotalsClient'];

describe('POST /api/run', () => {
  it('runs Prikl_142 and answers with the run report in the chosen language', async () => {
    const { status, body } = await admin.post('/api/run', {
      script: 'examples/Prikl_142.ts',
      pc: 'KASA1',
      user: 'novak',
      lang: 'cs',
    });
    expect(status).toBe(200);
    expect(body.ok).toBe(true);
    expect(body.transactions.map((x: { client: string }) => x.client)).toEqual(PRIKL_CLIENTS);
    for (const x of body.transactions)
      expect(x).toMatchObject({ terminal: 'desk1', status: 'Approved', description: 'Schváleno' });
    expect(body.logs).toContain('Document FV-2024-001234: paying 1250.00 CZK');
  });

  it('runs unsaved source beside its file, so relative imports resolve, and leaves no file behind', async () => {
    const source = `import { execute } from './lib/cashier';\nexecute('Pay', new TPaymentClient('12.00', 'CZK'));\n`;
    const { body } = await admin.post('/api/run', { script: 'scripts/draft.ts', source });
    expect(body).toMatchObject({ ok: true, transactions: [{ client: 'TPaymentClient', amount: '12.00', status: 'Approved' }] });
    const tree = JSON.stringify((await admin.get('/api/scripts')).body);
    expect(tree).not.toContain('.run-');
    expect(tree).not.toContain('draft.ts');
  });

  it('reports a runtime error at its virtual path and TS line, never a server path', async () => {
    const source = `const a = 1;\n\nfunction fail(): never {\n  throw new Error('boom');\n}\nfail();\n`;
    const { body } = await admin.post('/api/run', { script: 'scripts/broken.ts', source });
    expect(body.ok).toBe(false);
    expect(body.error).toMatchObject({ file: 'scripts/broken.ts', line: 4 });
    expect(body.error.message).toContain('boom');
    expect(JSON.stringify(body)).not.toContain(t.dir);
  });

  it('answers 404 for a missing script and 400 for a bad language or no script at all', async () => {
    expect((await admin.post('/api/run', { script: 'scripts/missing.ts' })).status).toBe(404);
    expect((await admin.post('/api/run', { script: 'examples/Prikl_142.ts', lang: 'xx' })).status).toBe(400);
    expect((await admin.post('/api/run', {})).status).toBe(400);
  });
});

describe('async runs', () => {
  it('streams status lines, console lines, transactions and the end over SSE', async () => {
    const started = await admin.post('/api/runs', { script: 'examples/Prikl_142.ts' });
    expect(started.status).toBe(202);
    const events = await admin.events(started.body.id);
    const kinds = new Set(events.map((e) => e.event));
    expect([...kinds].sort()).toEqual(['console', 'end', 'status', 'transaction']);
    expect(events.find((e) => e.event === 'status')?.data).toMatchObject({ terminal: 'desk1', kind: 'connecting' });
    expect(events.filter((e) => e.event === 'transaction').map((e) => e.data.client)).toEqual(PRIKL_CLIENTS);
    expect(events.at(-1)).toMatchObject({ event: 'end', data: { ok: true } });
    const run = await admin.get(`/api/runs/${started.body.id}`);
    expect(run.body).toMatchObject({ state: 'finished', script: 'examples/Prikl_142.ts', owner: 'admin', report: { ok: true } });
    // A late listener gets the whole run replayed.
    expect((await admin.events(started.body.id)).length).toBe(events.length);
  });

  it('aborts a payment that waits on the terminal: it ends Cancelled and the script goes on', async () => {
    const source = [
      "const p = new TPaymentClient('10.55', 'CZK');",
      'p.Execute();',
      "console.log('after abort: ' + p.Status);",
      'p.Free();',
    ].join('\n');
    const { body } = await admin.post('/api/runs', { source, script: 'scripts/slow.ts' });
    const events = admin.events(body.id);
    // Abort once the request is at the terminal.
    for (let i = 0; i < 100; i++) {
      const seen = (await admin.get(`/api/runs/${body.id}`)).body;
      if (seen.state !== 'running') break;
      await new Promise((r) => setTimeout(r, 50));
      if (i === 10) expect((await admin.post(`/api/runs/${body.id}/abort`)).status).toBe(202);
    }
    const end = (await events).at(-1)!;
    expect(end.event).toBe('end');
    expect(end.data).toMatchObject({
      ok: true,
      transactions: [{ status: 'Cancelled', amount: '10.55' }],
      logs: ['after abort: Cancelled'],
    });
  });

  it('keeps other users away from a run', async () => {
    expect((await admin.post('/api/users', { name: 'other', role: 'consultant', password: 'other-password' })).status).toBe(201);
    const other = await t.login('other', 'other-password');
    const { body } = await admin.post('/api/runs', { script: 'examples/Prikl_142.ts' });
    expect((await other.get(`/api/runs/${body.id}`)).status).toBe(404);
    expect((await other.post(`/api/runs/${body.id}/abort`)).status).toBe(404);
    await admin.events(body.id);
  });
});

describe('transactions', () => {
  it('lists the journal with filters and paging, descriptions in the asked language', async () => {
    const all = await admin.get('/api/transactions?limit=200');
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ limit: 200, offset: 0 });
    // Three Prikl_142 runs, the draft and the aborted payment: the journal keeps them all.
    expect(all.body.total).toBe(17);
    expect(all.body.items[0]).toMatchObject({
      no: expect.any(Number),
      id: expect.any(String),
      terminal: 'desk1',
      protocol: 'csob',
      createdAt: expect.any(String),
    });
    // Script paths are the editor's, never the server's directories (unsaved source included).
    expect(JSON.stringify(all.body)).not.toContain(t.dir);
    expect(new Set(all.body.items.map((x: { script: string }) => x.script))).toEqual(
      new Set(['examples/Prikl_142.ts', 'scripts/draft.ts (unsaved)', 'scripts/slow.ts (unsaved)']),
    );

    const aborted = await admin.get('/api/transactions?status=aborted');
    expect(aborted.body.items.map((x: { amount: string; status: string }) => [x.amount, x.status])).toEqual([
      ['10.55', 'cancelled'],
    ]);
    expect(aborted.body.items[0]).toMatchObject({ user: 'admin', description: expect.stringMatching(/abort|cancel/i) });
    // Prikl_142 pays document FV-2024-001234 without reversing it: the journal's double-charge
    // guard refuses the later runs' payment, which the log counts as failed (nothing was charged).
    const failed = await admin.get('/api/transactions?status=failed');
    expect(
      failed.body.items.map((x: { client: string; status: string; descriptionKey: string }) => [
        x.client,
        x.status,
        x.descriptionKey,
      ]),
    ).toEqual(Array(2).fill(['TPaymentWithCashbackClient', 'refused', 'refusal:already-paid']));
    expect((await admin.get('/api/transactions?status=success,aborted')).body.total).toBe(15);
    expect((await admin.get('/api/transactions?status=pending')).body.total).toBe(0);
    expect((await admin.get('/api/transactions?terminal=other')).body.total).toBe(0);
    expect((await admin.get('/api/transactions?terminal=desk1&protocol=csob')).body.total).toBe(17);
    expect((await admin.get('/api/transactions?protocol=nets')).body.total).toBe(0);

    // The synchronous run chose PC KASA1, user novak and Czech; the others ran as the web user.
    const novak = await admin.get('/api/transactions?pc=KASA1&user=novak');
    expect(novak.body.items.map((x: { client: string }) => x.client).reverse()).toEqual(PRIKL_CLIENTS);
    expect(novak.body.items.map((x: { description: string }) => x.description)).toEqual(Array(5).fill('Approved'));
    const czech = await admin.get('/api/transactions?pc=KASA1&lang=cs');
    expect(czech.body.items.map((x: { description: string }) => x.description)).toEqual(Array(5).fill('Schváleno'));
    expect((await admin.get('/api/transactions?user=admin')).body.total).toBe(12);

    const today = localDay(new Date());
    expect((await admin.get(`/api/transactions?from=${today}&to=${today}`)).body.total).toBe(17);
    expect((await admin.get('/api/transactions?to=2000-01-01')).body.total).toBe(0);
    const page = await admin.get('/api/transactions?offset=2&limit=3');
    expect(page.body).toMatchObject({ total: 17, offset: 2, limit: 3 });
    expect(page.body.items.map((x: { id: string }) => x.id)).toEqual(all.body.items.slice(2, 5).map((x: { id: string }) => x.id));

    for (const bad of ['status=Paid', 'from=yesterday', 'limit=0', 'offset=-1', 'lang=xx']) {
      const answer = await admin.get(`/api/transactions?${bad}`);
      expect(answer.status, bad).toBe(400);
      expect(answer.body.error, bad).toContain(bad.split('=')[0]);
    }
  });

  it('reprints the merchant and customer copies of a receipt, masked', async () => {
    const { body } = await admin.get('/api/transactions?status=success&limit=200');
    const payment = body.items.find(
      (x: { client: string; hasReceipt: boolean }) => x.client === 'TPaymentClient' && x.hasReceipt,
    );
    expect(payment).toBeDefined();
    const receipt = await admin.get(`/api/transactions/${payment.id}/receipt`);
    expect(receipt.status).toBe(200);
    expect(receipt.body).toMatchObject({
      no: payment.no,
      id: payment.id,
      merchantReceipt: expect.any(String),
      customerReceipt: expect.any(String),
    });
    expect(receipt.body.merchantReceipt).not.toBe(receipt.body.customerReceipt);
    expect(JSON.stringify(receipt.body)).not.toMatch(/(?<!\d)\d{13,19}(?!\d)/);
    // By its number too, as `payscript journal receipt <no>`.
    expect((await admin.get(`/api/transactions/${payment.no}/receipt`)).body).toEqual(receipt.body);

    const aborted = (await admin.get('/api/transactions?status=aborted')).body.items[0];
    expect(aborted.hasReceipt).toBe(false);
    const none = await admin.get(`/api/transactions/${aborted.id}/receipt`);
    expect(none).toEqual({ status: 404, body: { error: `transaction ${aborted.id} has no receipt` } });
    const unknown = await admin.get('/api/transactions/nope/receipt');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toBe('no transaction nope');
  });
});

/** YYYY-MM-DD of the cash desk's (this machine's) day, as a date filter means it. */
function localDay(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}
