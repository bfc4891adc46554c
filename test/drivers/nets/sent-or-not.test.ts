// Sent or not sent, through the driver: a payment whose connection was never made is reported
// failed with nothing to look up; one the cloud may have taken is looked up and never sent again.
// A login that gets no answer means the payment itself was never sent.
import { afterEach, expect, test } from 'vitest';
import { createNetsDriver } from '../../../runtime/drivers/nets/index.js';
import { NETS_SIMULATOR_ACCOUNT, type NetsSimulator, startNetsSimulator } from '../../../runtime/simulators/nets/index.js';
import type { TerminalDriver } from '../../../runtime/terminals/driver.js';
import { type CuttingProxy, requestLines, startAnswerCuttingProxy } from '../../support/answer-cutting-proxy.js';
import { NETS_TEST_LOOKUP_LAG_MS, NETS_TEST_TIMING } from './quick-timing.js';
import { MemoryLog, context, netsRig, request } from './harness.js';
import { driverDeps } from '../../support/driver-test-kit.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

/** The simulator behind a proxy that cuts the answer to the first request matching `cut`. */
async function behindProxy(
  cut: RegExp,
): Promise<{ sim: NetsSimulator; proxy: CuttingProxy; driver: TerminalDriver; log: MemoryLog }> {
  const sim = await startNetsSimulator({ host: '127.0.0.1', port: 0, delayMs: 0, lookupLagMs: NETS_TEST_LOOKUP_LAG_MS });
  closers.push(() => sim.close());
  const proxy = await startAnswerCuttingProxy(sim, cut);
  closers.push(() => proxy.close());
  const log = new MemoryLog();
  const options = { ...NETS_SIMULATOR_ACCOUNT, ...NETS_TEST_TIMING };
  const driver = createNetsDriver(
    {
      id: 'desk-1',
      protocol: 'nets',
      host: proxy.host,
      port: proxy.port,
      terminalId: sim.terminalId,
      timeoutSeconds: 5,
      options,
    },
    driverDeps(log),
  );
  closers.push(() => driver.close());
  return { sim, proxy, driver, log };
}

const calls = (sim: NetsSimulator) => sim.calls().map((c) => `${c.method} ${c.path}`);

test('a payment whose connection is never made fails as refused: no cancel, no lookup', async () => {
  const rig = await netsRig();
  closers.push(() => rig.close());
  expect(await rig.driver.testTerminal(context())).toMatchObject({ ok: true });
  // Logged in; now the cloud's port refuses every connection.
  await rig.sim.close();
  const before = rig.log.frames.length;
  expect(await rig.driver.pay(request(1000), context())).toEqual({
    outcome: 'failed',
    reason: 'connection-refused',
    responseCode: '',
  });
  expect(requestLines(rig.log, before)).toEqual(['POST /v1/terminal/NETS0001/transaction']);
});

test('a login whose answer is lost: the payment was never sent, so it fails with nothing to look up', async () => {
  const { sim, proxy, driver, log } = await behindProxy(/^POST \/v1\/login /);
  expect(await driver.pay(request(1100), context())).toEqual({
    outcome: 'failed',
    reason: 'connection-refused',
    responseCode: '',
  });
  expect(proxy.cut()).toEqual(['POST /v1/login HTTP/1.1']);
  expect(requestLines(log)).toEqual(['POST /v1/login']);
  expect(sim.received()).toHaveLength(0);
});

test('a payment whose answer is lost after the cloud took it is looked up, and sent once', async () => {
  const { sim, proxy, driver } = await behindProxy(/^POST \/v1\/terminal\/\w+\/transaction /);
  expect(await driver.pay(request(1200), context())).toMatchObject({ outcome: 'approved', responseCode: '00' });
  expect(proxy.cut()).toHaveLength(1);
  expect(calls(sim).filter((c) => c === 'POST /v1/terminal/NETS0001/transaction')).toHaveLength(1);
  expect(calls(sim)).toContain('GET /v1/terminal/NETS0001/transaction');
  expect(sim.bookings()).toHaveLength(1);
});
