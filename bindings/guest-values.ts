// How script arguments cross into the host. The guest prelude encodes every argument as
// { number: String(v) } / { string: v } / null / { other: typeof v } so that NaN, Infinity and
// the exact digits of a number survive JSON; this module turns them back and checks each one.
import { AmountError, toMinorUnits } from '../runtime/money/amount.js';
import { lookupCurrency } from '../runtime/money/currency.js';
import type { Currency } from '../runtime/terminals/driver.js';
import { ScriptFacingError } from '../runtime/sandbox/index.js';

export type GuestValue = { number: string } | { string: string } | { other: string } | null;

export function decodeGuestValue(value: GuestValue): unknown {
  if (value === null) return undefined;
  if ('number' in value) return Number(value.number);
  if ('string' in value) return value.string;
  return { unsupportedType: value.other };
}

/** A checker of one argument; throws a message that names the client and the argument. */
export class ArgumentReader {
  constructor(
    private readonly client: string,
    private readonly values: unknown[],
  ) {}

  private fail(argument: string, problem: string): never {
    throw new ScriptFacingError(`${this.client}: ${argument} ${problem}`);
  }

  expectCount(min: number, max: number, signature: string): void {
    if (this.values.length < min || this.values.length > max) {
      throw new ScriptFacingError(
        `${this.client} takes ${signature}; got ${this.values.length} argument${this.values.length === 1 ? '' : 's'}`,
      );
    }
  }

  currency(index: number): Currency {
    const value = this.values[index];
    if (typeof value !== 'string' && typeof value !== 'number') {
      this.fail('currency', `must be an ISO 4217 code such as "CZK" or 203, got ${show(value)}`);
    }
    const currency = lookupCurrency(value);
    if (!currency) this.fail('currency', `${show(value)} is not a known ISO 4217 currency`);
    return currency;
  }

  amount(index: number, currency: Currency, argument: string): number {
    try {
      return toMinorUnits(this.values[index], currency, argument);
    } catch (error) {
      if (error instanceof AmountError) throw new ScriptFacingError(`${this.client}: ${error.message}`);
      throw error;
    }
  }

  /** 1–10 digits; optional. A number is accepted when it is a whole number. */
  variableSymbol(index: number): string | undefined {
    const value = this.values[index];
    if (value === undefined || value === '') return undefined;
    const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
    if (typeof text !== 'string' || !/^\d{1,10}$/.test(text)) {
      this.fail('variableSymbol', `must be 1 to 10 digits, got ${show(value)}`);
    }
    return text;
  }

  /**
   * The authorization code of the transaction to reverse: 1–20 letters and digits (6 on most
   * acquirers; NETS reports STAN and authorization code together, 13 characters).
   */
  authorizationCode(index: number): string {
    const value = this.values[index];
    const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
    if (typeof text !== 'string' || !/^[A-Za-z0-9]{1,20}$/.test(text.trim())) {
      this.fail(
        'verificationCode',
        `must be the authorization code of the transaction to reverse (1 to 20 letters or digits), got ${show(value)}`,
      );
    }
    return text.trim();
  }
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'object' && value && 'unsupportedType' in value)
    return `a value of type ${(value as { unsupportedType: string }).unsupportedType}`;
  return String(value);
}
