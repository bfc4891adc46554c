// Who may call what on `payscript serve`: login, 401 without a session, 403 without the role or
// the CSRF token, and script paths that try to leave their folder.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import express, { Router } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../editor/server/start-server.js';
import { openJournal } from '../../runtime/journal/open-journal.js';
import { ApiClient, startTestServer, type TestServer } from './serve-harness.js';

let t: TestServer;
let admin: ApiClient;
let cashier: ApiClient;

beforeAll(async () => {
  // A provider's webhook router, as the Viva driver will mount one.
  const webhook = Router().post('/:token', express.json(), (req, res) => {
    res.json({ token: req.params.token, body: req.body });
  });
  t = await startTestServer({ webhooks: () => ({ viva: webhook }) });
  admin = await t.login();
  expect((await admin.post('/api/users', { name: 'kasa', role: 'cashier', password: 'cashier-pass' })).status).toBe(201);
  expect((await admin.post('/api/users', { name: 'konzultant', role: 'consultant', password: 'consultant-pass' })).status).toBe(
    201,
  );
  cashier = await t.login('kasa', 'cashier-pass');
});
afterAll(() => t.close());

describe('authentication', () => {
  it('answers 401 to every API route without a session', async () => {
    const anonymous = new ApiClient(t.server.url, '', '');
    for (const [method, path] of [
      ['GET', '/api/session'],
      ['GET', '/api/scripts'],
      ['GET', '/api/scripts/file?path=examples/Prikl_142.ts'],
      ['GET', '/api/settings'],
      ['GET', '/api/transactions'],
      ['GET', '/api/users'],
      ['POST', '/api/run'],
      ['POST', '/api/runs'],
      ['GET', '/api/runs/x/events'],
      ['GET', '/api/no-such-route'],
    ]) {
      const answer = await anonymous.send(method, path, method === 'POST' ? {} : undefined);
      expect(answer.status, `${method} ${path}`).toBe(401);
    }
    const forged = new ApiClient(t.server.url, 'payscript_session=forged', '');
    expect((await forged.get('/api/scripts')).status).toBe(401);
    // Not valid percent-encoding: still just no session, and no stack trace in the answer.
    const malformed = new ApiClient(t.server.url, 'payscript_session=%E0%A4%A', '');
    for (const path of ['/api/session', '/api/scripts']) {
      expect(await malformed.get(path), path).toEqual({ status: 401, body: { error: 'not logged in' } });
    }
  });

  it('refuses a wrong password and never stores passwords in clear', async () => {
    await expect(ApiClient.login(t.server.url, 'admin', 'wrong-password')).rejects.toThrow(/401/);
    await expect(ApiClient.login(t.server.url, 'nobody', 'wrong-password')).rejects.toThrow(/401/);
    const stored = readFileSync(join(t.dir, 'data', 'users.json'), 'utf8');
    expect(stored).not.toContain('cashier-pass');
    expect(stored).toMatch(/"passwordHash": "scrypt\$32768\$8\$1\$/);
  });

  it('sets an HTTP-only SameSite session cookie and ends it on logout', async () => {
    const res = await fetch(new URL('/api/login', t.server.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'admin', password: 'admin-test-password' }),
    });
    expect(res.headers.get('set-cookie')).toMatch(/payscript_session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict/);
    const client = await t.login();
    expect((await client.post('/api/logout')).status).toBe(204);
    expect((await client.get('/api/session')).status).toBe(401);
  });
});

describe('first start', () => {
  it('creates an admin with a one-time password, only once', async () => {
    const dataDir = join(t.dir, 'first-start');
    const first = await startServer({ configFile: t.configFile, port: 0, dataDir });
    try {
      expect(first.firstAdminPassword).toMatch(/^[\w-]{24}$/);
      const client = await ApiClient.login(first.url, 'admin', first.firstAdminPassword!);
      expect((await client.get('/api/session')).body).toMatchObject({ user: 'admin', role: 'admin' });
    } finally {
      await first.close();
    }
    const second = await startServer({ configFile: t.configFile, port: 0, dataDir });
    expect(second.firstAdminPassword).toBeUndefined();
    await second.close();
  });
});

describe('webhooks', () => {
  it('reach their router without a session or CSRF token (the router authenticates the caller)', async () => {
    const res = await fetch(new URL('/webhooks/viva/secret-in-url', t.server.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ EventTypeId: 1796 }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ token: 'secret-in-url', body: { EventTypeId: 1796 } });
  });
});

describe('CSRF', () => {
  it('refuses every change without the session token in the header', async () => {
    const other = await t.login();
    const changes: [string, string, unknown][] = [
      ['POST', '/api/run', { script: 'examples/Prikl_142.ts' }],
      ['POST', '/api/runs', { script: 'examples/Prikl_142.ts' }],
      ['PUT', '/api/scripts/file', { path: 'scripts/x.ts', content: '' }],
      ['PUT', '/api/settings', { config: {} }],
      ['POST', '/api/users', { name: 'x', role: 'admin', password: 'xxxxxxxxxx' }],
      ['POST', '/api/logout', {}],
    ];
    for (const [method, path, body] of changes) {
      expect((await admin.send(method, path, body)).status, `${method} ${path} without token`).toBe(403);
      expect(
        (await admin.send(method, path, body, other.csrfToken)).status,
        `${method} ${path} with another session's token`,
      ).toBe(403);
    }
    expect((await admin.get('/api/users')).body.users.map((u: { name: string }) => u.name)).toEqual([
      'admin',
      'kasa',
      'konzultant',
    ]);
  });
});

