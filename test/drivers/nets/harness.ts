// A NETS cloud simulator on 127.0.0.1 and a driver pointed at it, with the conformance rig's
// in-memory log and recording context, so each test reads like the notes' flows.
import { createNetsDriver } from '../../../runtime/drivers/nets/index.js';
import {
  NETS_SIMULATOR_ACCOUNT,
  type NetsSimulator,
  type NetsSimulatorOptions,
  startNetsSimulator,
} from '../../../runtime/simulators/nets/index.js';
import type { TerminalConfig, TerminalDriver } from '../../../runtime/terminals/driver.js';
import { MemoryLog } from '../../conformance/rig.js';
import { NETS_TEST_LOOKUP_LAG_MS, NETS_TEST_TIMING } from './quick-timing.js';
import { driverDeps } from '../../support/driver-test-kit.js';

export { EUR, MemoryLog, context, request } from '../../conformance/rig.js';

export interface NetsRig {
  sim: NetsSimulator;
  driver: TerminalDriver;
  log: MemoryLog;
  /** Another driver for the same terminal, as a restarted host makes it: it remembers nothing. */
  restartedDriver(): TerminalDriver;
  /** The calls the simulator saw, as `METHOD path status`. */
  calls(): string[];
  close(): Promise<void>;
}

export async function netsRig(
  simOptions: Partial<NetsSimulatorOptions> = {},
  config: Partial<TerminalConfig> = {},
  driverOptions: Record<string, unknown> = {},
): Promise<NetsRig> {
  const sim = await startNetsSimulator({
    host: '127.0.0.1',
    port: 0,
    delayMs: 0,
    lookupLagMs: NETS_TEST_LOOKUP_LAG_MS,
    ...simOptions,
  });
  const log = new MemoryLog();
  const newDriver = () =>
    createNetsDriver(
      {
        id: 'desk-1',
        protocol: 'nets',
        host: sim.host,
        port: sim.port,
        terminalId: sim.terminalId,
        timeoutSeconds: 1,
        ...config,
        options: { ...NETS_SIMULATOR_ACCOUNT, ...NETS_TEST_TIMING, ...driverOptions },
      },
      driverDeps(log),
    );
  const driver = newDriver();
  return {
    sim,
    driver,
    log,
    restartedDriver: newDriver,
    calls: () => sim.calls().map((c) => `${c.method} ${c.path} ${c.status}`),
    async close() {
      await driver.close();
      await sim.close();
    },
  };
}

/** How many times the last result was looked up. */
export function lookups(rig: NetsRig): number {
  return rig.calls().filter((c) => c.startsWith('GET /v1/terminal/NETS0001/transaction')).length;
}

/** How many transaction requests (payments, cashback, refunds) reached the cloud. */
export function transactionPosts(rig: NetsRig): number {
  return rig.calls().filter((c) => c.startsWith('POST /v1/terminal/NETS0001/transaction')).length;
}
