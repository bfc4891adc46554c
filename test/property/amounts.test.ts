// Properties of the script surface's money: every ISO 4217 currency's minor units, decimal text →
// minor units → decimal text, and every kind of bad amount refused with a clear AmountError.
import currencyCodes from 'currency-codes';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { AmountError, formatMinorUnits, minorUnitsOfMajor, toMinorUnits } from '../../runtime/money/amount.js';
import { type Currency, exponentOf, lookupCurrency } from '../../runtime/money/currency.js';

const RUNS = { numRuns: 500 };

/** Every currency a card can be charged in, as the script surface resolves it. */
const CURRENCIES: Currency[] = currencyCodes
  .codes()
  .map((code) => lookupCurrency(code))
  .filter((currency): currency is Currency => currency !== undefined);
const currency = fc.constantFrom(...CURRENCIES);

/** The largest amount in minor units: 99 999 999 and every decimal the currency has. */
const maxMinor = (c: Currency) => 10 ** (8 + c.exponent) - 1;
const amountIn = (c: Currency) => fc.integer({ min: 1, max: maxMinor(c) });
const currencyAndMinor = currency.chain((c) => fc.tuple(fc.constant(c), amountIn(c)));

/** Throws exactly AmountError, naming the argument, or returns. */
function refusal(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(AmountError);
    return (error as Error).message;
  }
}

describe('amounts in minor units', () => {
  test('the currency list is the real one: exponents 0, 2, 3 and 4 all occur', () => {
    expect(new Set(CURRENCIES.map((c) => c.exponent))).toEqual(new Set([0, 2, 3, 4]));
    expect(CURRENCIES.length).toBeGreaterThan(150);
  });

  test('format → parse round-trips in every currency, with a point or a comma', () => {
    fc.assert(
      fc.property(currencyAndMinor, fc.constantFrom('.', ','), ([c, minor], separator) => {
        const text = formatMinorUnits(minor, c.exponent);
        expect(toMinorUnits(text, c)).toBe(minor);
        expect(toMinorUnits(text.replace('.', separator), c)).toBe(minor);
        expect(toMinorUnits(` ${text} `, c)).toBe(minor);
      }),
      RUNS,
    );
  });

  test('a script number that reads as the decimal gives the same minor units', () => {
    fc.assert(
      fc.property(currencyAndMinor, ([c, minor]) => {
        const text = formatMinorUnits(minor, c.exponent);
        // What a script writes as the literal 1250.5 arrives as the double nearest to it.
        expect(toMinorUnits(Number(text), c)).toBe(minor);
      }),
      RUNS,
    );
  });

  test('leading zeros change nothing; one decimal too many is refused', () => {
    fc.assert(
      fc.property(
        currencyAndMinor,
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 1, max: 9 }),
        ([c, minor], zeros, digit) => {
          const text = formatMinorUnits(minor, c.exponent);
          const padded = `${'0'.repeat(zeros)}${text}`;
          expect(toMinorUnits(padded, c)).toBe(minor);
          const tooPrecise = c.exponent === 0 ? `${text}.${digit}` : `${text}${digit}`;
          expect(refusal(() => toMinorUnits(tooPrecise, c))).toMatch(
            new RegExp(`more decimals than ${c.alpha} allows \\(${c.exponent}\\)`),
          );
        },
      ),
      RUNS,
    );
  });

  test('zero, negative, non-finite, exponent notation and over-the-limit amounts are refused by name', () => {
    const bad = fc.oneof(
      fc.constantFrom(
        0,
        -0,
        NaN,
        Infinity,
        -Infinity,
        '0',
        '0.00',
        '',
        ' ',
        '-',
        '.',
        ',5',
        '5.',
        '1e3',
        '1E-2',
        '0x10',
        '+5',
        '1_000',
        '1 000',
      ),
      fc.double({ noNaN: true, max: 0 }),
      fc.double({ min: 1e21, noDefaultInfinity: true }),
      fc.integer({ min: 1, max: 1e6 }).map((n) => -n),
      fc.bigInt({ min: 10n ** 8n, max: 10n ** 40n }).map((n) => n.toString()),
      fc.bigInt({ min: 10n ** 8n, max: 10n ** 20n }).map((n) => Number(n)),
      fc.tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: -30, max: 30 })).map(([m, e]) => `${m}e${e}`),
    );
    fc.assert(
      fc.property(bad, currency, (value, c) => {
        const message = refusal(() => toMinorUnits(value, c, 'cashbackAmount'));
        expect(message).toMatch(/^cashbackAmount /);
      }),
      { numRuns: 1000 },
    );
  });

  test('anything else a script may pass is refused with AmountError or gives minor units that format back to it', () => {
    const anything = fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.stringMatching(/^\s?[0-9]{1,12}([.,][0-9]{0,5})?\s?$/),
      fc.double(),
      fc.anything(),
    );
    fc.assert(
      fc.property(anything, currency, (value, c) => {
        let minor: number | undefined;
        const message = refusal(() => (minor = toMinorUnits(value, c)));
        if (message !== undefined) return;
        expect(Number.isSafeInteger(minor)).toBe(true);
        expect(minor).toBeGreaterThan(0);
        expect(minor).toBeLessThanOrEqual(maxMinor(c));
        // The value meant exactly these minor units: it reads back the same after formatting.
        expect(toMinorUnits(formatMinorUnits(minor!, c.exponent), c)).toBe(minor);
        expect(Number(formatMinorUnits(minor!, c.exponent))).toBe(Number(String(value).trim().replace(',', '.')));
      }),
      { numRuns: 1000 },
    );
  });

  test('a provider’s amount in major units, as its JSON number, gives back the exact minor units', () => {
    fc.assert(
      fc.property(currencyAndMinor, ([c, minor]) => {
        const major = JSON.parse(formatMinorUnits(minor, c.exponent)) as number;
        expect(minorUnitsOfMajor(major, exponentOf(c.numeric))).toBe(minor);
        expect(minorUnitsOfMajor(-major, c.exponent)).toBe(-minor);
      }),
      RUNS,
    );
  });

  test('negative minor units format with one sign', () => {
    fc.assert(
      fc.property(currencyAndMinor, ([c, minor]) => {
        expect(formatMinorUnits(-minor, c.exponent)).toBe(`-${formatMinorUnits(minor, c.exponent)}`);
      }),
      RUNS,
    );
  });
});

