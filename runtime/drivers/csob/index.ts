// ČSOB B-protocol driver (csob-b.md): the letter-field family driver with the ČSOB profile, and
// the factory the terminal registry calls.
import type { DriverFactory } from '../../terminals/driver.js';
import { LetterFieldDriver } from '../letter-field/driver.js';
import { parseTerminalOptions } from '../options-schema.js';
import { csobOptionsSchema } from './options.js';
import { CSOB_PROFILE, withCashbackField } from './profile.js';

/** @throws Error listing every invalid setting, each naming its option, at configuration time. */
export const createCsobDriver: DriverFactory = (config, deps) => {
  const { cashbackFieldId, ...session } = parseTerminalOptions(csobOptionsSchema, config);
  return new LetterFieldDriver(
    config,
    { profile: withCashbackField(CSOB_PROFILE, cashbackFieldId), session, sendVariableSymbol: true },
    deps,
  );
};

export { csobOptionsSchema, type CsobOptions } from './options.js';
export { CSOB_PROFILE } from './profile.js';
export { CSOB_RESPONSE_CODES, KNOWN_CSOB_RESPONSE_CODES } from './response-codes.js';
