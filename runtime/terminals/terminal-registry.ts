// One TerminalSession per configured terminal, made on first use and closed with the host.
import type { DriverDeps, DriverFactory, TerminalConfig } from './driver.js';
import { type LeaseSettings, type TerminalHealth, TerminalSession } from './terminal-session.js';

export class TerminalRegistry {
  private readonly sessions = new Map<string, TerminalSession>();

  constructor(
    private readonly terminals: readonly TerminalConfig[],
    /** Loaded while the host starts (drivers/index.ts); every session waits for them. */
    private readonly factories: Promise<Readonly<Record<string, DriverFactory>>>,
    /** What every driver of the host is given: its log and its webhook hubs. */
    private readonly deps: DriverDeps,
    /** Every session takes its terminal's lease from the same manager (one per host). */
    private readonly leasing: LeaseSettings,
  ) {}

  async session(id: string): Promise<TerminalSession> {
    const factories = await this.factories;
    let session = this.sessions.get(id);
    if (!session) {
      const config = this.terminals.find((t) => t.id === id);
      if (!config) throw new Error(`unknown terminal "${id}"`);
      const factory = factories[config.protocol];
      if (!factory) throw new Error(`terminal "${id}": no driver for protocol "${config.protocol}"`);
      session = new TerminalSession(config, factory(config, this.deps), this.leasing);
      this.sessions.set(id, session);
    }
    return session;
  }

  /** Every configured terminal; one never used yet has no contact to show. */
  health(): TerminalHealth[] {
    return this.terminals.map((t) => this.sessions.get(t.id)?.health() ?? { id: t.id, protocol: t.protocol, busy: false });
  }

  async close(): Promise<void> {
    await Promise.all([...this.sessions.values()].map((s) => s.close()));
    this.sessions.clear();
  }
}
