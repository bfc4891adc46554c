// The journal under a real host: real sandbox, real TCP to the ČSOB simulator, a real SQLite file
// read through a second connection, as another process would.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JournalStore } from '../../runtime/journal/journal-store.js';
import { openJournal } from '../../runtime/journal/open-journal.js';
import { startCsobSimulator } from '../../runtime/simulators/csob/index.js';
import { startTestHost, type TestHost } from '../support/host.js';
import { waitFor } from './support.js';

let t: TestHost;
let reader: JournalStore;
beforeAll(async () => {
  t = await startTestHost({ timeoutSeconds: 5 });
  reader = openJournal(join(t.dir, 'data'));
});
afterAll(async () => {
  await reader?.close();
  await t?.close();
});

/** Pays and prints the result properties as one JSON line. */
const pay = (amount: string, symbol: string, setup = '') => `
  const c = new TPaymentClient('${amount}', 'CZK', '${symbol}');
  ${setup}
  c.Execute();
  console.log(JSON.stringify({ status: c.Status, refusal: c.Refusal, text: c.LocalizedResponseDescription, auth: c.AuthorizationCode }));
  c.Free();`;

async function result(script: string, language: 'en' | 'cs' = 'en') {
  const report = await t.run(script, { language });
  expect(report.error).toBeUndefined();
  return JSON.parse(report.logs[0]) as { status: string; refusal: string; text: string; auth: string };
}

const charges = (amountMinor: number) =>
  t.simulator.ledger.filter((e) => e.kind === 'sale' && e.amountMinor === amountMinor).length;

describe('write-ahead', () => {
  it('the transaction is in the journal file as pending while the terminal holds the card flow', async () => {
    t.simulator.setDelay(1500);
    const run = t.run(pay('31.00', '7000000001'), { location: 'Brno' });
    await waitFor(() => t.simulator.requests.some((r) => r.amountMinor === 3100 && r.transactionType === '00'));
    const [pending] = (await reader.query({ location: 'Brno', limit: 10, offset: 0 })).items;
    expect(pending).toMatchObject({
      status: 'pending',
      kind: 'sale',
      amountMinor: 3100,
      currency: 'CZK',
      variableSymbol: '7000000001',
      pc: 'KASA1',
      user: 'novak',
      terminal: 'desk1',
      protocol: 'csob',
    });
    expect(pending.script).toMatch(/script\d+\.ts$/);
    const report = await run;
    t.simulator.setDelay(0);
    expect(report.transactions[0]).toMatchObject({ status: 'Approved', journalNo: pending.no });

    // The answer's commit follows the script's result by a turn of the host's event loop.
    await waitFor(async () => (await reader.get(pending.id))?.status === 'approved');
    const done = await reader.get(pending.id);
    expect(done).toMatchObject({
      status: 'approved',
      responseCode: '000',
      descriptionKey: 'approved',
      terminalId: t.simulator.terminalId,
    });
    expect(done?.authorizationCode).toMatch(/^\d+$/);
    expect(done?.maskedCardNumber).toBe('476173******0119');
    expect(done?.merchantReceipt).toContain('476173******0119');
    expect((await reader.history(pending.id)).map((e) => [e.source, e.state.status])).toEqual([
      ['write-ahead', 'pending'],
      ['terminal', 'approved'],
    ]);
  });
});

