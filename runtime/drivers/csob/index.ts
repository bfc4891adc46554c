// ČSOB B-protocol driver (csob-b.md): the factory the terminal registry calls.
import type { DriverFactory } from '../../terminals/driver.js';
import { CsobDriver } from './driver.js';
import { parseCsobOptions } from './options.js';

/** @throws Error listing every invalid setting, each naming its option, at configuration time. */
export const createCsobDriver: DriverFactory = (config, deps) => {
  const options = parseCsobOptions(config);
  if (!options.ok) throw new Error(`terminal ${config.id} (csob): ${options.error.join('; ')}`);
  return new CsobDriver(config, options.value, deps);
};

export { CSOB_PROTOCOL } from './driver.js';
export { CSOB_OPTION_DEFAULTS, parseCsobOptions, type CsobOptions } from './options.js';
export { CSOB_RESPONSE_CODES, KNOWN_CSOB_RESPONSE_CODES, classifyResponseCode } from './response-codes.js';
