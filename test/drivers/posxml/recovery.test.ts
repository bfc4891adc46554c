// Lost results, aborts, busy terminals, dropped connections and broken answers: the driver never
// crashes, never sends a financial request twice, and reports only what the terminal proves.
import net from 'node:net';
import { afterEach, expect, test } from 'vitest';
import { encodeHttpRequest } from '../../../runtime/drivers/posxml/http.js';
import { createPosxmlDriver } from '../../../runtime/drivers/posxml/index.js';
import { decodeMessage, encodeMessage } from '../../../runtime/drivers/posxml/messages.js';
import { type FakeAnswer, type FakeTerminal, fakeTerminal, routine } from './fake-terminal.js';
import { MemoryLog, type Rig, context, rig, sale, terminalConfig } from './harness.js';
import { driverDeps } from '../../support/driver-test-kit.js';

let r: Rig | undefined;
let fake: FakeTerminal | undefined;
afterEach(async () => {
  await r?.close();
  await fake?.close();
  r = undefined;
  fake = undefined;
});

const FAKE_ID = 'FAKE-1';

async function payThroughFake(answer: (type: string) => FakeAnswer | undefined, timeoutSeconds = 2) {
  fake = await fakeTerminal((request) => answer(request.type) ?? routine(request));
  const log = new MemoryLog();
  const driver = createPosxmlDriver(terminalConfig(fake, { timeoutSeconds, options: { lookupDelayMs: 20 } }), driverDeps(log));
  const result = await driver.pay(sale(1000, FAKE_ID), context());
  await driver.close();
  return { result, log, requests: fake.requests };
}

test('merchant abort during the card flow → CancelAllOperations, lookup; nothing charged → cancelled / merchant-aborted', async () => {
  r = await rig({ delayMs: 5000 }, { timeoutSeconds: 10 });
  const controller = new AbortController();
  const ctx = context(controller.signal);
  setTimeout(() => controller.abort(), 150);
  const started = Date.now();
  const result = await r.driver.pay(sale(4000), ctx);
  expect(result).toMatchObject({ outcome: 'cancelled', reason: 'merchant-aborted' });
  expect(Date.now() - started).toBeLessThan(1500);
  expect(r.sim.bookings()).toHaveLength(0);
  expect(r.log.sent).toEqual([
    'CancelAllOperationsRequest',
    'TransactionRequest',
    'CancelAllOperationsRequest',
    'GetLastTransactionDataRequest',
  ]);
  expect(ctx.events.map((e) => e.kind)).toContain('aborting');
});

test('an abort that loses the race to an approval reports the approval', async () => {
  r = await rig({}, { timeoutSeconds: 10 });
  r.sim.injectFault('withhold');
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 100);
  const result = await r.driver.pay(sale(4600), context(controller.signal));
  expect(result.outcome).toBe('approved');
  expect(r.sim.bookings()).toHaveLength(1);
});

test('an abort before anything was sent sends nothing', async () => {
  r = await rig();
  const controller = new AbortController();
  controller.abort();
  expect(await r.driver.pay(sale(1000), context(controller.signal))).toMatchObject({
    outcome: 'cancelled',
    reason: 'merchant-aborted',
  });
  expect(r.sim.requests()).toHaveLength(0);
});

test('a withheld result: timeout, CancelAll, lookup → approved, booked once, sent once', async () => {
  r = await rig({}, { timeoutSeconds: 0.3 });
  r.sim.injectFault('withhold');
  const result = await r.driver.pay(sale(4500), context());
  expect(result).toMatchObject({ outcome: 'approved', responseCode: '000' });
  expect(r.sim.bookings()).toHaveLength(1);
  expect(r.sim.received()).toHaveLength(1);
});

test.each(['garbage', 'truncated'] as const)(
  '%s instead of the answer → malformed-answer after the lookup, no charge; the next payment works',
  async (fault) => {
    r = await rig();
    r.sim.injectFault(fault);
    const result = await r.driver.pay(sale(2600), context());
    expect(result).toMatchObject({ outcome: 'failed', reason: 'malformed-answer' });
    expect(r.log.sent.slice(-2)).toEqual(['CancelAllOperationsRequest', 'GetLastTransactionDataRequest']);
    expect(r.sim.bookings()).toHaveLength(0);
    expect((await r.driver.pay(sale(2700), context())).outcome).toBe('approved');
  },
);

