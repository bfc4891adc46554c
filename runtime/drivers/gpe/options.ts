// GPE driver settings: the family's session options plus what GPE's public fields ask of the
// register (gpe.md): the customer's language, whether the invoice number carries the document's
// variable symbol, and the currency the terminal's currency-less totals are reported in.
import * as z from 'zod';
import { lookupCurrency } from '../../money/currency.js';
import { letterFieldOptionsSchema } from '../letter-field/options.js';
import { GPE_PROFILE } from './profile.js';

export const gpeOptionsSchema = letterFieldOptionsSchema(GPE_PROFILE, {
  customerLanguage: z
    .string()
    .regex(/^[a-z]{2}$/, 'must be an ISO 639-1 code of two lower-case letters (cs, en, de…)')
    .optional()
    .describe("Language of the customer's screens and receipt (ISO 639-1: cs, en, de…); empty: the terminal's own."),
  invoiceNumber: z
    .enum(['variable-symbol', 'none'])
    .default('variable-symbol')
    .describe("variable-symbol: the document's variable symbol travels as the invoice number; none: no invoice number."),
  // GPE totals sum every amount that has no currency of its own in this one.
  defaultCurrency: z
    .string()
    .refine((code) => lookupCurrency(code)?.alpha === code, 'must be an ISO 4217 alphabetic currency code (CZK, EUR…)')
    .default('CZK')
    .describe("The terminal's default currency (ISO 4217: CZK, EUR…), in which its totals are reported."),
});

export type GpeOptions = z.output<typeof gpeOptionsSchema>;
export type InvoiceNumberSource = GpeOptions['invoiceNumber'];
