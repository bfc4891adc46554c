// Shared set-up for the PoSXML tests: a simulator on a free loopback port, a driver pointed at it,
// an in-memory session log and an operation context that records status events.
import type { Currency, TerminalConfig } from '../../../runtime/terminals/driver.js';
import { createPosxmlDriver } from '../../../runtime/drivers/posxml/index.js';
import {
  type PosxmlSimulator,
  type PosxmlSimulatorOptions,
  startPosxmlSimulator,
} from '../../../runtime/simulators/posxml/index.js';
import { MemoryLog as BaseMemoryLog } from '../../support/driver-test-kit.js';
import { context, type DriverRig, startDriverRig } from '../../support/driver-test-kit.js';

export { context };

export const EUR: Currency = { alpha: 'EUR', numeric: '978', exponent: 2 };

/** The shared memory log plus the PoSXML message types it saw go out. */
export class MemoryLog extends BaseMemoryLog {
  /** The message types sent, in order (`TransactionRequest`, …). */
  get sent(): string[] {
    return this.frames.filter((f) => f.direction === 'out').map((f) => /<PosXML[^>]*><(\w+)/.exec(f.text)?.[1] ?? '?');
  }
}

export function terminalConfig(sim: { host: string; port: number }, overrides: Partial<TerminalConfig> = {}): TerminalConfig {
  return {
    id: 'desk-1',
    protocol: 'posxml',
    host: sim.host,
    port: sim.port,
    terminalId: 'SIMPX001',
    timeoutSeconds: 5,
    options: {},
    ...overrides,
  };
}

export type Rig = DriverRig<PosxmlSimulator, MemoryLog>;

export function rig(simOptions: PosxmlSimulatorOptions = {}, config: Partial<TerminalConfig> = {}): Promise<Rig> {
  return startDriverRig(
    () => startPosxmlSimulator({ host: '127.0.0.1', ...simOptions }),
    createPosxmlDriver,
    (sim) => terminalConfig(sim, config),
    new MemoryLog(),
  );
}

let counter = 0;
export function sale(amountMinor: number, reference = `ref-${++counter}`) {
  return { reference, amountMinor, currency: EUR };
}
