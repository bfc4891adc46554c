// Ingenico PoSXML driver (posxml.md): the factory the terminal registry calls.
import type { DriverFactory } from '../../terminals/driver.js';
import { parseTerminalOptions } from '../options-schema.js';
import { PosxmlDriver } from './driver.js';
import { posxmlOptionsSchema } from './options.js';

/** @throws Error listing every invalid setting, each naming its option, at configuration time. */
export const createPosxmlDriver: DriverFactory = (config, deps) =>
  new PosxmlDriver(config, parseTerminalOptions(posxmlOptionsSchema, config), deps);

export { POSXML_PROTOCOL } from './driver.js';
export { POSXML_DEFAULT_PORT, posxmlOptionsSchema, type PosxmlOptions } from './options.js';
export { HOST_ANSWERS, KNOWN_POSXML_RESPONSE_CODES, POSXML_RETURN_CODES } from './response-codes.js';
