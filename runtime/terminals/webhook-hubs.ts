// Where a host's webhook receivers meet its drivers. A protocol that hears of results by webhook
// names a hub kind; the owner of the host keeps one WebhookHubs, and its drivers (through their
// DriverDeps) and its HTTP routes ask it for the same hub, so two hosts in one process never hear
// each other's deliveries.

/** How a protocol's hub is made; the object itself is its key. */
export interface WebhookHubKind<Hub> {
  create(): Hub;
}

export class WebhookHubs {
  private readonly hubs = new Map<WebhookHubKind<unknown>, unknown>();

  /** This kind's hub, made on first use. */
  of<Hub>(kind: WebhookHubKind<Hub>): Hub {
    if (!this.hubs.has(kind)) this.hubs.set(kind, kind.create());
    return this.hubs.get(kind) as Hub;
  }
}
