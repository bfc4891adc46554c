// NETS as a script sees it: a real sandbox and host, real HTTP to the NETS cloud simulator. The
// cashier's description keeps the cloud's words, and a cashback sale charges the card once.
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { parseConfig } from '../../../runtime/config/load.js';
import { PayscriptHost } from '../../../runtime/host/payscript-host.js';
import { CATALOGS } from '../../../runtime/i18n/describe.js';
import { NETS_SIMULATOR_ACCOUNT, type NetsSimulator, startNetsSimulator } from '../../../runtime/simulators/nets/index.js';
import { tempDir, writeFiles } from '../../support/temp.js';
import { NETS_TEST_LOOKUP_LAG_MS, NETS_TEST_TIMING } from './quick-timing.js';

let sim: NetsSimulator | undefined;
let host: PayscriptHost | undefined;
afterEach(async () => {
  await host?.close();
  await sim?.close();
  host = sim = undefined;
});

async function simulator(): Promise<NetsSimulator> {
  sim ??= await startNetsSimulator({ host: '127.0.0.1', port: 0, delayMs: 0, lookupLagMs: NETS_TEST_LOOKUP_LAG_MS });
  return sim;
}

/** Runs a script at a desk bound to the simulated NETS terminal; returns its console lines, parsed. */
async function run(script: string): Promise<unknown[]> {
  const sim = await simulator();
  const dir = tempDir('nets-script');
  const config = parseConfig(
    {
      language: 'en',
      logDir: join(dir, 'PointOfSale'),
      dataDir: join(dir, 'data'),
      terminals: [
        {
          id: 'desk1',
          protocol: 'nets',
          host: sim.host,
          port: sim.port,
          terminalId: sim.terminalId,
          timeoutSeconds: 2,
          options: { ...NETS_SIMULATOR_ACCOUNT, ...NETS_TEST_TIMING, currency: 'EUR' },
        },
      ],
      binding: { mode: 'single', terminal: 'desk1' },
    },
    'test configuration',
  );
  host = new PayscriptHost(config);
  const report = await host.runScript(writeFiles(dir, { 'script.ts': script }), { desk: { pc: 'KASA1', user: 'novak' } });
  expect(report.error).toBeUndefined();
  return report.logs.map((line) => JSON.parse(line));
}

const REPORT = `console.log(JSON.stringify({ ok, status: c.Status, code: c.ResponseCode, text: c.LocalizedResponseDescription }));`;

test("a rejection the driver has no text for: the script reads the general text and the cloud's own words", async () => {
  // Free text in failure.error beside rejected event args: the form NaviPartner's NETS Cloud
  // response parser reads (navipartner/npcore-partners); the text itself is ours.
  (await simulator()).failNextTransaction({ text: 'Card not accepted at this merchant', form: 'rejected' });
  const [line] = await run(`const c = new TPaymentClient('71.00', 'EUR'); const ok = c.Execute(); ${REPORT}`);
  expect(line).toEqual({
    ok: false,
    status: 'Declined',
    code: 'Card not accepted at this merchant',
    text: `${CATALOGS.en.reasons.declined}: Card not accepted at this merchant`,
  });
});

test('a 100.00 + 20.00 cashback sale from a script is one booking the card pays 120.00 for', async () => {
  const [line] = await run(
    `const c = new TPaymentWithCashbackClient('100.00', '20.00', 'EUR'); const ok = c.Execute(); ${REPORT}`,
  );
  expect(line).toMatchObject({ ok: true, status: 'Approved' });
  const bookings = (await simulator()).bookings();
  expect(bookings).toHaveLength(1);
  expect(bookings[0]).toMatchObject({ operation: 'sale-with-cashback', amountMinor: 10000, cashbackMinor: 2000 });
});
