// The protocols the conformance suite runs against: one line each, naming the driver factory, the
// simulator factory and what the protocol can do.
import { createCsobDriver } from '../../runtime/drivers/csob/index.js';
import { startCsobSimulator } from '../../runtime/simulators/csob/index.js';
import { NETS_CONFORMANCE_TARGET } from '../drivers/nets/conformance-target.js';
import { createGpeDriver } from '../../runtime/drivers/gpe/index.js';
import { startGpeSimulator } from '../../runtime/simulators/gpe/index.js';
import { createPosxmlDriver } from '../../runtime/drivers/posxml/index.js';
import { startPosxmlSimulator } from '../../runtime/simulators/posxml/index.js';
import type { DriverFactory } from '../../runtime/terminals/driver.js';
import type { SimulatorFactory } from '../../runtime/simulators/terminal-simulator.js';
import { VIVA_CLOUD_TERMINAL_TARGET, VIVA_ORDERS_TARGET } from '../drivers/viva/conformance-targets.js';

export interface ConformanceTarget {
  protocol: string;
  driver: DriverFactory;
  simulator: SimulatorFactory;
  /** Whether the protocol carries cashback; where it does not, the driver must refuse and send nothing. */
  cashback: boolean;
  /**
   * Whether the close-totals answer carries totals per currency. Where it carries only a printed
   * report (NETS Connect@Cloud), the report is the result's merchant receipt instead.
   */
  closeTotals?: 'totals' | 'report';
  /** Terminal options the driver needs against its simulator. */
  options?: Record<string, unknown>;
  /**
   * False where the terminal cannot see its register leave (Viva's cloud): an orphaned flow then
   * runs on until the next register stops it, and may end approved first whatever `orphanedFlow` says.
   */
  seesRegisterLeave?: false;
}

export const TARGETS: readonly ConformanceTarget[] = [
  { protocol: 'csob', driver: createCsobDriver, simulator: startCsobSimulator, cashback: true },
  VIVA_ORDERS_TARGET,
  VIVA_CLOUD_TERMINAL_TARGET,
  NETS_CONFORMANCE_TARGET,
  // GPE totals carry no currency: they are the terminal's default one, which the suite pays in.
  { protocol: 'gpe', driver: createGpeDriver, simulator: startGpeSimulator, cashback: true, options: { defaultCurrency: 'EUR' } },
  { protocol: 'posxml', driver: createPosxmlDriver, simulator: startPosxmlSimulator, cashback: false },
];
