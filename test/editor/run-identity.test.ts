// Who a run is recorded as: a cashier runs as their own account, at a PC an admin assigned to
// them; admins and consultants pick any PC and user to try the binding. The journal keeps the
// logged-in account beside the desk's identity either way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from './serve-harness.js';
import { startTestServer, type TestServer } from './serve-harness.js';

let t: TestServer;
let admin: ApiClient;
let cashier: ApiClient;
let consultant: ApiClient;

const script = 'examples/Prikl_142.ts';

beforeAll(async () => {
  t = await startTestServer({ configure: (config) => (config.binding = { mode: 'pc', pc: { KASA1: 'desk1', KASA2: 'desk1' } }) });
  admin = await t.login();
  expect((await admin.post('/api/users', { name: 'kasa', role: 'cashier', password: 'cashier-pass' })).status).toBe(201);
  expect((await admin.post('/api/users', { name: 'konzultant', role: 'consultant', password: 'consultant-pass' })).status).toBe(
    201,
  );
  cashier = await t.login('kasa', 'cashier-pass');
  consultant = await t.login('konzultant', 'consultant-pass');
});
afterAll(() => t.close());

/** The desk and account of every journal entry, newest first. */
async function journalIdentities(): Promise<string[]> {
  const { body } = await admin.get('/api/transactions?limit=500');
  return body.items.map((x: { pc?: string; user?: string; account?: string }) => `${x.pc} ${x.user} ${x.account}`);
}

describe('a cashier', () => {
  it('runs at no PC but one an admin assigned, and as no one but themselves', async () => {
    const before = await journalIdentities();
    for (const path of ['/api/run', '/api/runs']) {
      const unassigned = await cashier.post(path, { script, pc: 'KASA1' });
      expect(unassigned, path).toMatchObject({
        status: 403,
        body: { error: 'PC "KASA1" is not assigned to kasa (an admin assigns PCs on the Users page)' },
      });
      const someoneElse = await cashier.post(path, { script, pc: 'KASA1', user: 'novak' });
      expect(someoneElse, path).toMatchObject({
        status: 403,
        body: { error: 'the cashier role runs as its own account "kasa", not as "novak"' },
      });
    }
    expect(await journalIdentities()).toEqual(before);

    const assigned = await admin.put('/api/users/kasa/pcs', { pcs: ['KASA1'] });
    expect(assigned).toMatchObject({ status: 200, body: { name: 'kasa', role: 'cashier', pcs: ['KASA1'] } });
    expect((await cashier.get('/api/session')).body).toMatchObject({ user: 'kasa', pcs: ['KASA1'] });
    expect((await cashier.post('/api/run', { script, pc: 'KASA2' })).status).toBe(403);

    const run = await cashier.post('/api/run', { script, pc: 'KASA1', user: 'kasa' });
    expect(run.status).toBe(200);
    expect(run.body.ok).toBe(true);
    // With one PC assigned, a run that names none is at that PC.
    const started = await cashier.post('/api/runs', { script });
    expect(started.status).toBe(202);
    expect((await cashier.events(started.body.id)).at(-1)).toMatchObject({ event: 'end', data: { ok: true } });
    const identities = await journalIdentities();
    expect(identities.slice(0, 10)).toEqual(Array(10).fill('KASA1 kasa kasa'));
  });

  it('cannot assign PCs, and an admin assigns only a list of PC names', async () => {
    expect((await cashier.put('/api/users/kasa/pcs', { pcs: ['KASA2'] })).status).toBe(403);
    expect((await consultant.put('/api/users/kasa/pcs', { pcs: ['KASA2'] })).status).toBe(403);
    expect((await admin.put('/api/users/kasa/pcs', { pcs: 'KASA2' })).status).toBe(400);
    expect((await admin.put('/api/users/kasa/pcs', { pcs: ['KASA\n2'] })).status).toBe(400);
    expect((await admin.put('/api/users/nobody/pcs', { pcs: [] })).status).toBe(400);
    expect((await admin.get('/api/users')).body.users).toContainEqual({ name: 'kasa', role: 'cashier', pcs: ['KASA1'] });
  });
});

describe('admins and consultants', () => {
  it('pick any PC and user to try the binding, and the journal records who did', async () => {
    const byAdmin = await admin.post('/api/run', { script, pc: 'KASA2', user: 'novak' });
    expect(byAdmin.status).toBe(200);
    const byConsultant = await consultant.post('/api/run', { script, pc: 'KASA1', user: 'kasa' });
    expect(byConsultant.status).toBe(200);
    const identities = await journalIdentities();
    expect(identities.slice(0, 10)).toEqual([...Array(5).fill('KASA1 kasa konzultant'), ...Array(5).fill('KASA2 novak admin')]);
    // The listing filters by the desk's user; the account says who was logged in.
    const { body } = await admin.get('/api/transactions?user=kasa&limit=500');
    expect(new Set(body.items.map((x: { account: string }) => x.account))).toEqual(new Set(['kasa', 'konzultant']));
  });
});
