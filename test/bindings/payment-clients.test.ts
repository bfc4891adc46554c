// The five clients as scripts use them: a real sandbox, real TCP to the ČSOB simulator.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHost, type TestHost } from '../support/host.js';

let t: TestHost;
beforeAll(async () => {
  t = await startTestHost();
});
afterAll(async () => {
  await t?.close();
});

/** Runs a script that logs one JSON line per result and returns them parsed. */
async function results(script: string, language: 'en' | 'cs' = 'en') {
  const report = await t.run(script, { language });
  expect(report.error).toBeUndefined();
  return { report, lines: report.logs.map((line) => JSON.parse(line)) };
}

const PAY_AND_REPORT = (amount: string) => `
  const c = new TPaymentClient('${amount}', 'CZK', '123456');
  c.AllowRepeat = true; // the same document is paid again on purpose, once per row and language
  const ok = c.Execute();
  console.log(JSON.stringify({ ok, status: c.Status, success: c.Success, code: c.ResponseCode, text: c.LocalizedResponseDescription,
    auth: c.AuthorizationCode, card: c.MaskedCardNumber, terminal: c.TerminalId }));
  c.Free();
`;

describe('the outcome table through a script', () => {
  const rows: [string, string, RegExp, RegExp][] = [
    ['10.00', 'Approved', /^Approved$/, /^Schváleno$/],
    ['10.51', 'Declined', /insufficient funds/i, /nedostatek prostředků/i],
    ['10.52', 'Declined', /declined/i, /zamítnuto/i],
    ['10.53', 'Failed', /cancelled on the terminal/i, /zrušeno na terminálu/i],
    ['10.54', 'Declined', /card was removed/i, /karta byla vytažena/i],
    ['10.55', 'Failed', /did not answer in time/i, /neodpověděl včas/i],
    ['10.56', 'Failed', /busy/i, /zaneprázdněn/i],
    ['10.57', 'Declined', /declined/i, /zamítnuto/i],
    ['10.58', 'Approved', /^Approved$/, /^Schváleno$/],
    ['10.59', 'Declined', /expired/i, /platnost karty vypršela/i],
  ];

  it.each(rows)('%s ends %s with a description in en and cs', async (amount, status, en, cs) => {
    const {
      lines: [inEnglish],
    } = await results(PAY_AND_REPORT(amount), 'en');
    expect(inEnglish).toMatchObject({ status, success: status === 'Approved', ok: status === 'Approved' });
    expect(inEnglish.text).toMatch(en);
    const {
      lines: [inCzech],
    } = await results(PAY_AND_REPORT(amount), 'cs');
    expect(inCzech.status).toBe(status);
    expect(inCzech.text).toMatch(cs);
  });

  it('fills the result properties of an approved payment, with the card number masked', async () => {
    const {
      lines: [r],
    } = await results(PAY_AND_REPORT('42.00'));
    expect(r.code).toBe('000');
    expect(r.auth).toMatch(/^\w{1,12}$/);
    expect(r.card).toMatch(/^\d{0,6}\*+\d{4}$/);
    expect(r.terminal).toBe(t.simulator.terminalId);
  });
});

describe('recovery without a second charge', () => {
  it('cents 58: the result lost with the connection is recovered through T82 and charged once', async () => {
    const {
      lines: [r],
    } = await results(PAY_AND_REPORT('20.58'));
    expect(r).toMatchObject({ status: 'Approved', code: '000' });
    expect(t.simulator.ledger.filter((e) => e.amountMinor === 2058)).toHaveLength(1);
    expect(t.simulator.requests.filter((q) => q.transactionType === '00' && q.amountMinor === 2058)).toHaveLength(1);
    expect(t.simulator.requests.some((q) => q.transactionType === '82')).toBe(true);
  });

  it('cents 55: no answer within the timeout ends Failed with nothing charged', async () => {
    const started = Date.now();
    const {
      lines: [r],
    } = await results(PAY_AND_REPORT('20.55'));
    expect(r).toMatchObject({ status: 'Failed', success: false, code: '' });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(t.simulator.ledger.filter((e) => e.amountMinor === 2055)).toHaveLength(0);
    expect(t.simulator.requests.filter((q) => q.transactionType === '00' && q.amountMinor === 2055)).toHaveLength(1);
  });
});

