// The simulators the soak drives, through the protocol-neutral simulator contract. A protocol
// joins the soak with one line here once its simulator implements TerminalSimulator.
import { startCsobSimulator } from '../simulators/csob/index.js';
import { startGpeSimulator } from '../simulators/gpe/index.js';
import { NETS_SIMULATOR_ACCOUNT, startNetsSimulator } from '../simulators/nets/index.js';
import { startPosxmlSimulator } from '../simulators/posxml/index.js';
import type { SimulatorFactory } from '../simulators/terminal-simulator.js';
import { startVivaSimulator, VIVA_SIMULATOR_CREDENTIALS } from '../simulators/viva/index.js';

/** The letter-field family's session timers, shortened like the soak's card flows. */
const LETTER_FIELD_TIMERS = {
  ackTimeoutMs: 1500,
  infoTimeoutMs: 1500,
  passivateTimeoutMs: 1500,
  connectTimeoutMs: 1000,
  reconnectAttempts: 5,
  reconnectDelayMs: 100,
};

export interface SoakTarget {
  protocol: string;
  start: SimulatorFactory;
  /** Driver options for the soak's short timers (config `terminals[].options`). */
  driverOptions: Record<string, unknown>;
}

export const SOAK_TARGETS: readonly SoakTarget[] = [
  { protocol: 'csob', start: startCsobSimulator, driverOptions: LETTER_FIELD_TIMERS },
  { protocol: 'gpe', start: startGpeSimulator, driverOptions: LETTER_FIELD_TIMERS },
  {
    protocol: 'posxml',
    start: startPosxmlSimulator,
    driverOptions: { connectTimeoutMs: 1000, infoTimeoutMs: 1500, lookupDelayMs: 100 },
  },
  {
    protocol: 'nets',
    // The simulated cloud answers a lookup after 100 ms; the driver waits a little longer.
    start: (options) => startNetsSimulator({ ...options, lookupLagMs: 100 }),
    driverOptions: { ...NETS_SIMULATOR_ACCOUNT, lookupDelayMs: 150, abortGraceMs: 1000, busyRetryDelayMs: 100 },
  },
  {
    protocol: 'viva',
    start: startVivaSimulator,
    driverOptions: { style: 'orders', ...VIVA_SIMULATOR_CREDENTIALS, pollIntervalMs: 100 },
  },
];
