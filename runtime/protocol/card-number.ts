// Card numbers never leave a driver in full: not in results, receipts nor logs (PCI DSS allows
// at most the first six and last four digits to be shown).

/**
 * Masks a card number to first 6 / last 4 at most. Numbers shorter than 13 keep only the last
 * four, and four or fewer characters are hidden completely, so something is always masked.
 * Characters the terminal already masked stay masked.
 */
export function maskCardNumber(pan: string): string {
  const shownHead = pan.length >= 13 ? 6 : 0;
  const shownTail = pan.length > 4 ? 4 : 0;
  return [...pan]
    .map((char, index) => (index < shownHead || index >= pan.length - shownTail ? char : '*'))
    .join('');
}

/** Masks every Luhn-valid run of 13–19 digits in free text (receipt lines, log renderings). */
export function maskCardNumbersInText(text: string): string {
  return text.replace(/(?<!\d)\d{13,19}(?!\d)/g, (digits) =>
    passesLuhn(digits) ? maskCardNumber(digits) : digits,
  );
}

function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}
