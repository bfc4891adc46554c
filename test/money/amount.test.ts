import { describe, expect, it } from 'vitest';
import { formatMinorUnits, toMinorUnits } from '../../runtime/money/amount.js';
import { lookupCurrency } from '../../runtime/money/currency.js';

const CZK = lookupCurrency('CZK')!;
const JPY = lookupCurrency('JPY')!;
const KWD = lookupCurrency('KWD')!;

describe('amounts in minor units', () => {
  it('converts numbers and decimal strings exactly', () => {
    expect(toMinorUnits(1250, CZK)).toBe(125000);
    expect(toMinorUnits(100.1, CZK)).toBe(10010);
    expect(toMinorUnits('89.90', CZK)).toBe(8990);
    expect(toMinorUnits('89,9', CZK)).toBe(8990);
    expect(toMinorUnits(' 0.01 ', CZK)).toBe(1);
    expect(toMinorUnits('99999999.99', CZK)).toBe(9999999999);
    expect(toMinorUnits(1500, JPY)).toBe(1500);
    expect(toMinorUnits('1.234', KWD)).toBe(1234);
  });

  it.each([
    [0, 'greater than zero'],
    [-5, 'greater than zero'],
    ['0.00', 'greater than zero'],
    [NaN, 'finite number'],
    [Infinity, 'finite number'],
    [0.1 + 0.2, 'more decimals than CZK allows'],
    ['1.005', 'more decimals than CZK allows'],
    ['100000000', 'over the limit'],
    [1e21, 'over the limit'],
    ['12 Kč', 'decimal number'],
    ['1e3', 'decimal number'],
    [undefined, 'number or a decimal string'],
    // Found by the amounts property: String() of this object threw a TypeError, not an AmountError.
    [{ toString: {} }, 'number or a decimal string, got an object'],
    [[12], 'number or a decimal string, got an array'],
  ])('refuses %s', (value, message) => {
    expect(() => toMinorUnits(value, CZK)).toThrow(message);
  });

  it('refuses decimals for a currency without a minor unit', () => {
    expect(() => toMinorUnits('10.5', JPY)).toThrow('more decimals than JPY allows (0)');
  });

  it('formats minor units back to decimals', () => {
    expect(formatMinorUnits(125000, 2)).toBe('1250.00');
    expect(formatMinorUnits(5, 2)).toBe('0.05');
    expect(formatMinorUnits(1500, 0)).toBe('1500');
    expect(formatMinorUnits(1234, 3)).toBe('1.234');
  });
});

describe('currencies', () => {
  it('resolves alphabetic and numeric ISO 4217 codes', () => {
    expect(lookupCurrency('czk')).toEqual({ alpha: 'CZK', numeric: '203', exponent: 2 });
    expect(lookupCurrency(978)?.alpha).toBe('EUR');
    expect(lookupCurrency('036')?.alpha).toBe('AUD');
  });

  it('refuses unknown codes and codes without a minor unit', () => {
    expect(lookupCurrency('XYZ')).toBeUndefined();
    expect(lookupCurrency('999')).toBeUndefined();
    expect(lookupCurrency('XAU')).toBeUndefined();
  });
});
