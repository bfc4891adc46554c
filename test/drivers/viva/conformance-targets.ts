// Viva's two integration styles in the conformance suite, against one simulator each. The
// simulator's credentials travel as the targets' options; orders returns go through the cloud
// terminal API (drivers/viva/options.ts), hence both credential pairs for the orders style.
import { createVivaDriver } from '../../../runtime/drivers/viva/index.js';
import { VIVA_SIMULATOR_CREDENTIALS as SIM, startVivaSimulator } from '../../../runtime/simulators/viva/index.js';
import type { ConformanceTarget } from '../../conformance/targets.js';

/** Polls close together so the suite's 0.8 s result timeout leaves room for a retry. */
const CLOUD = { clientId: SIM.clientId, clientSecret: SIM.clientSecret, pollIntervalMs: 100 };

export const VIVA_ORDERS_TARGET: ConformanceTarget = {
  protocol: 'viva',
  driver: createVivaDriver,
  simulator: startVivaSimulator,
  cashback: false,
  seesRegisterLeave: false,
  options: { style: 'orders', merchantId: SIM.merchantId, apiKey: SIM.apiKey, ...CLOUD },
};

export const VIVA_CLOUD_TERMINAL_TARGET: ConformanceTarget = {
  protocol: 'viva',
  driver: createVivaDriver,
  simulator: startVivaSimulator,
  cashback: false,
  seesRegisterLeave: false,
  options: { style: 'cloud-terminal', ...CLOUD },
};
