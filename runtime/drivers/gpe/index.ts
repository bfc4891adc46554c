// GPE (Global Payments Europe) ECR driver (gpe.md): the letter-field family driver with the GPE
// profile, and the factory the terminal registry calls.
import type { DriverFactory } from '../../terminals/driver.js';
import { mapOk } from '../../protocol/result.js';
import { createLetterFieldDriver } from '../letter-field/driver.js';
import { parseGpeOptions } from './options.js';
import { GPE_PROFILE } from './profile.js';

export const GPE_PROTOCOL = GPE_PROFILE.protocol;

/** @throws Error listing every invalid setting, each naming its option, at configuration time. */
export const createGpeDriver: DriverFactory = (config, deps) => {
  const settings = mapOk(parseGpeOptions(config), ({ customerLanguage, invoiceNumber, defaultCurrency, ...session }) => ({
    profile: GPE_PROFILE,
    session,
    sendVariableSymbol: invoiceNumber === 'variable-symbol',
    ...(customerLanguage !== undefined && { customerLanguage }),
    totalsCurrency: defaultCurrency,
  }));
  return createLetterFieldDriver(config, deps, settings);
};

export { GPE_OPTION_DEFAULTS, parseGpeOptions, type GpeOptions, type InvoiceNumberSource } from './options.js';
export { GPE_PROFILE } from './profile.js';
export { GPE_RESPONSE_CODES, KNOWN_GPE_RESPONSE_CODES } from './response-codes.js';
