// Shared set-up for the ČSOB tests (and the GPE tests, same family): a simulator on a free port, a driver pointed at it, an
// in-memory session log and an operation context that records status events.
import type {
  Currency,
  DriverDeps,
  DriverFactory,
  OperationContext,
  StatusEvent,
  TerminalConfig,
  TerminalDriver,
  TerminalLog,
} from '../../../runtime/terminals/driver.js';
import { createCsobDriver } from '../../../runtime/drivers/csob/index.js';
import { type CsobSimulator, type CsobSimulatorOptions, startCsobSimulator } from '../../../runtime/simulators/csob/index.js';
import type { TerminalSimulator } from '../../../runtime/simulators/terminal-simulator.js';

export const CZK: Currency = { alpha: 'CZK', numeric: '203', exponent: 2 };

export class MemoryLog implements TerminalLog {
  readonly frames: { direction: 'out' | 'in'; text: string }[] = [];
  readonly infos: string[] = [];
  readonly warnings: string[] = [];
  frame(direction: 'out' | 'in', _terminal: string, text: string): void {
    this.frames.push({ direction, text });
  }
  info(_terminal: string, message: string): void {
    this.infos.push(message);
  }
  warn(_terminal: string, message: string): void {
    this.warnings.push(message);
  }
  /** Every logged line, to search for things that must never be logged. */
  get everything(): string {
    return [...this.frames.map((f) => f.text), ...this.infos, ...this.warnings].join('\n');
  }
}

export function context(signal: AbortSignal = new AbortController().signal): OperationContext & { events: StatusEvent[] } {
  const events: StatusEvent[] = [];
  return { signal, events, onStatus: (event) => events.push(event) };
}

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