describe('currencies', () => {
  test('alphabetic and numeric codes, in any case and zero padding, resolve to the same currency', () => {
    fc.assert(
      fc.property(currency, fc.boolean(), (c, lowerCase) => {
        expect(lookupCurrency(lowerCase ? c.alpha.toLowerCase() : c.alpha)).toEqual(c);
        expect(lookupCurrency(c.numeric)).toEqual(c);
        expect(lookupCurrency(Number(c.numeric))).toEqual(c);
        expect(c.numeric).toMatch(/^\d{3}$/);
      }),
      RUNS,
    );
  });

  test('a code nobody knows has the common two decimals', () => {
    fc.assert(
      fc.property(fc.option(fc.string({ maxLength: 5 }), { nil: undefined }), (code) => {
        expect(exponentOf(code)).toBe(code === undefined ? 2 : (lookupCurrency(code)?.exponent ?? 2));
      }),
      RUNS,
    );
  });

  test('codes outside ISO 4217 resolve to nothing, never throw', () => {
    const known = new Set(CURRENCIES.flatMap((c) => [c.alpha, c.numeric]));
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 6 }), fc.integer({ min: -1000, max: 100_000 })), (code) => {
        const found = lookupCurrency(code);
        if (found) expect(known.has(found.alpha) && known.has(found.numeric)).toBe(true);
        else expect(known.has(String(code).trim().toUpperCase()) && !/^\d+$/.test(String(code).trim())).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });
});
