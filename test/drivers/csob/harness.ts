// Shared set-up for the ČSOB tests (and the GPE tests, same family): a simulator on a free port, a driver pointed at it, an
// in-memory session log and an operation context that records status events.
import type { Currency, DriverFactory, TerminalConfig } from '../../../runtime/terminals/driver.js';
import { createCsobDriver } from '../../../runtime/drivers/csob/index.js';
import { type CsobSimulator, type CsobSimulatorOptions, startCsobSimulator } from '../../../runtime/simulators/csob/index.js';
import type { TerminalSimulator } from '../../../runtime/simulators/terminal-simulator.js';
import { context, type DriverRig, MemoryLog, startDriverRig } from '../../support/driver-test-kit.js';

export { context, MemoryLog };

export const CZK: Currency = { alpha: 'CZK', numeric: '203', exponent: 2 };

/** The family session's options when a terminal sets none: the notes' timers, the placeholder checksum. */
export const SESSION_OPTION_DEFAULTS = {
  connectTimeoutMs: 3000,
  ackTimeoutMs: 5000,
  infoTimeoutMs: 5000,
  passivateTimeoutMs: 10_000,
  reconnectAttempts: 3,
  reconnectDelayMs: 500,
  crcCheck: false,
};

export function terminalConfig(sim: { host: string; port: number }, overrides: Partial<TerminalConfig> = {}): TerminalConfig {
  return {
    id: 'desk-1',
    protocol: 'csob',
    host: sim.host,
    port: sim.port,
    terminalId: 'SIM00001',
    timeoutSeconds: 5,
    options: {},
    ...overrides,
  };
}

/** The family simulators' approval of `request` (any cents but the outcome table's), with the profile's code. */
export function approvedSale(request: { amountMinor: number; variableSymbol: string }, responseCode: string) {
  return {
    outcome: 'approved',
    responseCode,
    responseText: 'Schváleno',
    amountMinor: request.amountMinor,
    currencyNumeric: '203',
    variableSymbol: request.variableSymbol,
    maskedCardNumber: '476173******0119',
    terminalId: 'SIM00001',
  };
}

export type Rig<Sim extends TerminalSimulator = CsobSimulator> = DriverRig<Sim>;

/** A simulator, and a driver of `createDriver` pointed at it with an in-memory log. */
export function rigFor<Sim extends TerminalSimulator>(
  startSimulator: () => Promise<Sim>,
  createDriver: DriverFactory,
  config: Partial<TerminalConfig>,
): Promise<Rig<Sim>> {
  return startDriverRig(startSimulator, createDriver, (sim) => terminalConfig(sim, config), new MemoryLog());
}

export function rig(simOptions: CsobSimulatorOptions = {}, config: Partial<TerminalConfig> = {}): Promise<Rig> {
  return rigFor(() => startCsobSimulator(simOptions), createCsobDriver, config);
}

let counter = 0;
export function sale(amountMinor: number, variableSymbol = String(10_000 + ++counter)) {
  return { reference: `ref-${variableSymbol}`, amountMinor, currency: CZK, variableSymbol };
}
