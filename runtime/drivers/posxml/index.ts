// Ingenico PoSXML driver (posxml.md): the factory the terminal registry calls.
import type { DriverFactory } from '../../terminals/driver.js';
import { PosxmlDriver } from './driver.js';
import { parsePosxmlOptions } from './options.js';

/** @throws Error listing every invalid setting, each naming its option, at configuration time. */
export const createPosxmlDriver: DriverFactory = (config, deps) => {
  const options = parsePosxmlOptions(config);
  if (!options.ok) throw new Error(`terminal ${config.id} (posxml): ${options.error.join('; ')}`);
  return new PosxmlDriver(config, options.value, deps);
};

export { POSXML_PROTOCOL } from './driver.js';
export { POSXML_DEFAULT_PORT, POSXML_OPTION_DEFAULTS, parsePosxmlOptions, type PosxmlOptions } from './options.js';
export { HOST_ANSWERS, KNOWN_POSXML_RESPONSE_CODES, POSXML_RETURN_CODES } from './response-codes.js';
