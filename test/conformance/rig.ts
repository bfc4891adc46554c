// One driver against one simulator over real TCP, with an in-memory log, for the conformance suite.
import type { Currency, FinancialRequest, TerminalDriver } from '../../runtime/terminals/driver.js';
import type { TerminalSimulator } from '../../runtime/simulators/terminal-simulator.js';
import type { ConformanceTarget } from './targets.js';
import { context, MemoryLog } from '../support/driver-test-kit.js';

export { context, MemoryLog };

export const EUR: Currency = { alpha: 'EUR', numeric: '978', exponent: 2 };

export interface Rig {
  simulator: TerminalSimulator;
  driver: TerminalDriver;
  log: MemoryLog;
  close(): Promise<void>;
}

/** The result timeout used by the suite: long enough for a loaded CI machine, short enough for cents 55. */
export const RESULT_TIMEOUT_SECONDS = 0.8;

export async function startRig(target: ConformanceTarget, port?: number): Promise<Rig> {
  const simulator = await target.simulator({ host: '127.0.0.1', port: 0, delayMs: 0 });
  const log = new MemoryLog();
  const driver = target.driver(
    {
      id: `conf-${target.protocol}`,
      protocol: target.protocol,
      host: simulator.host,
      port: port ?? simulator.port,
      terminalId: simulator.terminalId,
      timeoutSeconds: RESULT_TIMEOUT_SECONDS,
      options: target.options ?? {},
    },
    { log },
  );
  return {
    simulator,
    driver,
    log,
    async close() {
      await driver.close();
      await simulator.close();
    },
  };
}

let sequence = 0;
/** A request with its own variable symbol and reference, so every test's transaction is distinguishable. */
export function request(amountMinor: number): FinancialRequest {
  sequence += 1;
  return { reference: `conf-${Date.now()}-${sequence}`, amountMinor, currency: EUR, variableSymbol: String(700000 + sequence) };
}
