// Rehearsing from the editor over real HTTP: who may, bad choices refused by the CLI's own parsers,
// a careless script caught paying twice after a killed host while its approved cells pass, cells
// streamed as they finish with each one's output and session log, stopping, and the expectation
// file saved beside the script. Each cell runs on fresh simulators over real sockets.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from './serve-harness.js';
import { startTestServer, type TestServer } from './serve-harness.js';

let t: TestServer;
let admin: ApiClient;
let consultant: ApiClient;
let cashier: ApiClient;

const fixture = (name: string) => readFileSync(join('test', 'fixtures', 'rehearsal', name), 'utf8');
const scriptsDir = () => join(t.dir, 'data', 'scripts');
const REHEARSAL_TIMEOUT = 120_000;

beforeAll(async () => {
  t = await startTestServer();
  admin = await t.login();
  await admin.post('/api/users', { name: 'konzultant', role: 'consultant', password: 'consultant-pass' });
  await admin.post('/api/users', { name: 'kasa', role: 'cashier', password: 'cashier-pass' });
  consultant = await t.login('konzultant', 'consultant-pass');
  cashier = await t.login('kasa', 'cashier-pass');
  for (const name of ['careless.ts', 'one-payment.ts'])
    expect((await admin.post('/api/scripts/file', { path: `scripts/rehearse/${name}`, content: fixture(name) })).status).toBe(
      201,
    );
});
afterAll(() => t?.close());

/** Follows a rehearsal's events to its end. */
const follow = (client: ApiClient, id: string, onEvent?: Parameters<ApiClient['eventsAt']>[1]) =>
  client.eventsAt(`/api/rehearsals/${id}/events`, onEvent);

describe('who may rehearse', () => {
  it('refuses a cashier (403) and a change without the CSRF header', async () => {
    const body = { script: 'scripts/rehearse/one-payment.ts', protocols: ['csob'], outcomes: ['approved'] };
    expect((await cashier.post('/api/rehearsals', body)).status).toBe(403);
    expect((await cashier.get('/api/scripts/expectations?path=scripts/Prikl_142.ts')).status).toBe(403);
    expect((await consultant.post('/api/rehearsals', body, '')).status).toBe(403);
    expect((await cashier.get('/api/session')).body.permissions).not.toContain('scripts.rehearse');
  });

  it('refuses bad choices with the message `payscript test` gives, before anything runs', async () => {
    const script = 'scripts/rehearse/one-payment.ts';
    const outcome = await consultant.post('/api/rehearsals', { script, outcomes: ['approved', 'sunny-day'] });
    expect(outcome.status).toBe(422);
    expect(outcome.body.error).toContain('unknown outcome "sunny-day"; the outcomes are approved, insufficient-funds');
    const protocol = await consultant.post('/api/rehearsals', { script, protocols: ['csob', 'visa'] });
    expect(protocol).toEqual({ status: 422, body: { error: expect.stringContaining('unknown protocol "visa"') } });
    expect((await consultant.post('/api/rehearsals', { script, protocols: 'csob' })).status).toBe(400);
    expect((await consultant.post('/api/rehearsals', { script, outcomes: [] })).status).toBe(400);
    expect((await consultant.post('/api/rehearsals', {})).status).toBe(400);
    expect((await consultant.post('/api/rehearsals', { script: 'scripts/../../etc/passwd.ts' })).status).toBe(400);
    expect((await consultant.post('/api/rehearsals', { script: 'scripts/missing.ts' })).status).toBe(404);
  });
});

