// Failed logins and password changes: counted per account, so a guesser (or a page on another
// site posting to the login from a desk's browser) never locks out anyone but the guessed account.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, startTestServer, type TestServer } from './serve-harness.js';

let t: TestServer;
let admin: ApiClient;

beforeAll(async () => {
  t = await startTestServer();
  admin = await t.login();
  for (const name of ['victim', 'guessed', 'bystander', 'changer', 'sessions', 'timed']) {
    expect((await admin.post('/api/users', { name, role: 'cashier', password: `${name}-password` })).status).toBe(201);
  }
});
afterAll(() => t.close());

function postLogin(body: string, headers: Record<string, string>): Promise<Response> {
  return fetch(new URL('/api/login', t.server.url), { method: 'POST', headers, body });
}

const json = { 'content-type': 'application/json' };
const credentials = (name: string, password: string) => JSON.stringify({ name, password });

describe('a login from another site', () => {
  it('is refused before it is counted: other content types, foreign origins, cross-site fetches', async () => {
    const wrong = credentials('victim', 'wrong-password');
    // What a form on any web page can send without a CORS preflight.
    for (let i = 0; i < 60; i++) {
      expect((await postLogin(wrong, { 'content-type': 'text/plain' })).status).toBe(415);
    }
    const form = await postLogin('name=victim&password=wrong-password', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(415);
    for (let i = 0; i < 12; i++) {
      expect((await postLogin(wrong, { ...json, origin: 'https://attacker.example' })).status).toBe(403);
      expect((await postLogin(wrong, { ...json, origin: 'null' })).status).toBe(403);
      expect((await postLogin(wrong, { ...json, 'sec-fetch-site': 'cross-site' })).status).toBe(403);
      // Another port on the same machine is the same site, not the same origin.
      expect((await postLogin(wrong, { ...json, 'sec-fetch-site': 'same-site' })).status).toBe(403);
    }
    expect(await (await postLogin(wrong, { ...json, origin: 'https://attacker.example' })).json()).toEqual({
      error: 'a login from another site is refused',
    });

    // None of it counted: the account logs in, also from the page's own origin.
    const own = await postLogin(credentials('victim', 'victim-password'), {
      ...json,
      origin: t.server.url,
      'sec-fetch-site': 'same-origin',
    });
    expect(own.status).toBe(200);
  });
});

describe('wrong passwords', () => {
  it('hold up only the account they were typed for, even with its right password', async () => {
    for (let i = 0; i < 10; i++) expect((await postLogin(credentials('guessed', `guess-${i}`), json)).status).toBe(401);
    const blocked = await postLogin(credentials('Guessed', 'guessed-password'), json);
    expect(blocked.status).toBe(429);
    expect(await blocked.json()).toEqual({ error: 'too many wrong passwords; try again in 15 minutes' });
    expect(blocked.headers.get('ratelimit-policy')).toContain('q=10');
    // Everyone behind the same address still logs in.
    await expect(t.login('bystander', 'bystander-password')).resolves.toBeInstanceOf(ApiClient);
  });

  it('take as long for a name that is no account as for an account, so names cannot be told apart', async () => {
    const duration = async (name: string) => {
      const start = performance.now();
      expect((await postLogin(credentials(name, 'wrong-password'), json)).status).toBe(401);
      return performance.now() - start;
    };
    const account: number[] = [];
    const noAccount: number[] = [];
    // Interleaved, so a busy machine slows both alike.
    for (let i = 0; i < 5; i++) {
      account.push(await duration('timed'));
      noAccount.push(await duration(`no-such-name-${i}`));
    }
    const median = (values: number[]) => values.sort((a, b) => a - b)[2];
    expect(median(noAccount)).toBeGreaterThan(median(account) / 4);
  });

  // More than the 50 failures per address that once locked everyone out; every failure costs a
  // password hash, and on a busy machine fifty-odd of them take a while.
  it('spread over many names never refuse another account its right password', { timeout: 120_000 }, async () => {
    for (let i = 0; i < 52; i++) expect((await postLogin(credentials(`nobody-${i}`, 'wrong-password'), json)).status).toBe(401);
    await expect(t.login('bystander', 'bystander-password')).resolves.toBeInstanceOf(ApiClient);
  });
});

describe("changing one's own password", () => {
  it('counts a wrong current password like a failed login of the account', async () => {
    const changer = await t.login('changer', 'changer-password');
    for (let i = 0; i < 5; i++) expect((await postLogin(credentials('changer', `guess-${i}`), json)).status).toBe(401);
    for (let i = 0; i < 5; i++) {
      expect(
        (await changer.post('/api/session/password', { current: `guess-${i}`, password: 'new-changer-password' })).status,
      ).toBe(403);
    }
    const blocked = await changer.post('/api/session/password', {
      current: 'changer-password',
      password: 'new-changer-password',
    });
    expect(blocked.status).toBe(429);
    expect((await postLogin(credentials('changer', 'changer-password'), json)).status).toBe(429);
  });

  it("ends the account's other sessions and keeps the one that changed it", async () => {
    const here = await t.login('sessions', 'sessions-password');
    const elsewhere = await t.login('sessions', 'sessions-password');
    const adminSession = await t.login();
    expect(
      (await here.post('/api/session/password', { current: 'sessions-password', password: 'sessions-new-password' })).status,
    ).toBe(204);
    expect((await elsewhere.get('/api/session')).status).toBe(401);
    expect((await here.get('/api/session')).body).toMatchObject({ user: 'sessions' });
    expect((await adminSession.get('/api/session')).status).toBe(200);
    await expect(t.login('sessions', 'sessions-new-password')).resolves.toBeInstanceOf(ApiClient);
  });
});
