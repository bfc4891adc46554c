// Set-up for the GPE tests: a GPE simulator on a free loopback port and a GPE driver pointed at
// it. The rig, session log, contexts and sale requests are the family's, shared with the ČSOB tests.
import type { TerminalConfig } from '../../../runtime/terminals/driver.js';
import { createGpeDriver } from '../../../runtime/drivers/gpe/index.js';
import { type GpeSimulator, type GpeSimulatorOptions, startGpeSimulator } from '../../../runtime/simulators/gpe/index.js';
import { type MemoryLog, type Rig, rigFor, terminalConfig } from '../csob/harness.js';

export { CZK, MemoryLog, approvedSale, context, sale } from '../csob/harness.js';

export type GpeRig = Rig<GpeSimulator>;

export function gpeConfig(sim: { host: string; port: number }, overrides: Partial<TerminalConfig> = {}): TerminalConfig {
  return terminalConfig(sim, { protocol: 'gpe', ...overrides });
}

export function gpeRig(simOptions: GpeSimulatorOptions = {}, config: Partial<TerminalConfig> = {}): Promise<GpeRig> {
  return rigFor(() => startGpeSimulator(simOptions), createGpeDriver, { protocol: 'gpe', ...config });
}

/** The frames the driver sent, as the session log renders them. */
export function sentFrames(log: MemoryLog): string[] {
  return log.frames.filter((f) => f.direction === 'out').map((f) => f.text);
}
