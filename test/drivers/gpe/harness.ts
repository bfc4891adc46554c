// Set-up for the GPE tests: a GPE simulator on a free loopback port and a GPE driver pointed at
// it. The session log, contexts and sale requests are the family's, shared with the ČSOB tests.
import type { TerminalConfig, TerminalDriver } from '../../../runtime/terminals/driver.js';
import { createGpeDriver } from '../../../runtime/drivers/gpe/index.js';
import { type GpeSimulator, type GpeSimulatorOptions, startGpeSimulator } from '../../../runtime/simulators/gpe/index.js';
import { MemoryLog, terminalConfig } from '../csob/harness.js';

export { CZK, MemoryLog, context, sale } from '../csob/harness.js';

export interface GpeRig {
  sim: GpeSimulator;
  driver: TerminalDriver;
  log: MemoryLog;
  close(): Promise<void>;
}

export function gpeConfig(sim: { host: string; port: number }, overrides: Partial<TerminalConfig> = {}): TerminalConfig {
  return terminalConfig(sim, { protocol: 'gpe', ...overrides });
}

export async function gpeRig(simOptions: GpeSimulatorOptions = {}, config: Partial<TerminalConfig> = {}): Promise<GpeRig> {
  const sim = await startGpeSimulator(simOptions);
  const log = new MemoryLog();
  const driver = createGpeDriver(gpeConfig(sim, config), { log });
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

/** The frames the driver sent, as the session log renders them. */
export function sentFrames(log: MemoryLog): string[] {
  return log.frames.filter((f) => f.direction === 'out').map((f) => f.text);
}