describe('a rehearsal', () => {
  it(
    'streams each cell as it ends: the approved cells pass, the careless retry after a killed host is a double charge',
    async () => {
      const started = await consultant.post('/api/rehearsals', {
        script: 'scripts/rehearse/careless.ts',
        protocols: ['csob', 'nets'],
        outcomes: ['approved', 'host-killed'],
      });
      expect(started.status).toBe(202);
      const { id } = started.body;
      // One running rehearsal per account.
      const second = await consultant.post('/api/rehearsals', { script: 'scripts/rehearse/one-payment.ts' });
      expect(second.status).toBe(409);

      let stateAtFirstCell = '';
      const events = await follow(consultant, id, async (event) => {
        if (event.event === 'cell' && !stateAtFirstCell)
          stateAtFirstCell = (await consultant.get(`/api/rehearsals/${id}`)).body.state;
      });
      // The first cell came while the others still ran: the matrix fills in live.
      expect(stateAtFirstCell).toBe('running');
      const cells = events.filter((e) => e.event === 'cell').map((e) => e.data);
      expect(cells).toHaveLength(4);
      expect(events.at(-1)).toEqual({ event: 'end', data: { passed: 2, failed: 2, stopped: false } });
      for (const protocol of ['csob', 'nets']) {
        const approved = cells.find((c) => c.outcome === 'approved' && c.protocol === protocol);
        expect(approved).toMatchObject({ ok: true, end: 'finished', verdict: 'charged once', failures: [] });
        expect(approved.transactions).toEqual([expect.objectContaining({ client: 'TPaymentClient', status: 'Approved' })]);
        const killed = cells.find((c) => c.outcome === 'host-killed' && c.protocol === protocol);
        expect(killed).toMatchObject({
          ok: false,
          verdict: 'double charge',
          failures: ['a document was charged twice (1 extra charge(s))'],
        });
        expect(killed.transactions.map((x: { status: string }) => x.status)).toEqual(['Failed', 'Approved']);
      }

      // The page, opened again, finds the account's last rehearsal; another account's is not its.
      expect((await consultant.get('/api/rehearsals/latest')).body.id).toBe(id);
      expect((await admin.get('/api/rehearsals/latest')).status).toBe(204);
      const whole = await consultant.get(`/api/rehearsals/${id}`);
      expect(whole.body).toMatchObject({
        state: 'finished',
        script: 'scripts/rehearse/careless.ts',
        owner: 'konzultant',
        protocols: ['csob', 'nets'],
        outcomes: ['approved', 'host-killed'],
        end: { passed: 2, failed: 2 },
      });
      expect(whole.body.cells).toHaveLength(4);

      const detail = await consultant.get(`/api/rehearsals/${id}/cells/host-killed/nets`);
      expect(detail.status).toBe(200);
      expect(detail.body.logs).toEqual(['payment: Failed', 'payment: Approved']);
      const sessionLog: string[] = detail.body.sessionLog;
      // The killed host's lines and the fresh host's, in the order they were written.
      expect(sessionLog.filter((line) => line.includes('run started')).length).toBe(2);
      expect(sessionLog.some((line) => line.includes('[sim-nets]'))).toBe(true);
      expect(JSON.stringify(detail.body)).not.toContain(t.dir);
      expect((await consultant.get(`/api/rehearsals/${id}/cells/busy/nets`)).status).toBe(404);
      // A cashier may not look at rehearsals at all; an admin sees everyone's.
      expect((await cashier.get(`/api/rehearsals/${id}`)).status).toBe(403);
      expect((await admin.get(`/api/rehearsals/${id}`)).status).toBe(200);
    },
    REHEARSAL_TIMEOUT,
  );

  it(
    'runs at most two rehearsals on the server at once: a third account gets 503 until one ends',
    async () => {
      await admin.post('/api/users', { name: 'druhy', role: 'consultant', password: 'consultant-pass' });
      const third = await t.login('druhy', 'consultant-pass');
      // The card flow never ends: both keep running until stopped.
      const body = { script: 'scripts/rehearse/one-payment.ts', protocols: ['csob'], outcomes: ['no-answer'] };
      const running = [await admin.post('/api/rehearsals', body), await consultant.post('/api/rehearsals', body)];
      expect(running.map((r) => r.status)).toEqual([202, 202]);
      const refused = await third.post('/api/rehearsals', body);
      expect(refused).toEqual({ status: 503, body: { error: 'the server runs 2 rehearsals already; try again when one ends' } });
      expect((await consultant.post(`/api/rehearsals/${running[0].body.id}/abort`)).status).toBe(404);
      for (const [client, started] of [
        [admin, running[0]],
        [consultant, running[1]],
      ] as const) {
        expect((await client.post(`/api/rehearsals/${started.body.id}/abort`)).status).toBe(202);
        expect((await follow(client, started.body.id)).at(-1)).toMatchObject({ event: 'end', data: { stopped: true } });
      }
      const later = await third.post('/api/rehearsals', { ...body, outcomes: ['approved'], lang: 'cs' });
      expect(later.status).toBe(202);
      const events = await follow(third, later.body.id);
      expect(events[0].data.transactions).toEqual([expect.objectContaining({ status: 'Approved', description: 'Schváleno' })]);
      expect(events.at(-1)).toMatchObject({ event: 'end', data: { passed: 1 } });
    },
    REHEARSAL_TIMEOUT,
  );

  it(
    'stops: cells not yet run end as stopped and the end says so',
    async () => {
      const started = await admin.post('/api/rehearsals', {
        script: 'scripts/rehearse/one-payment.ts',
        protocols: ['csob'],
        outcomes: ['no-answer', 'approved'],
      });
      expect((await admin.post(`/api/rehearsals/${started.body.id}/abort`)).status).toBe(202);
      const events = await follow(admin, started.body.id);
      expect(events.at(-1)).toMatchObject({ event: 'end', data: { stopped: true } });
      for (const cell of events.filter((e) => e.event === 'cell').map((e) => e.data)) {
        expect(cell).toMatchObject({ ok: false, end: 'stopped' });
        expect(cell.failures[0]).toContain('stopped from the editor');
      }
    },
    REHEARSAL_TIMEOUT,
  );
});

