// The organisation account (nets-connect-cloud.md, "Account model", "REST API"): one login for
// many calls, renewal before the token expires, one new login after a 401, and each login or
// account refusal with its own code, before anything reaches the terminal.
import { afterEach, expect, test } from 'vitest';
import { jwtClaims } from '../../../runtime/drivers/nets/auth.js';
import { type NetsRig, context, netsRig, request, transactionPosts } from './harness.js';

let rig: NetsRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

test('one login serves many calls while the token is fresh', async () => {
  rig = await netsRig();
  await rig.driver.pay(request(100), context());
  await rig.driver.pay(request(200), context());
  await rig.driver.testTerminal(context());
  expect(rig.sim.logins()).toBe(1);
});

test('the token is renewed before it expires, so the cloud never refuses it', async () => {
  rig = await netsRig({ tokenLifetimeSeconds: 4 });
  expect((await rig.driver.pay(request(100), context())).outcome).toBe('approved');
  // A token shorter than the 10-minute margin is renewed at half its life: by 2.5 s at the latest
  // with whole-second `iat`/`exp`, and well before it expires at 4 s.
  await new Promise((resolve) => setTimeout(resolve, 2700));
  expect((await rig.driver.pay(request(200), context())).outcome).toBe('approved');
  expect(rig.sim.logins()).toBe(2);
  expect(rig.calls().filter((c) => c.endsWith(' 401'))).toEqual([]);
});

test('a 401 makes exactly one new login, and the refused payment is then sent once', async () => {
  rig = await netsRig();
  await rig.driver.testTerminal(context());
  rig.sim.expireTokens();
  const result = await rig.driver.pay(request(300), context());
  expect(result.outcome).toBe('approved');
  expect(rig.calls().slice(-3)).toEqual([
    'POST /v1/terminal/NETS0001/transaction 401',
    'POST /v1/login 200',
    'POST /v1/terminal/NETS0001/transaction 201',
  ]);
  expect(rig.sim.received()).toHaveLength(1);
  expect(rig.sim.bookings()).toHaveLength(1);
});

test.each(['loginFailed', 'authTemporarilyUnavailable', 'accountNotActivated'] as const)(
  'a login refused as %s fails with that code and sends nothing',
  async (code) => {
    rig = await netsRig();
    rig.sim.failLogins(code);
    const result = await rig.driver.pay(request(400), context());
    expect(result).toEqual({ outcome: 'failed', reason: 'unknown', responseCode: code });
    expect(transactionPosts(rig)).toBe(0);
    expect(await rig.driver.testBank(context())).toMatchObject({ ok: false, responseCode: code });
  },
);

test('wrong credentials are a login failure, not a connection problem', async () => {
  rig = await netsRig({}, {}, { password: 'not-the-password' });
  expect(await rig.driver.pay(request(500), context())).toEqual({
    outcome: 'failed',
    reason: 'unknown',
    responseCode: 'loginFailed',
  });
});

test('a terminal outside the account is "not allowed", apart from a login failure', async () => {
  rig = await netsRig({ accountTerminals: ['NETS0002'] });
  const result = await rig.driver.pay(request(600), context());
  expect(result).toEqual({ outcome: 'failed', reason: 'unknown', responseCode: 'terminalNotAllowed' });
  expect(rig.sim.received()).toHaveLength(0);
  expect(await rig.driver.testBank(context())).toMatchObject({ ok: false, responseCode: 'terminalNotAllowed' });
});

test('only the timing claims of a JWT are read', () => {
  const token =
    ['{"alg":"HS256"}', '{"exp":2000,"iat":1000,"sub":"x"}'].map((p) => Buffer.from(p).toString('base64url')).join('.') + '.sig';
  expect(jwtClaims(token)).toEqual({ exp: 2000, iat: 1000 });
  expect(jwtClaims('opaque-token')).toBeUndefined();
});
