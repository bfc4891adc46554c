// A simulated terminal of the protocol registry with the short timers its protocol names for short
// card flows: what the conformance suite, the soak and the bench drive.
import type { ProtocolEntry, SimulatedTerminal } from '../protocols.js';
import type { SimulatorFactory, TerminalSimulator } from './terminal-simulator.js';

export interface QuickTerminal {
  protocol: string;
  /** The integration style, where the protocol has several. */
  style?: string;
  entry: ProtocolEntry;
  /** Starts a simulator with the protocol's quick simulator options under the caller's. */
  start: SimulatorFactory;
  /** The driver options that reach this running simulator, with the quick timers. */
  driverOptions(simulator: TerminalSimulator): Record<string, unknown>;
}

/** The terminal defaults to the protocol's first simulated one. */
export async function loadQuickTerminal(
  entry: ProtocolEntry,
  terminal: SimulatedTerminal = entry.simulated[0]!,
): Promise<QuickTerminal> {
  const kit = await entry.loadSimulator();
  return {
    protocol: entry.name,
    style: terminal.style,
    entry,
    start: (options) => kit.start({ ...entry.quick.simulatorOptions, ...options }),
    driverOptions: (simulator) => ({ ...kit.driverOptions(simulator, terminal.style), ...entry.quick.driverOptions }),
  };
}