describe('roles', () => {
  it('keeps a cashier out of settings, users and script editing, but lets them run saved scripts', async () => {
    expect((await cashier.get('/api/settings')).status).toBe(403);
    expect((await cashier.post('/api/settings/terminals/desk1/test', {})).status).toBe(403);
    expect((await cashier.get('/api/users')).status).toBe(403);
    expect((await cashier.put('/api/scripts/file', { path: 'scripts/Prikl_142.ts', content: 'x' })).status).toBe(403);
    expect((await cashier.post('/api/scripts/file', { path: 'scripts/new.ts' })).status).toBe(403);
    expect((await cashier.post('/api/run', { source: 'console.log(1)' })).status).toBe(403);
    expect((await cashier.get('/api/scripts/file?path=scripts/Prikl_142.ts')).status).toBe(200);
    const run = await cashier.post('/api/run', { script: 'scripts/Prikl_142.ts' });
    expect(run.status).toBe(200);
    expect(run.body.ok).toBe(true);
    expect((await cashier.get('/api/session')).body).toMatchObject({
      user: 'kasa',
      role: 'cashier',
      permissions: ['scripts.run', 'transactions.read'],
    });
    // Supervisors and cashiers look transactions up in the journal; the run above is there.
    const log = await cashier.get('/api/transactions?user=kasa');
    expect(log.status).toBe(200);
    expect(log.body.total).toBe(5);
    const withReceipt = log.body.items.find((x: { hasReceipt: boolean }) => x.hasReceipt);
    expect((await cashier.get(`/api/transactions/${withReceipt.id}/receipt`)).status).toBe(200);
  });

  it('lets a consultant save and create scripts but not open settings', async () => {
    const consultant = await t.login('konzultant', 'consultant-pass');
    expect(
      (await consultant.post('/api/scripts/file', { path: 'scripts/work/new.ts', content: 'console.log("new")' })).status,
    ).toBe(201);
    expect((await consultant.post('/api/scripts/file', { path: 'scripts/work/new.ts', content: '' })).status).toBe(409);
    expect(
      (await consultant.put('/api/scripts/file', { path: 'scripts/work/new.ts', content: 'console.log("saved")' })).status,
    ).toBe(200);
    expect((await consultant.get('/api/scripts/file?path=scripts/work/new.ts')).body).toMatchObject({
      content: 'console.log("saved")',
      writable: true,
    });
    expect((await consultant.put('/api/scripts/file', { path: 'examples/Prikl_142.ts', content: 'x' })).status).toBe(403);
    expect((await consultant.get('/api/settings')).status).toBe(403);
  });

  it('ends the sessions of a removed user', async () => {
    expect((await admin.post('/api/users', { name: 'temp', role: 'cashier', password: 'temporary-pass' })).status).toBe(201);
    const temp = await t.login('temp', 'temporary-pass');
    expect((await admin.send('DELETE', '/api/users/temp', undefined, admin.csrfToken)).status).toBe(204);
    expect((await temp.get('/api/scripts')).status).toBe(401);
  });
});

describe('settling by hand', () => {
  it('is for admins only, needs a note, and records who did it', async () => {
    // A transaction a dead host left in doubt on a terminal that is no longer configured.
    const journal = openJournal(join(t.dir, 'data'));
    const stuck = await journal.append(
      {
        id: 'gone-1',
        kind: 'sale',
        client: 'TPaymentClient',
        terminal: 'old-desk',
        protocol: 'csob',
        amountMinor: 4200,
        currency: 'CZK',
        allowRepeat: false,
        ownerPid: spawnSync(process.execPath, ['-e', '']).pid!,
      },
      { status: 'in-doubt', responseCode: '', reason: 'timeout', descriptionKey: 'timeout' },
      'write-ahead',
    );
    try {
      const path = `/api/transactions/${stuck.id}/settle`;
      const body = { outcome: 'failed', note: 'bank statement: not charged' };
      const consultant = await t.login('konzultant', 'consultant-pass');
      expect((await cashier.post(path, body)).status).toBe(403);
      expect((await consultant.post(path, body)).status).toBe(403);
      const noCsrf = new ApiClient(admin.baseUrl, admin.cookie, '');
      expect((await noCsrf.post(path, body)).status).toBe(403);
      expect(await admin.post(path, { outcome: 'failed' })).toMatchObject({
        status: 400,
        body: { error: expect.stringContaining('a note is required') },
      });
      expect((await journal.get(stuck.id))?.status).toBe('in-doubt');

      const settled = await admin.post(path, body);
      expect(settled).toMatchObject({ status: 200, body: { no: stuck.no, status: 'failed', terminal: 'old-desk' } });
      expect((await journal.history(stuck.id)).at(-1)).toMatchObject({
        source: 'admin',
        state: { responseText: 'settled by hand by admin: bank statement: not charged' },
      });
      expect(await admin.post(path, body)).toMatchObject({
        status: 409,
        body: { error: expect.stringContaining('already settled (failed)') },
      });
      expect((await admin.post('/api/transactions/no-such/settle', body)).status).toBe(404);
    } finally {
      await journal.close();
    }
  });
});

describe('script paths', () => {
  it('refuses paths that leave the script folders', async () => {
    for (const path of [
      '../package.json',
      'scripts/../../x.ts',
      'scripts/..%2Fx.ts',
      'examples/../../../etc/passwd',
      '/etc/passwd',
      'scripts/.hidden.ts',
      'scripts\\..\\x.ts',
      'other/x.ts',
    ]) {
      const read = await admin.get(`/api/scripts/file?path=${encodeURIComponent(path)}`);
      expect(read.status, path).toBe(400);
      const write = await admin.put('/api/scripts/file', { path, content: 'x' });
      expect(write.status, path).toBe(400);
    }
  });
});
