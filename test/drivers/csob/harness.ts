// Shared set-up for the ČSOB tests (and the GPE tests, same family): a simulator on a free port, a driver pointed at it, an
// in-memory session log and an operation context that records status events.
import type { Currency, DriverDeps, DriverFactory, TerminalConfig, TerminalDriver } from '../../../runtime/terminals/driver.js';
import { createCsobDriver } from '../../../runtime/drivers/csob/index.js';
import { type CsobSimulator, type CsobSimulatorOptions, startCsobSimulator } from '../../../runtime/simulators/csob/index.js';
import type { TerminalSimulator } from '../../../runtime/simulators/terminal-simulator.js';
import { context, MemoryLog } from '../../support/driver-test-kit.js';

export { context, MemoryLog };

export const CZK: Currency = { alpha: 'CZK', numeric: '203', exponent: 2 };


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

export interface Rig<Sim extends TerminalSimulator = CsobSimulator> {
  sim: Sim;
  driver: TerminalDriver;
  log: MemoryLog;
  close(): Promise<void>;
}

/** A simulator, and a driver of `createDriver` pointed at it with an in-memory log. */
export async function rigFor<Sim extends TerminalSimulator>(
  startSimulator: () => Promise<Sim>,
  createDriver: DriverFactory,
  config: Partial<TerminalConfig>,
): Promise<Rig<Sim>> {
  const sim = await startSimulator();
  const log = new MemoryLog();
  const deps: DriverDeps = { log };
  const driver = createDriver(terminalConfig(sim, config), deps);
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

export function rig(simOptions: CsobSimulatorOptions = {}, config: Partial<TerminalConfig> = {}): Promise<Rig> {
  return rigFor(() => startCsobSimulator(simOptions), createCsobDriver, config);
}

let counter = 0;
export function sale(amountMinor: number, variableSymbol = String(10_000 + ++counter)) {
  return { reference: `ref-${variableSymbol}`, amountMinor, currency: CZK, variableSymbol };
}
