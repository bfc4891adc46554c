// The simulators the soak drives, through the protocol-neutral simulator contract. A protocol
// joins the soak with one line here once its simulator implements TerminalSimulator.
import { startCsobSimulator } from '../simulators/csob/index.js';
import type { SimulatorFactory } from '../simulators/terminal-simulator.js';

export interface SoakTarget {
  protocol: string;
  start: SimulatorFactory;
  /** Driver options for the soak's short timers (config `terminals[].options`). */
  driverOptions: Record<string, unknown>;
}

export const SOAK_TARGETS: readonly SoakTarget[] = [
  {
    protocol: 'csob',
    start: startCsobSimulator,
    driverOptions: { ackTimeoutMs: 1500, infoTimeoutMs: 1500, passivateTimeoutMs: 1500, connectTimeoutMs: 1000, reconnectAttempts: 5, reconnectDelayMs: 100 },
  },
];
