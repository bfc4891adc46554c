// Where webhook deliveries meet the payments waiting for them. Viva's webhooks carry no signature,
// arrive late, early, twice or never, and a "failed" may be followed by a success (viva.md, "What
// users of existing integrations hit"). So an event here is only ever a reason to look the result
// up now: the hub records what arrived, drops duplicates, matches by our reference (MerchantTrns
// of transaction events, SessionId of the cloud terminal's session events 1802 / 1803), and never
// lets a later event of the opposite verdict replace an earlier one — it marks the reference
// disputed and wakes its payment to look it up instead.
import type { WebhookHubKind } from '../../terminals/webhook-hubs.js';
import { type WebhookEvent, WEBHOOK_EVENT } from './messages.js';

export type WebhookVerdict = 'approved' | 'failed' | 'reversed';
export type Delivery = 'accepted' | 'duplicate' | 'disputed' | 'unmatched' | 'ignored';

export interface WebhookRecord {
  reference: string;
  /** The first verdict that arrived; later contrary events never replace it. */
  verdict: WebhookVerdict;
  /** A later event said otherwise: only a lookup can tell which is true. */
  disputed: boolean;
  events: WebhookEvent[];
}

/** A payment's subscription: `next()` resolves once an event for it has arrived since the last call. */
export interface WebhookWatch {
  next(): Promise<void>;
  close(): void;
}

/** Enough for a busy host's day; the oldest entries go first. */
const MEMORY = 10_000;

export class VivaWebhookHub {
  private readonly messageIds = new Set<string>();
  private readonly records = new Map<string, WebhookRecord>();
  /** Order code → reference, for failure events without MerchantTrns. */
  private readonly orderCodes = new Map<string, string>();
  private readonly watchers = new Map<string, Set<() => void>>();

  deliver(event: WebhookEvent): Delivery {
    const verdict = verdictOf(event.EventTypeId);
    if (!verdict) return 'ignored';
    if (event.MessageId) {
      if (this.messageIds.has(event.MessageId)) return 'duplicate';
      remember(this.messageIds, event.MessageId);
    }
    const data = event.EventData;
    const reference = data.MerchantTrns || data.SessionId || (data.OrderCode ? this.orderCodes.get(data.OrderCode) : undefined);
    if (!reference) return 'unmatched';

    const known = this.records.get(reference);
    if (known?.events.some((seen) => sameEvent(seen, event))) return 'duplicate';
    let delivery: Delivery;
    if (!known) {
      this.records.set(reference, { reference, verdict, disputed: false, events: [event] });
      trim(this.records);
      delivery = 'accepted';
    } else {
      known.events.push(event);
      if (known.verdict !== verdict) known.disputed = true;
      delivery = known.disputed ? 'disputed' : 'accepted';
    }
    for (const wake of this.watchers.get(reference) ?? []) wake();
    return delivery;
  }

  /** Subscribe before sending, so an event that overtakes the request's own answer is kept. */
  watch(reference: string): WebhookWatch {
    let arrived = this.records.has(reference);
    let resolve: (() => void) | undefined;
    const wake = () => {
      arrived = true;
      resolve?.();
    };
    const set = this.watchers.get(reference) ?? new Set();
    set.add(wake);
    this.watchers.set(reference, set);
    return {
      next: () => {
        if (arrived) {
          arrived = false;
          return Promise.resolve();
        }
        return new Promise<void>((r) => {
          resolve = () => {
            resolve = undefined;
            arrived = false;
            r();
          };
        });
      },
      close: () => {
        set.delete(wake);
        if (set.size === 0) this.watchers.delete(reference);
      },
    };
  }

  /** Ties an order code to our reference once the order exists. */
  alias(orderCode: string, reference: string): void {
    this.orderCodes.set(orderCode, reference);
    trim(this.orderCodes);
  }

  record(reference: string): WebhookRecord | undefined {
    return this.records.get(reference);
  }
}

/** Viva's hub in a host's WebhookHubs: its drivers wait on it, its webhook route delivers to it. */
export const VIVA_WEBHOOK_HUB: WebhookHubKind<VivaWebhookHub> = { create: () => new VivaWebhookHub() };

function verdictOf(eventTypeId: number): WebhookVerdict | undefined {
  switch (eventTypeId) {
    case WEBHOOK_EVENT.paymentCreated:
    case WEBHOOK_EVENT.ecrSessionCreated:
      return 'approved';
    case WEBHOOK_EVENT.transactionFailed:
    case WEBHOOK_EVENT.ecrSessionFailed:
      return 'failed';
    case WEBHOOK_EVENT.reversalCreated:
      return 'reversed';
    default:
      return undefined;
  }
}

/** A redelivery without a MessageId: same type, same transaction, same status. */
function sameEvent(a: WebhookEvent, b: WebhookEvent): boolean {
  return (
    a.EventTypeId === b.EventTypeId &&
    a.EventData.TransactionId === b.EventData.TransactionId &&
    a.EventData.StatusId === b.EventData.StatusId
  );
}

function remember(set: Set<string>, value: string): void {
  set.add(value);
  if (set.size > MEMORY) set.delete(set.values().next().value as string);
}

function trim(map: Map<string, unknown>): void {
  if (map.size > MEMORY) map.delete(map.keys().next().value as string);
}
