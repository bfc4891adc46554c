// The server's PayscriptHost, replaced when an admin saves new settings. Runs that started on the
// old host finish on it; the old host closes when its last run ends.
import type { PayscriptConfig } from '../../runtime/config/schema.js';
import type { JournalStore } from '../../runtime/journal/journal-store.js';
import type { TerminalLeases } from '../../runtime/terminals/terminal-leases.js';
import { type HostHealth, PayscriptHost, type RunScriptOptions } from '../../runtime/host/payscript-host.js';
import type { RunReport } from '../../runtime/host/run-report.js';
import type { ConnectionTestResult } from '../../runtime/terminals/driver.js';
import type { WebhookHubs } from '../../runtime/terminals/webhook-hubs.js';

interface Generation {
  host: PayscriptHost;
  activeRuns: number;
  retired: boolean;
}

export class LiveHost {
  private current: Generation;
  private readonly closing = new Set<Promise<void>>();

  /** Every host it makes waits on `webhooks`, the server's, which its webhook routes deliver to. */
  constructor(
    config: PayscriptConfig,
    private readonly webhooks: WebhookHubs,
  ) {
    this.current = this.generation(config);
  }

  get config(): PayscriptConfig {
    return this.current.host.config;
  }

  /**
   * The current host's journal. Read it on every use: saving settings replaces the host, and the
   * old host closes its journal once its last run ends (both open the same `dataDir` file).
   */
  get journal(): JournalStore {
    return this.current.host.journal;
  }

  /** The current host's terminal leases, which its sessions hold while they work. */
  get leases(): TerminalLeases {
    return this.current.host.leases;
  }

  async runScript(entry: string, options: RunScriptOptions): Promise<RunReport> {
    const generation = this.current;
    generation.activeRuns++;
    try {
      return await generation.host.runScript(entry, options);
    } finally {
      generation.activeRuns--;
      if (generation.retired && generation.activeRuns === 0) this.closeLater(generation.host);
    }
  }

  health(): Promise<HostHealth> {
    return this.current.host.health();
  }

  testConnection(terminalId: string, withBank: boolean): Promise<ConnectionTestResult> {
    return this.current.host.testConnection(terminalId, withBank);
  }

  /** New runs use `config` from now on. */
  replace(config: PayscriptConfig): void {
    const old = this.current;
    this.current = this.generation(config);
    old.retired = true;
    if (old.activeRuns === 0) this.closeLater(old.host);
  }

  async close(): Promise<void> {
    this.current.retired = true;
    await Promise.all([...this.closing, this.current.host.close()]);
  }

  private generation(config: PayscriptConfig): Generation {
    return { host: new PayscriptHost(config, { webhooks: this.webhooks }), activeRuns: 0, retired: false };
  }

  private closeLater(host: PayscriptHost): void {
    const done = host.close().finally(() => this.closing.delete(done));
    this.closing.add(done);
  }
}
