// Every row of the shared outcome table (protocols/README.md) through the driver and the
// simulator over TCP: the neutral outcome and reason, and what the bank booked.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { testUnbookedCents } from '../../support/driver-test-kit.js';
import { type Rig, approvedSale, context, rig, sale } from './harness.js';

let r: Rig;
beforeAll(async () => {
  r = await rig({}, { timeoutSeconds: 0.5 });
});
afterAll(() => r.close());

testUnbookedCents(
  [
    [10051, 'declined', 'insufficient-funds', '-12'],
    [10052, 'declined', 'issuer-declined', '005'],
    [10053, 'failed', 'customer-cancelled', '-01'],
    [10054, 'declined', 'card-removed', '-08'],
    [10056, 'failed', 'terminal-busy', '-02'],
    [10057, 'declined', 'declined', '-30'],
    [10059, 'declined', 'card-expired', '-10'],
  ],
  () => r,
  sale,
);

test('any other cents → approved with an authorization code, a masked card and both receipts', async () => {
  const request = sale(12345);
  const result = await r.driver.pay(request, context());
  expect(result).toMatchObject(approvedSale(request, '000'));
  expect(result.reason).toBeUndefined();
  expect(result.authorizationCode).toMatch(/^\d{6}$/);
  expect(r.sim.ledger.at(-1)).toMatchObject({ kind: 'sale', amountMinor: 12345, authorizationCode: result.authorizationCode });
});

test('cents 55 → the terminal never answers: T81 + T82 find nothing, failed / timeout, nothing booked', async () => {
  const before = r.sim.ledger.length;
  const ctx = context();
  const started = Date.now();
  const result = await r.driver.pay(sale(10055), ctx);
  expect(result).toEqual({ outcome: 'failed', reason: 'timeout', responseCode: '' });
  expect(Date.now() - started).toBeLessThan(3000);
  expect(r.sim.ledger.length).toBe(before);
  expect(r.sim.requests.slice(-3).map((q) => q.transactionType)).toEqual(['00', '81', '82']);
  expect(ctx.events.map((e) => e.kind)).toContain('recovering');
});

test('cents 58 → the connection drops before the result: recovered approved, booked exactly once', async () => {
  const request = sale(10058);
  const ctx = context();
  const result = await r.driver.pay(request, ctx);
  expect(result).toMatchObject({
    outcome: 'approved',
    responseCode: '000',
    amountMinor: 10058,
    variableSymbol: request.variableSymbol,
  });
  expect(result.authorizationCode).toBeDefined();
  expect(r.sim.ledger.filter((entry) => entry.variableSymbol === request.variableSymbol)).toHaveLength(1);
  expect(r.sim.requests.filter((q) => q.transactionType === '00' && q.variableSymbol === request.variableSymbol)).toHaveLength(1);
  const kinds = ctx.events.map((e) => e.kind);
  expect(kinds).toEqual(expect.arrayContaining(['disconnected', 'recovering', 'connecting', 'result-received']));
});
