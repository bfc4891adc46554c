// What every driver test needs beside a simulator: a session log kept in memory and an operation
// context that records the status events.
import { expect, test } from 'vitest';
import type { TerminalSimulator } from '../../runtime/simulators/terminal-simulator.js';
import type {
  DriverDeps,
  DriverFactory,
  FinancialRequest,
  OperationContext,
  StatusEvent,
  TerminalConfig,
  TerminalDriver,
  TerminalLog,
} from '../../runtime/terminals/driver.js';
import { WebhookHubs } from '../../runtime/terminals/webhook-hubs.js';

export class MemoryLog implements TerminalLog {
  readonly frames: { direction: 'out' | 'in'; text: string }[] = [];
  readonly infos: string[] = [];
  readonly warnings: string[] = [];
  /** Every entry in order, as `<terminal> <out|in|info|warn> <text>`. */
  readonly lines: string[] = [];

  frame(direction: 'out' | 'in', terminal: string, text: string): void {
    this.frames.push({ direction, text });
    this.lines.push(`${terminal} ${direction} ${text}`);
  }
  info(terminal: string, message: string): void {
    this.infos.push(message);
    this.lines.push(`${terminal} info ${message}`);
  }
  warn(terminal: string, message: string): void {
    this.warnings.push(message);
    this.lines.push(`${terminal} warn ${message}`);
  }
  /** Every logged line, to search for things that must never be logged. */
  get everything(): string {
    return this.lines.join('\n');
  }
}

/** A driver's dependencies as a host gives them: this log, and webhook hubs of its own unless `webhooks`. */
export function driverDeps(log: TerminalLog = new MemoryLog(), webhooks = new WebhookHubs()): DriverDeps {
  return { log, webhooks };
}

export function context(signal: AbortSignal = new AbortController().signal): OperationContext & { events: StatusEvent[] } {
  const events: StatusEvent[] = [];
  return { signal, events, onStatus: (event) => events.push(event) };
}

/** A simulator and a driver pointed at it, with the log the driver writes to. */
export interface DriverRig<Sim extends TerminalSimulator, Log extends MemoryLog = MemoryLog> {
  sim: Sim;
  driver: TerminalDriver;
  log: Log;
  close(): Promise<void>;
}

/** Starts the simulator, then a driver configured for it by `configFor`, logging into `log`. */
export async function startDriverRig<Sim extends TerminalSimulator, Log extends MemoryLog>(
  startSimulator: () => Promise<Sim>,
  createDriver: DriverFactory,
  configFor: (sim: Sim) => TerminalConfig,
  log: Log,
): Promise<DriverRig<Sim, Log>> {
  const sim = await startSimulator();
  const driver = createDriver(configFor(sim), driverDeps(log));
  return {
    sim,
    driver,
    log,
    close: async () => {
      await driver.close();
      await sim.close();
    },
  };
}

/** A row of the shared cents table: the amount, the neutral outcome and reason, the protocol's own code. */
type UnbookedCents = [amountMinor: number, outcome: string, reason: string, code: string];

/**
 * Pays each row's amount through the rig's driver (`rig` is read when the test runs, after the
 * suite started it): the outcome, reason and code, nothing booked by the bank, the sale sent once.
 */
export function testUnbookedCents(
  rows: UnbookedCents[],
  rig: () => DriverRig<TerminalSimulator>,
  sale: (amountMinor: number) => FinancialRequest,
): void {
  test.each(rows)('cents %i → %s / %s (code %s), nothing booked, sent once', async (amount, outcome, reason, code) => {
    const r = rig();
    const before = r.sim.bookings().length;
    const result = await r.driver.pay(sale(amount), context());
    expect(result).toMatchObject({ outcome, reason, responseCode: code });
    expect(r.sim.bookings()).toHaveLength(before);
    expect(r.sim.received().filter((q) => q.operation === 'sale' && q.amountMinor === amount)).toHaveLength(1);
  });
}
