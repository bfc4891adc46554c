import { describe, expect, it } from 'vitest';
import { maskCardNumber, maskCardNumbersInText } from '../../runtime/protocol/card-number.js';

describe('card number masking', () => {
  it('keeps at most the first six and last four digits', () => {
    expect(maskCardNumber('4111111111111111')).toBe('411111******1111');
    expect(maskCardNumber('5500 0000 0000 0004')).toBe('550000******0004');
  });

  it('masks every Luhn-valid card number in free text', () => {
    const text = 'card 4111111111111111 and 5500-0000-0000-0004, amex 378282246310005';
    const masked = maskCardNumbersInText(text);
    expect(masked).not.toMatch(/4111111111111111|5500-0000-0000-0004|378282246310005/);
    expect(masked).toContain('411111******1111');
    expect(masked).toContain('378282*****0005');
  });

  it('masks a card number that follows other digits with a single space or dash', () => {
    // Found by the frame-rendering property: "0 0000 0000 0000 0006 007" kept its card number,
    // because the digit run tried first ("0 0000 0000 0000 0006") failed the Luhn check.
    expect(maskCardNumbersInText('qty 12 4111 1111 1111 1111')).toBe('qty 12 411111******1111');
    expect(maskCardNumbersInText('7 4111 1111 1111 1111')).toBe('7 411111******1111');
    expect(maskCardNumbersInText('exp 12-27 5500-0000-0000-0004 ok')).toBe('exp 12-27 550000******0004 ok');
  });

  it('leaves timestamps, amounts and ids that are not card numbers alone', () => {
    const frame = 'B2 01 TERM0001 261123162000 8000 0017 <FS>B10000<FS>S2024001234';
    expect(maskCardNumbersInText(frame)).toBe(frame);
    expect(maskCardNumbersInText('2611231620008000')).toBe('2611231620008000');
  });
});
