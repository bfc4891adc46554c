// Decimal amounts exist only at the script surface; everything below works in integer minor units.
// Parsing goes through the decimal text, never through float arithmetic, so 0.1 + 0.2 is refused
// instead of silently becoming 0.30 (a cash desk must charge exactly what the document says).
import type { Currency } from './currency.js';

/** The largest amount a terminal accepts in one transaction, in major units: 99 999 999.99. */
const MAX_MAJOR_DIGITS = 8;

export class AmountError extends Error {}

/**
 * Converts a script's amount (number or decimal string, `.` or `,` as separator) into minor
 * units of `currency`. Throws AmountError with a message that says what is wrong.
 */
export function toMinorUnits(value: unknown, currency: Currency, name = 'amount'): number {
  const text = amountText(value, name);
  const match = /^(\d+)(?:[.,](\d+))?$/.exec(text);
  if (!match) throw new AmountError(`${name} must be a decimal number such as 100.50, got ${describe(value)}`);
  const [, whole, fraction = ''] = match;
  if (fraction.length > currency.exponent) {
    throw new AmountError(
      `${name} ${text} has more decimals than ${currency.alpha} allows (${currency.exponent}); round it first`,
    );
  }
  const wholeDigits = whole.replace(/^0+(?=\d)/, '');
  if (wholeDigits.length > MAX_MAJOR_DIGITS) {
    throw new AmountError(`${name} ${text} is over the limit of 99 999 999.99`);
  }
  const minor = Number(wholeDigits + fraction.padEnd(currency.exponent, '0'));
  if (minor <= 0) throw new AmountError(`${name} must be greater than zero, got ${text}`);
  return minor;
}

/** Minor units of an amount a provider sends in major units (Viva's 42.1 → 4210), nearest to its binary fraction. */
export function minorUnitsOfMajor(major: number, exponent: number): number {
  return Math.round(major * 10 ** exponent);
}

/** Formats minor units as a decimal string in major units (`10050`, CZK → `100.50`). */
export function formatMinorUnits(minor: number, exponent: number): string {
  if (exponent === 0) return String(minor);
  const digits = String(Math.abs(minor)).padStart(exponent + 1, '0');
  const sign = minor < 0 ? '-' : '';
  return `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

function amountText(value: unknown, name: string): string {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new AmountError(`${name} must be a finite number, got ${describe(value)}`);
    if (value <= 0) throw new AmountError(`${name} must be greater than zero, got ${value}`);
    // String(1e21) is exponent notation: such numbers are far beyond the limit anyway.
    const text = String(value);
    if (/e/i.test(text)) throw new AmountError(`${name} ${text} is over the limit of 99 999 999.99 or too small`);
    return text;
  }
  if (typeof value === 'string') return value.trim();
  throw new AmountError(`${name} must be a number or a decimal string, got ${describe(value)}`);
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined) return 'nothing';
  // An object's own toString is the script's code, and may not even be a function.
  if (typeof value === 'object' && value !== null) return Array.isArray(value) ? 'an array' : 'an object';
  return String(value);
}
