// GPE (Global Payments Europe) ECR driver (gpe.md): the letter-field family driver with the GPE
// profile, and the factory the terminal registry calls.
import type { DriverFactory } from '../../terminals/driver.js';
import { LetterFieldDriver } from '../letter-field/driver.js';
import { parseTerminalOptions } from '../options-schema.js';
import { gpeOptionsSchema } from './options.js';
import { GPE_PROFILE } from './profile.js';

/** @throws Error listing every invalid setting, each naming its option, at configuration time. */
export const createGpeDriver: DriverFactory = (config, deps) => {
  const { customerLanguage, invoiceNumber, defaultCurrency, ...session } = parseTerminalOptions(gpeOptionsSchema, config);
  return new LetterFieldDriver(
    config,
    {
      profile: GPE_PROFILE,
      session,
      sendVariableSymbol: invoiceNumber === 'variable-symbol',
      ...(customerLanguage !== undefined && { customerLanguage }),
      totalsCurrency: defaultCurrency,
    },
    deps,
  );
};

export { gpeOptionsSchema, type GpeOptions, type InvoiceNumberSource } from './options.js';
export { GPE_PROFILE } from './profile.js';
export { GPE_RESPONSE_CODES, KNOWN_GPE_RESPONSE_CODES } from './response-codes.js';