describe('arguments', () => {
  it.each([
    ['new TPaymentClient(0, "CZK")', 'TPaymentClient: amount must be greater than zero'],
    ['new TPaymentClient(NaN, "CZK")', 'TPaymentClient: amount must be a finite number'],
    ['new TPaymentClient("10.005", "CZK")', 'more decimals than CZK allows'],
    ['new TPaymentClient(100000000, "CZK")', 'over the limit of 99 999 999.99'],
    ['new TPaymentClient(10, "XYZ")', 'TPaymentClient: currency "XYZ" is not a known ISO 4217 currency'],
    ['new TPaymentClient(10, "CZK", "12345678901")', 'TPaymentClient: variableSymbol must be 1 to 10 digits'],
    ['new TPaymentClient(10, "CZK", "12a")', 'variableSymbol must be 1 to 10 digits'],
    ['new TPaymentWithCashbackClient(10, -1, "CZK")', 'TPaymentWithCashbackClient: cashbackAmount must be greater than zero'],
    ['new TReversalClient(10, "CZK", "")', 'TReversalClient: verificationCode must be the authorization code'],
    ['new TReturnClient(10)', 'TReturnClient takes (amount, currency, variableSymbol?)'],
    ['new TCloseTotalsClient(1)', 'TCloseTotalsClient takes no arguments'],
    ['TPaymentClient(10, "CZK")', 'must be created with new'],
  ])('%s throws "%s" and sends nothing', async (call, message) => {
    const ledgerBefore = t.simulator.ledger.length;
    const report = await t.run(`${call};\nconsole.log('not reached');`);
    expect(report.ok).toBe(false);
    expect(report.error?.message).toContain(message);
    expect(report.error?.line).toBe(1);
    expect(report.logs).toEqual([]);
    expect(report.transactions).toEqual([]);
    expect(t.simulator.ledger.length).toBe(ledgerBefore);
  });

  it('lets a script catch an argument error and go on', async () => {
    const report = await t.run(`
      try { new TPaymentClient('abc', 'CZK'); } catch (e) { console.log('caught: ' + (e as Error).message); }
      const p = TPaymentClient.Create(5, 203); p.Execute(); console.log(p.Status);`);
    expect(report.ok).toBe(true);
    expect(report.logs).toEqual([
      'caught: TPaymentClient: amount must be a decimal number such as 100.50, got "abc"',
      'Approved',
    ]);
  });
});

describe('the five clients', () => {
  it('pays with cashback, reverses by authorization code, returns and closes the day with totals', async () => {
    const before = t.simulator.ledger.length;
    const { report, lines } = await results(`
      const cb = TPaymentWithCashbackClient.Create(300, 500, 'CZK', '2024004410'); cb.Execute();
      const pay = new TPaymentClient(1250, 'CZK', '2024001234'); pay.Execute();
      const storno = new TReversalClient(1250, 'CZK', pay.AuthorizationCode); storno.Execute();
      const ret = new TReturnClient('199.90', 'CZK', '2024000077'); ret.Execute();
      const close = TCloseTotalsClient.Create(); close.Execute();
      for (const c of [cb, pay, storno, ret, close]) console.log(JSON.stringify({ name: c.constructor.name, status: c.Status, isClient: c instanceof TTerminalClient }));
      console.log(JSON.stringify(close.Totals));
    `);
    expect(lines.slice(0, 5)).toEqual([
      { name: 'TPaymentWithCashbackClient', status: 'Approved', isClient: true },
      { name: 'TPaymentClient', status: 'Approved', isClient: true },
      { name: 'TReversalClient', status: 'Approved', isClient: true },
      { name: 'TReturnClient', status: 'Approved', isClient: true },
      { name: 'TCloseTotalsClient', status: 'Approved', isClient: true },
    ]);
    const totals = lines[5] as { Currency: string; Count: number; Sum: number }[];
    expect(totals.find((x) => x.Currency === 'CZK')?.Count).toBeGreaterThan(0);
    expect(report.transactions.map((x) => x.amount)).toEqual(['300.00', '1250.00', '1250.00', '199.90', undefined]);
    expect(t.simulator.ledger.length).toBeGreaterThan(before);
  });

  it('refuses a reversal with an unknown authorization code without charging', async () => {
    const {
      lines: [r],
    } = await results(`
      const s = new TReversalClient(10, 'CZK', 'NOSUCH'); s.Execute();
      console.log(JSON.stringify({ status: s.Status, success: s.Success }));`);
    expect(r).toEqual({ status: 'Declined', success: false });
  });
});

describe('one client per terminal', () => {
  it('a newer client drops the older one, whose next Execute fails clearly', async () => {
    const { lines } = await results(`
      const older = new TPaymentClient(11, 'CZK');
      const newer = new TPaymentClient(12, 'CZK');
      older.Execute(); console.log(JSON.stringify([older.Status, older.LocalizedResponseDescription]));
      newer.Execute(); console.log(JSON.stringify([newer.Status, newer.LocalizedResponseDescription]));`);
    expect(lines).toEqual([
      ['Failed', 'This client was replaced by a newer one on the same terminal'],
      ['Approved', 'Approved'],
    ]);
  });

  it('Free releases the terminal; Execute after Free fails and sends nothing', async () => {
    const before = t.simulator.ledger.length;
    const { lines } = await results(`
      const c = new TPaymentClient(13, 'CZK'); c.Free(); c.Free();
      console.log(JSON.stringify([c.Execute(), c.Status, c.LocalizedResponseDescription]));`);
    expect(lines).toEqual([[false, 'Failed', 'This client has already been released with Free']]);
    expect(t.simulator.ledger.length).toBe(before);
  });
});

describe('the session log', () => {
  it('holds the frames and results of the runs, with no full card number', async () => {
    await results(PAY_AND_REPORT('77.00'));
    // The log is written behind the run, in batches: wait for the result line to arrive.
    await expect.poll(() => readFileSync(t.host.log.path, 'utf8')).toMatch(/TPaymentClient Approved 000 77\.00 CZK/);
    const log = readFileSync(t.host.log.path, 'utf8');
    expect(log).toMatch(/\[desk1\] >> /);
    expect(log).toMatch(/\[desk1\] << /);
    expect(log).toMatch(/TPaymentClient Approved 000 77\.00 CZK Approved/);
    expect(log).not.toMatch(/(?<!\d)\d{13,19}(?!\d)/);
  });
});
