// Card numbers never leave a driver in full, nor reach a file or a screen: not in results,
// receipts nor logs (PCI DSS allows at most the first six and last four digits to be shown).
// Drivers mask the card field they know; the session log masks free text at its one door.

/**
 * Masks a card number to first 6 / last 4 at most. Numbers shorter than 13 keep only the last
 * four, and four or fewer characters are hidden completely, so something is always masked.
 * Characters the terminal already masked stay masked; separators (spaces, dashes) are dropped.
 */
export function maskCardNumber(pan: string): string {
  const chars = pan.replace(/[\s-]/g, '');
  const shownHead = chars.length >= 13 ? 6 : 0;
  const shownTail = chars.length > 4 ? 4 : 0;
  return [...chars].map((char, index) => (index < shownHead || index >= chars.length - shownTail ? char : '*')).join('');
}

// 13–19 digits, optionally grouped by single spaces or dashes, not inside a longer digit run.
const CANDIDATE = /(?<!\d)\d(?:[ -]?\d){12,18}(?!\d)/g;

/**
 * Masks every card number in free text (receipt lines, log renderings). Only digit runs that pass
 * the Luhn check are taken for card numbers — every issued PAN does — so timestamps and ids in
 * frames stay readable.
 */
export function maskCardNumbersInText(text: string): string {
  return text.replace(CANDIDATE, (run) => (passesLuhn(run.replace(/\D/g, '')) ? maskCardNumber(run) : run));
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
