// GPE driver settings: the family's session options plus what GPE's public fields ask of the
// register (gpe.md): the customer's language, whether the invoice number carries the document's
// variable symbol, and the currency the terminal's currency-less totals are reported in.
import currencyCodes from 'currency-codes';
import type { TerminalConfig } from '../../terminals/driver.js';
import { type Result, err, ok } from '../../protocol/result.js';
import { type OptionSpecs, SESSION_OPTION_DEFAULTS, type SessionOptions, parseOptions } from '../letter-field/options.js';
import { GPE_PROFILE } from './profile.js';

/** `variable-symbol`: the document's variable symbol travels as the invoice number; `none`: no invoice number. */
export type InvoiceNumberSource = 'variable-symbol' | 'none';

export interface GpeOptions extends SessionOptions {
  /** ISO 639-1 language of the customer's screens and receipt; absent = the terminal's own. */
  customerLanguage: string | undefined;
  invoiceNumber: InvoiceNumberSource;
  /** ISO 4217 alphabetic code of the terminal's default currency: GPE totals sum every amount without one. */
  defaultCurrency: string;
}

type GpeExtras = Pick<GpeOptions, 'customerLanguage' | 'invoiceNumber' | 'defaultCurrency'>;

const INVOICE_NUMBER_SOURCES: readonly InvoiceNumberSource[] = ['variable-symbol', 'none'];

const GPE_EXTRAS: OptionSpecs<GpeExtras> = {
  customerLanguage: {
    default: undefined,
    parse: (value) =>
      typeof value === 'string' && /^[a-z]{2}$/.test(value)
        ? ok(value)
        : err(`must be an ISO 639-1 code of two lower-case letters (cs, en, de…), got ${JSON.stringify(value)}`),
  },
  invoiceNumber: {
    default: 'variable-symbol',
    parse: (value) =>
      INVOICE_NUMBER_SOURCES.includes(value as InvoiceNumberSource)
        ? ok(value as InvoiceNumberSource)
        : err(`must be ${INVOICE_NUMBER_SOURCES.map((s) => JSON.stringify(s)).join(' or ')}, got ${JSON.stringify(value)}`),
  },
  defaultCurrency: {
    default: 'CZK',
    parse: (value) =>
      typeof value === 'string' && currencyCodes.code(value) !== undefined
        ? ok(value)
        : err(`must be an ISO 4217 alphabetic currency code (CZK, EUR…), got ${JSON.stringify(value)}`),
  },
};

export const GPE_OPTION_DEFAULTS = {
  ...SESSION_OPTION_DEFAULTS,
  invoiceNumber: GPE_EXTRAS.invoiceNumber.default,
  defaultCurrency: GPE_EXTRAS.defaultCurrency.default,
} as const;

export function parseGpeOptions(config: TerminalConfig): Result<GpeOptions, string[]> {
  return parseOptions(config, GPE_PROFILE, GPE_EXTRAS);
}