describe('the expectation file beside a script', () => {
  const script = 'scripts/rehearse/one-payment.ts';

  it('reads what is there, or says there is none yet', async () => {
    const prikl = await consultant.get('/api/scripts/expectations?path=scripts/Prikl_142.ts');
    expect(prikl.body).toMatchObject({ path: 'scripts/Prikl_142.expect.json', writable: true });
    expect(JSON.parse(prikl.body.content).all.finishes).toBe(true);
    expect((await consultant.get(`/api/scripts/expectations?path=${script}`)).body).toEqual({
      path: 'scripts/rehearse/one-payment.expect.json',
      writable: true,
    });
    expect((await consultant.get('/api/scripts/expectations?path=examples/Prikl_142.ts')).body.writable).toBe(false);
  });

  it('saves a valid file, refuses one that does not fit (422 naming the key) and stays in the folders', async () => {
    const content = JSON.stringify({ outcomes: { 'issuer-declined': { transactions: { '1': 'Approved' } } } }, null, 2);
    expect(await consultant.put('/api/scripts/expectations', { path: script, content })).toEqual({
      status: 200,
      body: { path: 'scripts/rehearse/one-payment.expect.json' },
    });
    expect(readFileSync(join(scriptsDir(), 'rehearse', 'one-payment.expect.json'), 'utf8')).toBe(content);

    const badStatus = JSON.stringify({ outcomes: { approved: { transactions: { '1': 'Paid' } } } });
    const refused = await consultant.put('/api/scripts/expectations', { path: script, content: badStatus });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toContain(
      'expectation file scripts/rehearse/one-payment.expect.json: outcomes.approved.transactions.1:',
    );
    const notJson = await consultant.put('/api/scripts/expectations', { path: script, content: '{ "all": ' });
    expect(notJson.status).toBe(422);
    expect(notJson.body.error).toContain('is not JSON');
    // Nothing refused was written.
    expect(readFileSync(join(scriptsDir(), 'rehearse', 'one-payment.expect.json'), 'utf8')).toBe(content);

    expect((await consultant.put('/api/scripts/expectations', { path: 'examples/Prikl_142.ts', content: '{}' })).status).toBe(
      403,
    );
    expect((await consultant.put('/api/scripts/expectations', { path: 'scripts/../../x.ts', content: '{}' })).status).toBe(400);
    expect((await consultant.put('/api/scripts/expectations', { path: 'scripts/x.json', content: '{}' })).status).toBe(400);
    expect((await cashier.put('/api/scripts/expectations', { path: script, content: '{}' })).status).toBe(403);
    expect(existsSync(join(t.dir, 'x.expect.json'))).toBe(false);
  });

  it(
    'is what the rehearsal judges by; a broken one on disk stops the rehearsal before it starts (422)',
    async () => {
      const started = await consultant.post('/api/rehearsals', { script, protocols: ['csob'], outcomes: ['issuer-declined'] });
      const events = await follow(consultant, started.body.id);
      expect(events[0].data).toMatchObject({
        outcome: 'issuer-declined',
        ok: false,
        failures: ['transaction 1 should be Approved, was Declined'],
      });
      writeFileSync(join(scriptsDir(), 'rehearse', 'one-payment.expect.json'), '{ "outcomes": { "sunny-day": {} } }');
      const broken = await consultant.post('/api/rehearsals', { script, protocols: ['csob'], outcomes: ['approved'] });
      expect(broken.status).toBe(422);
      expect(broken.body.error).toContain('expectation file scripts/rehearse/one-payment.expect.json: outcomes.sunny-day');
    },
    REHEARSAL_TIMEOUT,
  );
});
