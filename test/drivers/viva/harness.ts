// Shared set-up for the Viva tests: a simulator on 127.0.0.1, a driver of either style pointed at
// it, optionally the webhook router mounted in a tiny Express app on 127.0.0.1 delivering to the
// driver's hub, an in-memory log and an operation context that records status events.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import type { Currency, FinancialRequest, TerminalDriver } from '../../../runtime/terminals/driver.js';
import { createVivaDriver } from '../../../runtime/drivers/viva/index.js';
import { VIVA_WEBHOOK_HUB, VivaWebhookHub } from '../../../runtime/drivers/viva/webhook-hub.js';
import { type VivaWebhookRouteOptions, createVivaWebhookRouter } from '../../../runtime/drivers/viva/webhook-routes.js';
import {
  type VivaSimulator,
  type VivaSimulatorOptions,
  VIVA_SIMULATOR_CREDENTIALS as SIM,
  startVivaSimulator,
} from '../../../runtime/simulators/viva/index.js';
import type { VivaStyle } from '../../../runtime/drivers/viva/options.js';
import { WebhookHubs } from '../../../runtime/terminals/webhook-hubs.js';
import { MemoryLog as BaseMemoryLog, context, driverDeps } from '../../support/driver-test-kit.js';

export { context };

export const EUR: Currency = { alpha: 'EUR', numeric: '978', exponent: 2 };
export const STYLES: readonly VivaStyle[] = ['orders', 'cloud-terminal'];
export const WEBHOOK_TOKEN = 'test-token-0123456789abcdef';

/** The shared memory log, read as one text. */
export class MemoryLog extends BaseMemoryLog {
  get text(): string {
    return this.everything;
  }
}

let sequence = 0;
export function request(amountMinor: number): FinancialRequest {
  sequence += 1;
  return { reference: `viva-test-${sequence}-${Math.random().toString(36).slice(2, 8)}`, amountMinor, currency: EUR };
}

/** The options each style needs against the simulator (orders returns use the cloud pair). */
export function styleOptions(style: VivaStyle): Record<string, unknown> {
  const cloud = { clientId: SIM.clientId, clientSecret: SIM.clientSecret };
  return style === 'orders' ? { style, merchantId: SIM.merchantId, apiKey: SIM.apiKey, ...cloud } : { style, ...cloud };
}

export interface Rig {
  sim: VivaSimulator;
  driver: TerminalDriver;
  log: MemoryLog;
  /** The hub the driver waits on, which the receiver (when mounted) delivers to. */
  hub: VivaWebhookHub;
  /** The webhook receiver's base URL, when one is mounted. */
  webhookUrl?: string;
  /** Another driver for the same terminal, knowing nothing of the first one's transactions. */
  freshDriver(): TerminalDriver;
  close(): Promise<void>;
}

export interface RigOptions {
  style: VivaStyle;
  timeoutSeconds?: number;
  driverOptions?: Record<string, unknown>;
  sim?: Omit<VivaSimulatorOptions, 'webhookUrl'>;
  /** Mount the webhook router and point the simulator's webhooks at it. */
  webhooks?: Partial<VivaWebhookRouteOptions>;
}

export async function startRig(options: RigOptions): Promise<Rig> {
  const webhooks = new WebhookHubs();
  const hub = webhooks.of(VIVA_WEBHOOK_HUB);
  const receiver = options.webhooks ? await startReceiver({ hub, ...options.webhooks }) : undefined;
  const webhookUrl = receiver ? `${receiver.url}/${WEBHOOK_TOKEN}` : undefined;
  const sim = await startVivaSimulator({
    host: '127.0.0.1',
    port: 0,
    delayMs: 0,
    webhookKey: 'SIMKEY',
    ...options.sim,
    ...(webhookUrl && { webhookUrl }),
  });
  const log = new MemoryLog();
  const newDriver = () =>
    createVivaDriver(
      {
        id: `desk-${options.style}`,
        protocol: 'viva',
        host: sim.host,
        port: sim.port,
        terminalId: sim.terminalId,
        timeoutSeconds: options.timeoutSeconds ?? 3,
        options: { ...styleOptions(options.style), pollIntervalMs: 100, ...options.driverOptions },
      },
      driverDeps(log, webhooks),
    );
  const driver = newDriver();
  return {
    sim,
    driver,
    log,
    hub,
    freshDriver: newDriver,
    ...(receiver && { webhookUrl: receiver.url }),
    async close() {
      await driver.close();
      await sim.close();
      await receiver?.close();
    },
  };
}

/** The webhook router in an Express app of its own, as `payscript serve` would mount it; to a hub of its own unless given one. */
export async function startReceiver(
  overrides: Partial<VivaWebhookRouteOptions> = {},
): Promise<{ url: string; close(): Promise<void> }> {
  const app = express();
  app.use(
    '/webhooks/viva',
    createVivaWebhookRouter({
      token: WEBHOOK_TOKEN,
      key: 'SIMKEY',
      allowedAddresses: ['127.0.0.1'],
      hub: new VivaWebhookHub(),
      ...overrides,
    }),
  );
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/viva`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export async function until(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