test('a connection dropped during the card flow: the result agrees with the bank, the payment is sent once', async () => {
  r = await rig({ delayMs: 400 });
  const pending = r.driver.pay(sale(2400), context());
  setTimeout(() => r!.sim.dropConnections(), 150);
  const result = await pending;
  expect(result).toMatchObject({ outcome: 'failed', reason: 'connection-lost' });
  expect(r.sim.bookings()).toHaveLength(0);
  expect(r.sim.received()).toHaveLength(1);
});

test('CancelAllOperations before a transaction clears a flow another client left running on the terminal', async () => {
  r = await rig();
  const stuck = rawPost(r.sim, encodeMessage({ type: 'TransactionRequest', amountMinor: 5555, currencyName: 'EUR' }, '7.2.0'));
  await new Promise((resolve) => setTimeout(resolve, 50));
  const result = await r.driver.pay(sale(1000), context());
  expect(result.outcome).toBe('approved');
  expect(decodeMessage(await stuck)).toMatchObject({
    ok: true,
    value: { message: { type: 'TransactionResponse', returnCode: 32782 } },
  });
});

test('a second transaction while one runs is answered 32775 (busy)', async () => {
  r = await rig({ delayMs: 300 });
  const running = r.driver.pay(sale(1000), context());
  await new Promise((resolve) => setTimeout(resolve, 80));
  const second = await rawPost(
    r.sim,
    encodeMessage({ type: 'TransactionRequest', amountMinor: 2000, currencyName: 'EUR' }, '7.2.0'),
  );
  expect(decodeMessage(second)).toMatchObject({
    ok: true,
    value: { message: { type: 'TransactionResponse', returnCode: 32775 } },
  });
  expect((await running).outcome).toBe('approved');
});

test('the simulator answers malformed XML with 32773 and an unknown version with 32770', async () => {
  r = await rig();
  expect(decodeMessage(await rawPost(r.sim, '<PosXML version="7.2.0"><TransactionRequest>'))).toMatchObject({
    ok: true,
    value: { message: { type: 'Error', returnCode: 32773 } },
  });
  expect(decodeMessage(await rawPost(r.sim, '<PosXML version="5.0.0"><GetTerminalStatusRequest/></PosXML>'))).toMatchObject({
    ok: true,
    value: { version: '5.0.0', message: { type: 'Error', returnCode: 32770 } },
  });
});

test('a terminal that never answers and stays busy for the lookup → in-doubt, sent once', async () => {
  const { result, requests } = await payThroughFake(
    (type) =>
      type === 'TransactionRequest'
        ? 'silence'
        : type === 'GetLastTransactionDataRequest'
          ? { type: 'GetLastTransactionDataResponse', returnCode: 32775 }
          : undefined,
    0.2,
  );
  expect(result).toEqual({ outcome: 'in-doubt', reason: 'timeout', responseCode: '' });
  expect(requests.filter((type) => type === 'TransactionRequest')).toHaveLength(1);
  expect(requests.filter((type) => type === 'GetLastTransactionDataRequest')).toHaveLength(3);
});

test.each([
  ['malformed XML', { xml: '<PosXML version="7.2.0"><TransactionResponse><ReturnCode>0</Return' }],
  [
    'an unknown message element',
    { xml: '<PosXML version="7.2.0"><PaymentDoneResponse><ReturnCode>0</ReturnCode></PaymentDoneResponse></PosXML>' },
  ],
  ['a known message that answers something else', { type: 'GetTerminalStatusResponse', returnCode: 0 }],
  ['an HTTP error status', { raw: 'HTTP/1.0 500 Internal Error\r\ncontent-length: 0\r\n\r\n' }],
  ['bytes that are not HTTP', { raw: '\u0000\u00ff garbage' }],
] as [string, FakeAnswer][])(
  '%s from the terminal → failed / malformed-answer after the lookup, never a crash',
  async (_name, answer) => {
    const { result, requests, log } = await payThroughFake((type) => (type === 'TransactionRequest' ? answer : undefined));
    expect(result).toEqual({ outcome: 'failed', reason: 'malformed-answer', responseCode: '' });
    expect(requests).toEqual([
      'CancelAllOperationsRequest',
      'TransactionRequest',
      'CancelAllOperationsRequest',
      'GetLastTransactionDataRequest',
    ]);
    expect(log.infos.some((line) => line.startsWith('recovering'))).toBe(true);
  },
);

