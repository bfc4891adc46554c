// One driver against one simulator over real TCP, with an in-memory log, for the conformance suite.
import { expect } from 'vitest';
import type { DriverExpectation } from '../../runtime/simulators/scenarios.js';
import type { Currency, FinancialRequest, TerminalDriver, TransactionResult } from '../../runtime/terminals/driver.js';
import type { SimulatorStartOptions, TerminalSimulator } from '../../runtime/simulators/terminal-simulator.js';
import type { ConformanceTarget } from './targets.js';
import { context, driverDeps, MemoryLog } from '../support/driver-test-kit.js';

export { context, MemoryLog };

export const EUR: Currency = { alpha: 'EUR', numeric: '978', exponent: 2 };

export interface Rig {
  simulator: TerminalSimulator;
  driver: TerminalDriver;
  log: MemoryLog;
  close(): Promise<void>;
}

/** The result timeout used by the suite: long enough for a loaded CI machine, short enough for a terminal that never answers. */
export const RESULT_TIMEOUT_SECONDS = 0.8;

export interface RigSetup {
  /** Where the driver connects instead of the simulator's port (nothing listening there). */
  port?: number;
  /** The simulator's start options beyond its address: a forced outcome, what it does with orphaned flows. */
  simulator?: Omit<SimulatorStartOptions, 'host' | 'port'>;
  timeoutSeconds?: number;
}

export async function startRig(target: ConformanceTarget, setup: RigSetup = {}): Promise<Rig> {
  const simulator = await target.start({ delayMs: 0, ...setup.simulator, host: '127.0.0.1', port: 0 });
  const log = new MemoryLog();
  const driver = (await target.entry.loadDriver())(
    {
      id: `conf-${target.protocol}`,
      protocol: target.protocol,
      host: simulator.host,
      port: setup.port ?? simulator.port,
      terminalId: simulator.terminalId,
      timeoutSeconds: setup.timeoutSeconds ?? RESULT_TIMEOUT_SECONDS,
      options: target.options(simulator),
    },
    driverDeps(log),
  );
  return {
    simulator,
    driver,
    log,
    async close() {
      await driver.close();
      await simulator.close();
    },
  };
}

let sequence = 0;
/** A request with its own variable symbol and reference, so every test's transaction is distinguishable. */
export function request(amountMinor: number): FinancialRequest {
  sequence += 1;
  return { reference: `conf-${Date.now()}-${sequence}`, amountMinor, currency: EUR, variableSymbol: String(700000 + sequence) };
}

/** What the driver said, what the bank booked and what the terminal received agree with a scenario's expectation. */
export function expectScenario(rig: Rig, result: TransactionResult, amountMinor: number, expected: DriverExpectation): void {
  expect({ outcome: result.outcome, reason: result.reason }).toEqual({ outcome: expected.outcome, reason: expected.reason });
  const booked = rig.simulator.bookings().filter((b) => b.operation === 'sale' && b.amountMinor === amountMinor);
  expect(booked).toHaveLength(expected.charged ? 1 : 0);
  // Whatever happened, the payment was sent exactly once: recovery looks up, never re-sends.
  const sent = rig.simulator.received().filter((r) => r.operation === 'sale' && r.amountMinor === amountMinor);
  expect(sent).toHaveLength(1);
}
