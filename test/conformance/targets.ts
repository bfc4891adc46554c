// The protocols the conformance suite runs against: every simulated terminal of the protocol
// registry (runtime/protocols.ts), each integration style its own target, with the short timers
// its protocol names. A protocol joins by its registry entry.
import { PROTOCOL_REGISTRY } from '../../runtime/protocols.js';
import { loadQuickTerminal, type QuickTerminal } from '../../runtime/simulators/quick-terminal.js';
import type { TerminalSimulator } from '../../runtime/simulators/terminal-simulator.js';

/** The suite pays in EUR: GPE totals carry no currency, they are the terminal's default one. */
const SUITE_OPTIONS: Readonly<Record<string, Record<string, unknown>>> = { gpe: { defaultCurrency: 'EUR' } };

export interface ConformanceTarget extends QuickTerminal {
  /** The driver options against this running simulator, the suite's own included. */
  options(simulator: TerminalSimulator): Record<string, unknown>;
}

export const TARGETS: readonly ConformanceTarget[] = await Promise.all(
  PROTOCOL_REGISTRY.flatMap((entry) =>
    entry.simulated.map(async (terminal) => {
      const quick = await loadQuickTerminal(entry, terminal);
      return { ...quick, options: (simulator) => ({ ...quick.driverOptions(simulator), ...SUITE_OPTIONS[entry.name] }) };
    }),
  ),
);
