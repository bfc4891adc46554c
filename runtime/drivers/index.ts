// The protocols this build speaks. A new protocol is one line here plus its config enum entry.
import type { DriverFactory } from '../terminals/driver.js';
import { createCsobDriver } from './csob/index.js';
import { createGpeDriver } from './gpe/index.js';
import { createNetsDriver } from './nets/index.js';
import { createPosxmlDriver } from './posxml/index.js';
import { createVivaDriver } from './viva/index.js';

export const DRIVER_FACTORIES: Readonly<Record<string, DriverFactory>> = {
  csob: createCsobDriver,
  gpe: createGpeDriver,
  posxml: createPosxmlDriver,
  nets: createNetsDriver,
  viva: createVivaDriver,
};
