// Shared set-up for the ČSOB tests: a simulator on a free port, a driver pointed at it, an
// in-memory session log and an operation context that records status events.
import type {
  Currency,
  DriverDeps,
  OperationContext,
  StatusEvent,
  TerminalConfig,
  TerminalDriver,
  TerminalLog,
} from '../../../runtime/terminals/driver.js';
import { createCsobDriver } from '../../../runtime/drivers/csob/index.js';
import { type CsobSimulator, type CsobSimulatorOptions, startCsobSimulator } from '../../../runtime/simulators/csob/index.js';

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

export interface Rig {
  sim: CsobSimulator;
  driver: TerminalDriver;
  log: MemoryLog;
  close(): Promise<void>;
}

export async function rig(simOptions: CsobSimulatorOptions = {}, config: Partial<TerminalConfig> = {}): Promise<Rig> {
  const sim = await startCsobSimulator(simOptions);
  const log = new MemoryLog();
  const deps: DriverDeps = { log };
  const driver = createCsobDriver(terminalConfig(sim, config), deps);
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

let counter = 0;
export function sale(amountMinor: number, variableSymbol = String(10_000 + ++counter)) {
  return { reference: `ref-${variableSymbol}`, amountMinor, currency: CZK, variableSymbol };
}
