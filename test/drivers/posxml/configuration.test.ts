// Settings, NAT-style addressing, the terminal's log stream, and card-number masking.
import net from 'node:net';
import { afterEach, expect, test } from 'vitest';
import { createPosxmlDriver } from '../../../runtime/drivers/posxml/index.js';
import { SIMULATED_PAN, startPosxmlSimulator } from '../../../runtime/simulators/posxml/index.js';
import { MemoryLog, type Rig, context, rig, sale, terminalConfig } from './harness.js';
import { driverDeps } from '../../support/driver-test-kit.js';

let r: Rig | undefined;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await r?.close();
  r = undefined;
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

test('cardTimeoutSeconds and language go into the TransactionRequest; the version into the envelope', async () => {
  r = await rig(
    {},
    {
      timeoutSeconds: 90,
      options: { cardTimeoutSeconds: 60, language: 'et', version: '7.1.0', printReceipt: 0, receiptWidth: 32 },
    },
  );
  expect((await r.driver.pay(sale(100, 'OPT-1'), context())).outcome).toBe('approved');
  expect(r.sim.requests()[1]).toBe(
    '<?xml version="1.0" encoding="UTF-8"?><PosXML version="7.1.0"><TransactionRequest><Amount>100</Amount><CurrencyName>EUR</CurrencyName><TransactionID>OPT-1</TransactionID><PrintReceipt>0</PrintReceipt><ReturnReceipts>32</ReturnReceipts><Timeout>60</Timeout><Language>et</Language></TransactionRequest></PosXML>',
  );
});

test('a long reference becomes a stable 16-character TransactionID', async () => {
  r = await rig();
  const reference = 'desk-7/2026-11-23/receipt-000123456';
  const first = await r.driver.pay(sale(100, reference), context());
  expect(first.transactionId).toMatch(/^[\w-]{16}$/);
  expect((await r.driver.lastResult(context()))?.transactionId).toBe(first.transactionId);
});

test('behind NAT: host and port are the forwarded pair, for PoSXML and for the log stream', async () => {
  const sim = await startPosxmlSimulator({ host: '127.0.0.1' });
  const posxmlForward = await forward(sim.port);
  const logForward = await forward(sim.logPort);
  cleanups.push(() => sim.close(), posxmlForward.close, logForward.close);
  const log = new MemoryLog();
  const driver = createPosxmlDriver(
    terminalConfig({ host: '127.0.0.1', port: posxmlForward.port }, { options: { logPort: logForward.port } }),
    driverDeps(log),
  );
  cleanups.unshift(() => driver.close());
  expect((await driver.pay(sale(700), context())).outcome).toBe('approved');
  expect(posxmlForward.connections()).toBeGreaterThanOrEqual(2);
  expect(logForward.connections()).toBe(1);
});

test('with logPort set, the terminal’s trace lines are copied into the session log (diagnostics only)', async () => {
  const sim = await startPosxmlSimulator({ host: '127.0.0.1', delayMs: 50 });
  const log = new MemoryLog();
  const driver = createPosxmlDriver(terminalConfig(sim, { options: { logPort: sim.logPort } }), driverDeps(log));
  cleanups.push(
    () => driver.close(),
    () => sim.close(),
  );
  await driver.testTerminal(context()); // subscribes
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect((await driver.pay(sale(900), context())).outcome).toBe('approved');
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(log.infos).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^terminal log: .*<TransactionRequest> received/),
      expect.stringMatching(/^terminal log: .*card flow ended/),
    ]),
  );
});

test('a log port nobody listens on costs one warning, never a result', async () => {
  const closed = await freePort();
  r = await rig({}, { options: { logPort: closed } });
  expect((await r.driver.pay(sale(1000), context())).outcome).toBe('approved');
  expect((await r.driver.pay(sale(1100), context())).outcome).toBe('approved');
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(r.log.warnings.filter((w) => w.includes('terminal log'))).toHaveLength(1);
});

test('a terminal that sends the whole card number: masked in the result, the receipts and the log', async () => {
  r = await rig({ fullPan: true });
  const result = await r.driver.pay(sale(1234), context());
  expect(result.maskedCardNumber).toBe('476173******0119');
  expect(result.merchantReceipt).not.toContain(SIMULATED_PAN);
  expect(r.log.everything).not.toContain(SIMULATED_PAN);
  expect(r.log.everything).toContain('<Pan>476173******0119</Pan>');
});

/** A TCP port-forwarder on loopback, like a NAT rule in front of the terminal. */
async function forward(targetPort: number) {
  let count = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((inbound) => {
    count += 1;
    const outbound = net.createConnection({ host: '127.0.0.1', port: targetPort });
    for (const socket of [inbound, outbound]) {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => sockets.delete(socket));
    }
    inbound.pipe(outbound).pipe(inbound);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    port: (server.address() as net.AddressInfo).port,
    connections: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((socket) => socket.destroy());
        server.close(() => resolve());
      }),
  };
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

test.each([
  ['closes after each answer (XML session), answers split', { xmlSession: true, writeMode: 'split' }],
  ['keeps the connection open, answers whole', { xmlSession: false, writeMode: 'whole' }],
] as const)('a terminal that %s: the answer is read by its length either way', async (_name, mode) => {
  r = await rig(mode, { timeoutSeconds: 1 });
  const started = Date.now();
  for (const amount of [100, 200, 300]) expect((await r.driver.pay(sale(amount), context())).outcome).toBe('approved');
  expect(Date.now() - started).toBeLessThan(900);
  expect(r.sim.received()).toHaveLength(3);
});
