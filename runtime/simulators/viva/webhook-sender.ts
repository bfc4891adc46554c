// Viva's webhook deliveries, with the misbehaviour integrations meet (viva.md): dropped,
// duplicated, early (before the request's own answer), and out of order (an earlier failed attempt
// reported after the success). Orders get transaction events (1796–1798; failures leave out
// MerchantTrns, as Viva's sometimes do), cloud-terminal sessions their session events 1802 / 1803
// shaped as Viva's webhook pages show them. Long order codes go out as bare JSON numbers.
import { randomUUID } from 'node:crypto';
import { jsonNumber, stringifyJson } from '../../drivers/cloud-http/json.js';
import { WEBHOOK_EVENT, type WebhookEnvelope } from '../../drivers/viva/messages.js';
import type { CardResult, SimPayment } from './ledger.js';

export interface WebhookMode {
  /** Send nothing. */
  drop?: boolean;
  /** Send every event twice, same MessageId. */
  duplicate?: boolean;
  /** Finish the card flow at once and deliver before answering the request that started it. */
  early?: boolean;
  /** A refused attempt precedes each approval, and its failure event arrives after the success. */
  outOfOrder?: boolean;
}

export class WebhookSender {
  mode: WebhookMode;
  /** Every delivery attempt's HTTP status (0 when it could not be delivered), for tests. */
  readonly deliveries: { eventTypeId: number; status: number }[] = [];

  constructor(
    private readonly url: string | undefined,
    private readonly key: string,
    mode: WebhookMode,
    private readonly terminalId: string,
  ) {
    this.mode = mode;
  }

  /** The events of one finished payment, in the order this mode delivers them. */
  async paymentFinished(payment: SimPayment): Promise<void> {
    if (!this.url || this.mode.drop || !payment.result) return;
    const events = [envelope(payment, payment.result, this.terminalId)];
    if (this.mode.outOfOrder && payment.earlierFailure) events.push(envelope(payment, payment.earlierFailure, this.terminalId));
    for (const event of events) {
      await this.post(event);
      if (this.mode.duplicate) await this.post(event);
    }
  }

  /** Viva's check before it uses a URL: a GET that must answer `{"Key": <key>}`. */
  async verify(): Promise<boolean> {
    if (!this.url) return false;
    try {
      const answer = await fetch(this.url, { signal: AbortSignal.timeout(5000) });
      const body = (await answer.json()) as { Key?: unknown };
      return answer.status === 200 && body.Key === this.key;
    } catch {
      return false;
    }
  }

  private async post(event: SentEnvelope): Promise<void> {
    let status = 0;
    try {
      const answer = await fetch(this.url!, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: stringifyJson(event),
        signal: AbortSignal.timeout(5000),
      });
      await answer.arrayBuffer();
      status = answer.status;
    } catch {
      // An unreachable receiver is what the register's polling is for.
    }
    this.deliveries.push({ eventTypeId: event.EventTypeId, status });
  }
}

/** What goes out: an OrderCode may be a bare number no JSON.parse keeps exact. */
type SentEnvelope = Omit<WebhookEnvelope, 'EventData'> & {
  EventData: Omit<WebhookEnvelope['EventData'], 'OrderCode'> & { OrderCode?: unknown };
};

function envelope(payment: SimPayment, result: CardResult, terminalId: string): SentEnvelope {
  const headers = { Created: new Date().toISOString(), CorrelationId: randomUUID(), MessageId: randomUUID(), RetryCount: 0 };
  if (payment.style === 'cloud-terminal') {
    // Viva's 1802 / 1803 examples: minor units, the session's own verdict, event id and message.
    return {
      EventTypeId: result.charged ? WEBHOOK_EVENT.ecrSessionCreated : WEBHOOK_EVENT.ecrSessionFailed,
      ...headers,
      EventData: {
        SessionId: payment.id,
        TerminalId: terminalId,
        TransactionId: result.transactionId,
        Amount: payment.amountMinor,
        Success: result.charged,
        EventId: result.eventId,
        Message: result.message,
      },
    };
  }
  const eventTypeId = !result.charged
    ? WEBHOOK_EVENT.transactionFailed
    : payment.kind === 'reversal'
      ? WEBHOOK_EVENT.reversalCreated
      : WEBHOOK_EVENT.paymentCreated;
  return {
    EventTypeId: eventTypeId,
    ...headers,
    EventData: {
      TransactionId: result.transactionId,
      OrderCode: jsonNumber(payment.parent?.id ?? payment.id),
      ...(result.charged && { MerchantTrns: payment.reference }),
      StatusId: result.charged ? 'F' : 'E',
      // Major units in these events (viva.md).
      Amount: payment.amountMinor / 100,
      InsDate: new Date().toISOString(),
      ResponseCode: result.responseCode || null,
    },
  };
}
