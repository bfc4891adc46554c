// Viva webhooks through `payscript serve`: the route mounted from the environment delivers to the
// server's hubs, which every host the server makes waits on (also one made by saving settings),
// and two servers in one process never hear each other's deliveries. The simulator delivers each
// webhook before it answers the request that started the payment, so a payment whose hub heard it
// is woken at once and logs that it looks the result up because of a webhook.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { webhookRoutersFromEnvironment } from '../../runtime/cli/webhook-routers.js';
import { startVivaSimulator, type VivaSimulator } from '../../runtime/simulators/viva/index.js';
import { styleOptions } from '../drivers/viva/harness.js';
import { startTestServer, type TestServer } from './serve-harness.js';

const TOKEN = 'test-token-0123456789abcdef';
const WOKEN = /webhook for .*: looking the result up/;

const closers: (() => Promise<void>)[] = [];
async function closeAll(): Promise<void> {
  for (const close of closers.splice(0).reverse()) await close();
}
afterEach(closeAll);

/** A server whose Viva receiver is configured as `payscript serve` reads it from the environment. */
async function serverWithReceiver(): Promise<TestServer> {
  const environment = {
    PAYSCRIPT_VIVA_WEBHOOK_TOKEN: TOKEN,
    PAYSCRIPT_VIVA_WEBHOOK_KEY: 'SIMKEY',
    PAYSCRIPT_VIVA_WEBHOOK_SOURCES: '127.0.0.1',
  };
  const server = await startTestServer({
    webhooks: (hubs) =>
      webhookRoutersFromEnvironment(environment, hubs, (message) => {
        throw new Error(`the receiver refused a delivery: ${message}`);
      }),
  });
  closers.push(() => server.close());
  return server;
}

/** A Viva simulator delivering its webhooks to `receiver`'s route ahead of its answers. */
async function simulatorDeliveringTo(receiver: TestServer): Promise<VivaSimulator> {
  const sim = await startVivaSimulator({
    host: '127.0.0.1',
    port: 0,
    delayMs: 0,
    webhookKey: 'SIMKEY',
    webhookUrl: new URL(`webhooks/viva/${TOKEN}`, receiver.server.url).href,
    webhooks: { early: true },
  });
  closers.push(() => sim.close());
  return sim;
}

/** Saves settings with a Viva terminal bound to every desk (the server replaces its host), then pays on it. */
async function payOnViva(server: TestServer, sim: VivaSimulator): Promise<void> {
  const admin = await server.login();
  const { body } = await admin.get('/api/settings');
  body.config.terminals.push({
    id: 'viva',
    protocol: 'viva',
    host: sim.host,
    port: sim.port,
    terminalId: sim.terminalId,
    timeoutSeconds: 30,
    options: { ...styleOptions('orders'), pollIntervalMs: 100 },
  });
  body.config.binding = { mode: 'single', terminal: 'viva' };
  expect((await admin.put('/api/settings', { config: body.config })).status).toBe(200);
  const run = await admin.post('/api/run', { source: "new TPaymentClient('42.00', 'EUR').Execute();" });
  expect(run.body.transactions).toMatchObject([{ terminal: 'viva', status: 'Approved' }]);
}

/** Everything the server's hosts logged, read once the server has closed its logs. */
function sessionLogs(server: TestServer): string {
  const dir = join(server.dir, 'PointOfSale');
  return readdirSync(dir)
    .map((name) => readFileSync(join(dir, name), 'utf8'))
    .join('\n');
}

it("delivers to the hub of the server's current host, one made by saving settings", async () => {
  const server = await serverWithReceiver();
  const sim = await simulatorDeliveringTo(server);
  await payOnViva(server, sim);
  expect(sim.webhookDeliveries()).toEqual([{ eventTypeId: expect.any(Number), status: 200 }]);
  await closeAll();
  expect(sessionLogs(server)).toMatch(WOKEN);
});

it('never wakes a payment of another server in the same process', async () => {
  const paying = await serverWithReceiver();
  const other = await serverWithReceiver();
  const sim = await simulatorDeliveringTo(other);
  await payOnViva(paying, sim);
  expect(sim.webhookDeliveries()).toEqual([{ eventTypeId: expect.any(Number), status: 200 }]);
  await closeAll();
  expect(sessionLogs(paying)).not.toMatch(WOKEN);
});
