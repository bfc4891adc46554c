// GPE driver settings: the family's session options plus what GPE's public fields ask of the
// register (gpe.md): the customer's language, whether the invoice number carries the document's
// variable symbol, and the currency the terminal's currency-less totals are reported in.
import { z } from 'zod';
import { lookupCurrency } from '../../money/currency.js';
import { letterFieldOptionsSchema } from '../letter-field/options.js';
import { GPE_PROFILE } from './profile.js';

export const gpeOptionsSchema = letterFieldOptionsSchema(GPE_PROFILE, {
  /** ISO 639-1 language of the customer's screens and receipt; absent = the terminal's own. */
  customerLanguage: z
    .string()
    .regex(/^[a-z]{2}$/, 'must be an ISO 639-1 code of two lower-case letters (cs, en, de…)')
    .optional(),
  /** `variable-symbol`: the document's variable symbol travels as the invoice number; `none`: no invoice number. */
  invoiceNumber: z.enum(['variable-symbol', 'none']).default('variable-symbol'),
  /** ISO 4217 alphabetic code of the terminal's default currency: GPE totals sum every amount without one. */
  defaultCurrency: z
    .string()
    .refine((code) => lookupCurrency(code)?.alpha === code, 'must be an ISO 4217 alphabetic currency code (CZK, EUR…)')
    .default('CZK'),
});

export type GpeOptions = z.output<typeof gpeOptionsSchema>;
export type InvoiceNumberSource = GpeOptions['invoiceNumber'];