describe('no double charge', () => {
  it('refuses a second payment of a paid document, clearly and in the desk language, sending nothing', async () => {
    expect(await result(pay('32.00', '7000000002'))).toMatchObject({ status: 'Approved', refusal: '' });
    const sent = t.simulator.requests.length;
    const again = await result(pay('32.00', '7000000002'), 'cs');
    expect(again).toMatchObject({ status: 'Failed', refusal: 'AlreadyPaid' });
    expect(again.text).toMatch(/už byl zaplacen/);
    expect(t.simulator.requests.length).toBe(sent);
    expect(charges(3200)).toBe(1);
    const refused = (await reader.query({ results: ['failed'], limit: 1, offset: 0 })).items[0];
    expect(refused).toMatchObject({ status: 'refused', reason: 'already-paid', variableSymbol: '7000000002' });
  });

  it('charges again when the script sets AllowRepeat = true', async () => {
    expect(await result(pay('33.00', '7000000003'))).toMatchObject({ status: 'Approved' });
    expect(await result(pay('33.00', '7000000003', 'c.AllowRepeat = true;'))).toMatchObject({ status: 'Approved', refusal: '' });
    expect(charges(3300)).toBe(2);
  });

  it('a reversed payment no longer blocks its document', async () => {
    const report = await t.run(`
      const p = new TPaymentClient(34, 'CZK', '7000000004'); p.Execute();
      const s = new TReversalClient(34, 'CZK', p.AuthorizationCode); s.Execute();
      const again = new TPaymentClient(34, 'CZK', '7000000004'); again.Execute();
      console.log([p.Status, s.Status, again.Status].join(' '));`);
    expect(report.logs).toEqual(['Approved Approved Approved']);
  });

  it('guards the DocumentReference when the script names one, and leaves payments without a document alone', async () => {
    const byReference = (symbol: string) => pay('35.00', symbol, "c.DocumentReference = 'FV-2024/0035';");
    expect(await result(byReference('7000000005'))).toMatchObject({ status: 'Approved' });
    expect(await result(byReference('7000000006'))).toMatchObject({ status: 'Failed', refusal: 'AlreadyPaid' });
    const report = await t.run(
      `for (let i = 0; i < 2; i++) { const c = new TPaymentClient(36, 'CZK'); c.Execute(); console.log(c.Status); c.Free(); }`,
    );
    expect(report.logs).toEqual(['Approved', 'Approved']);
  });

  it('checks AllowRepeat and DocumentReference like arguments', async () => {
    const report = await t.run(`const c = new TPaymentClient(1, 'CZK'); (c as any).AllowRepeat = 'yes';`);
    expect(report.error?.message).toContain('AllowRepeat must be true or false');
  });

  it('refuses a card number as DocumentReference before anything is stored, sent or logged', async () => {
    const sent = t.simulator.requests.length;
    const report = await t.run(
      `const c = new TPaymentClient(38, 'CZK'); c.DocumentReference = '4111 1111 1111 1111'; c.Execute();`,
    );
    expect(report.error?.message).toBe('DocumentReference must not be a card number, got "411111******1111"');
    expect(t.simulator.requests.length).toBe(sent);
    expect((await reader.query({ limit: 500, offset: 0 })).items.map((e) => e.documentReference)).not.toContain(
      '4111 1111 1111 1111',
    );
    const tooLong = await t.run(
      `const c = new TPaymentClient(38, 'CZK'); c.DocumentReference = 'x'.repeat(60) + '4111111111111111'; c.Execute();`,
    );
    expect(tooLong.error?.message).toContain('411111******1111');
    expect(tooLong.error?.message).not.toContain('4111111111111111');
  });
});

describe('a terminal with an unsettled transaction', () => {
  it('refuses new work until the lookup settles it, then takes work again', async () => {
    // The card flow outlives the host's timeout and the terminal disappears: the host cannot look
    // the result up, so the payment is in doubt.
    const port = t.simulator.port;
    t.simulator.setDelay(60_000);
    const lost = t.run(pay('37.00', '7000000007'));
    await waitFor(() => t.simulator.requests.some((r) => r.amountMinor === 3700));
    await t.simulator.close();
    const first = await lost;
    expect(first.transactions[0]).toMatchObject({ status: 'InDoubt' });

    const refused = await result(pay('38.00', '7000000008'));
    expect(refused).toMatchObject({ status: 'Failed', refusal: 'TerminalInDoubt' });
    expect(refused.text).toMatch(/still being verified; nothing was sent/);
    // The same document is refused too while its payment is in doubt, on any terminal.
    expect((await t.run(pay('37.00', '7000000007'))).transactions[0]).toMatchObject({ refusal: 'terminal-in-doubt' });

    // The terminal is back (it lost the unpaid flow): the lookup proves the payment did not happen.
    const back = await startCsobSimulator({ host: '127.0.0.1', port, delayMs: 0, terminalId: t.simulator.terminalId });
    try {
      expect(await result(pay('37.00', '7000000007'))).toMatchObject({ status: 'Approved' });
      const [inDoubt] = (await reader.query({ results: ['failed'], limit: 50, offset: 0 })).items.filter(
        (e) => e.amountMinor === 3700 && e.status === 'failed',
      );
      expect((await reader.history(inDoubt.id)).map((e) => [e.source, e.state.status])).toEqual([
        ['write-ahead', 'pending'],
        ['terminal', 'in-doubt'],
        ['recovery', 'failed'],
      ]);
      expect(back.ledger.filter((e) => e.amountMinor === 3700)).toHaveLength(1);
    } finally {
      await back.close();
    }
  });
});