test('ReturnCode 0 without completion proof: looked up; a record that proves it → approved, one that does not → in-doubt', async () => {
  const bare = {
    type: 'TransactionResponse',
    returnCode: 0,
    transactionData: { transactionId: FAKE_ID, amountMinor: 1000 },
  } as const;
  const proven = await payThroughFake((type) =>
    type === 'TransactionRequest'
      ? bare
      : type === 'GetLastTransactionDataRequest'
        ? {
            type: 'GetLastTransactionDataResponse',
            returnCode: 0,
            transactionData: { transactionId: FAKE_ID, amountMinor: 1000, hostAnswer: '000', transactionCompletion: 'COMPLETED' },
          }
        : undefined,
  );
  expect(proven.result).toMatchObject({ outcome: 'approved', responseCode: '000' });
  expect(proven.requests).toEqual(['CancelAllOperationsRequest', 'TransactionRequest', 'GetLastTransactionDataRequest']);
  await fake?.close();
  const unproven = await payThroughFake((type) =>
    type === 'TransactionRequest'
      ? bare
      : type === 'GetLastTransactionDataRequest'
        ? { ...bare, type: 'GetLastTransactionDataResponse' }
        : undefined,
  );
  expect(unproven.result).toMatchObject({ outcome: 'in-doubt', reason: 'unknown' });
});

test('a lookup that finds another transaction under our TransactionID (a different amount) is not taken for ours', async () => {
  const { result } = await payThroughFake(
    (type) =>
      type === 'TransactionRequest'
        ? 'silence'
        : type === 'GetLastTransactionDataRequest'
          ? {
              type: 'GetLastTransactionDataResponse',
              returnCode: 0,
              transactionData: {
                transactionId: FAKE_ID,
                amountMinor: 777,
                hostAnswer: '000',
                transactionCompletion: 'COMPLETED',
              },
            }
          : undefined,
    0.2,
  );
  expect(result).toMatchObject({ outcome: 'in-doubt', reason: 'timeout' });
});

test('a refused connection fails fast with connection-refused and sends nothing', async () => {
  const closed = net.createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const { port } = closed.address() as net.AddressInfo;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  const driver = createPosxmlDriver(terminalConfig({ host: '127.0.0.1', port }), driverDeps());
  const started = Date.now();
  expect(await driver.pay(sale(1000), context())).toEqual({ outcome: 'failed', reason: 'connection-refused', responseCode: '' });
  expect(await driver.testTerminal(context())).toMatchObject({ ok: false, reason: 'connection-refused' });
  expect(Date.now() - started).toBeLessThan(1000);
  await driver.close();
});

/** One raw POST to the simulator, as another client would send it; resolves with the answer body. */
function rawPost(target: { host: string; port: number }, xml: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.createConnection({ host: target.host, port: target.port }, () => socket.write(encodeHttpRequest(xml)));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      resolve(text.slice(text.indexOf('\r\n\r\n') + 4));
    });
  });
}

test("a restarted register's lookup finds the terminal busy with the dead one's flow: CancelAllOperations, then a record it can vouch for", async () => {
  r = await rig({ delayMs: 0 }, { timeoutSeconds: 30 });
  expect((await r.driver.pay(sale(4000), context())).outcome).toBe('approved');
  r.sim.setDelay(60_000);
  // The register sends and dies: its flow runs on, answering nobody.
  void r.driver.pay(sale(4100), context()).catch(() => undefined);
  await waitUntil(() => r!.sim.received().filter((q) => q.operation === 'sale').length === 2);
  const restarted = createPosxmlDriver(terminalConfig(r.sim), driverDeps());
  try {
    const last = await restarted.lastResult(context());
    // The dead register's flow is over and charged nothing; the latest record is the earlier sale.
    expect(last).toMatchObject({ outcome: 'approved', amountMinor: 4000 });
    expect(r.sim.bookings().map((b) => b.amountMinor)).toEqual([4000]);
    r.sim.setDelay(0);
    expect((await restarted.pay(sale(4200), context())).outcome).toBe('approved');
  } finally {
    await restarted.close();
  }
});

async function waitUntil(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
}
