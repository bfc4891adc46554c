// ISO 4217 lookups for the script surface: scripts may name a currency by its alphabetic or
// numeric code; terminals want the numeric one and the exponent decides the minor unit.
import currencyCodes from 'currency-codes';

export interface Currency {
  /** ISO 4217 alphabetic code, e.g. `CZK`. */
  alpha: string;
  /** ISO 4217 numeric code as three digits, e.g. `203`. */
  numeric: string;
  /** Number of decimals of the minor unit (2 for CZK, 0 for JPY). */
  exponent: number;
}

/** Resolves `CZK`, `czk`, `203` or 203 to a known ISO 4217 currency; undefined when unknown. */
export function lookupCurrency(code: string | number): Currency | undefined {
  const text = String(code).trim();
  const record = /^\d{1,3}$/.test(text) ? currencyCodes.number(text.padStart(3, '0')) : currencyCodes.code(text.toUpperCase());
  // Precious metals, bond units, the testing code and "no currency" (XAU, XTS, XXX…) are listed
  // under pseudo-countries named "Zz…"; no card is charged in them.
  if (!record || record.countries.every((c) => c.startsWith('Zz'))) return undefined;
  return { alpha: record.code, numeric: record.number.padStart(3, '0'), exponent: record.digits };
}

/** Decimals of a currency's minor unit; 2, the most common, when the code is absent or unknown. */
export function exponentOf(code: string | undefined): number {
  return (code === undefined ? undefined : lookupCurrency(code)?.exponent) ?? 2;
}

/** Resolves an ISO 4217 numeric code as a terminal reports it to the alphabetic one. */
export function alphaOfNumeric(numeric: string): string | undefined {
  return lookupCurrency(numeric)?.alpha;
}
