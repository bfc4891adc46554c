// A simulated Viva cloud with one terminal (viva.md, "What the simulator must do"): both
// integration styles on one HTTP server, the terminal's card flow by the shared outcome table, and
// webhooks to a configured URL with drop / duplicate / early / out-of-order switches.
import { randomUUID } from 'node:crypto';
import { OutcomePlan } from '../outcome-table.js';
import type { SimulatedFault, SimulatorFactory, SimulatorStartOptions, TerminalSimulator } from '../terminal-simulator.js';
import { type Refusal, SimulatedTerminal, refusedResult } from './card-flow.js';
import { type LostStart, type SimulatedCredentials, VivaCloud } from './cloud-server.js';
import { type SimPayment, VivaLedger } from './ledger.js';
import { type WebhookMode, WebhookSender } from './webhook-sender.js';

export type { LostStart, SimulatedCredentials } from './cloud-server.js';
export type { WebhookMode } from './webhook-sender.js';

/** Test credentials the simulator accepts unless told others; never valid anywhere else. */
export const VIVA_SIMULATOR_CREDENTIALS: SimulatedCredentials = {
  merchantId: 'sim-merchant',
  apiKey: 'sim-api-key',
  clientId: 'sim-client.apps.vivapayments.com',
  clientSecret: 'sim-client-secret',
};

/** A Viva terminal serial number (also its source code in the orders style). */
export const VIVA_SIMULATOR_TERMINAL_ID = '16004711';

export interface VivaSimulatorOptions extends SimulatorStartOptions {
  credentials?: SimulatedCredentials;
  /** Where webhooks go; none are sent without it. */
  webhookUrl?: string;
  /** What the receiver must answer to the verification GET. */
  webhookKey?: string;
  webhooks?: WebhookMode;
  tokenLifetimeSeconds?: number;
  /** The first order code (digits); one above 2^53 shows whether a reader keeps it exact. */
  firstOrderCode?: string;
}

export interface VivaSimulator extends TerminalSimulator {
  readonly credentials: SimulatedCredentials;
  readonly webhookKey: string;
  /** Every order and session, for tests that look inside. */
  payments(): readonly SimPayment[];
  /** Webhook delivery attempts: event type and the receiver's HTTP status (0: unreachable). */
  webhookDeliveries(): readonly { eventTypeId: number; status: number }[];
  setWebhookMode(mode: WebhookMode): void;
  /** Viva's verification GET against the webhook URL: whether it answered the key. */
  verifyWebhook(): Promise<boolean>;
  /** The next abort is answered 200 and ignored: the payment goes on (viva.md). */
  ignoreNextAbort(): void;
  /** The next card flow is refused with this session event id and message (and listing code). */
  refuseNext(refusal: Refusal): void;
  /** Every issued OAuth token stops working at once. */
  expireTokens(): void;
  /** The connection of the next sale / refund request closes without an answer (see LostStart). */
  loseNextSessionStart(when: LostStart): void;
}

export const startVivaSimulator = (async (options: VivaSimulatorOptions = {}): Promise<VivaSimulator> => {
  const credentials = options.credentials ?? VIVA_SIMULATOR_CREDENTIALS;
  const webhookKey = options.webhookKey ?? randomUUID().replace(/-/g, '').toUpperCase();
  const terminalId = options.terminalId ?? VIVA_SIMULATOR_TERMINAL_ID;
  const ledger = new VivaLedger(options.firstOrderCode);
  const sender = new WebhookSender(options.webhookUrl, webhookKey, options.webhooks ?? {}, terminalId);
  const terminal = new SimulatedTerminal(
    ledger,
    {
      finished(payment) {
        if (sender.mode.outOfOrder && payment.kind === 'sale' && payment.result?.charged) {
          payment.earlierFailure = refusedResult('issuer-declined');
        }
        payment.delivered = sender.paymentFinished(payment);
      },
    },
    options.delayMs ?? 0,
    options.orphanedFlow ?? 'drop',
  );
  terminal.outcomes = new OutcomePlan(options.forcedOutcome);
  const cloud = new VivaCloud(
    { terminalId, credentials, webhookKey, tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 3600 },
    ledger,
    terminal,
    sender,
  );
  const host = options.host ?? '127.0.0.1';
  const port = await cloud.listen(host, options.port ?? 0);

  return {
    host,
    port,
    terminalId,
    credentials,
    webhookKey,
    bookings: () => ledger.bookings,
    received: () => ledger.received,
    payments: () => ledger.payments,
    webhookDeliveries: () => sender.deliveries,
    setDelay: (ms: number) => {
      terminal.delayMs = ms;
    },
    injectFault: (fault: SimulatedFault) => terminal.injectFault(fault),
    setWebhookMode: (mode: WebhookMode) => {
      sender.mode = mode;
    },
    verifyWebhook: () => sender.verify(),
    ignoreNextAbort: () => {
      terminal.ignoreNextAbort = true;
    },
    refuseNext: (refusal: Refusal) => {
      terminal.nextRefusal = refusal;
    },
    expireTokens: () => cloud.expireTokens(),
    loseNextSessionStart: (when: LostStart) => cloud.loseNextSessionStart(when),
    dropConnections: () => cloud.server.closeAllConnections(),
    comeBack: () => terminal.reachability.comeBack(),
    async close() {
      terminal.stop();
      cloud.server.closeAllConnections();
      await new Promise<void>((resolve) => cloud.server.close(() => resolve()));
    },
  };
}) satisfies SimulatorFactory;
