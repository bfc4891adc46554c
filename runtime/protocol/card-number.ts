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

const CARD_DIGITS = { min: 13, max: 19 };

/**
 * Masks every card number in free text (receipt lines, log renderings). Only digit runs that pass
 * the Luhn check are taken for card numbers — every issued PAN does — so timestamps and ids in
 * frames stay readable.
 */
export function maskCardNumbersInText(text: string): string {
  // One pass over the characters: every log line is masked, and almost none holds a run of digit
  // groups ("4111 1111 1111 1111", "Qty 1 4111…", joined by single spaces or dashes) long
  // enough for a card number, so those lines are returned as they are, without a copy.
  let masked = '';
  let copiedUpTo = 0;
  let i = 0;
  while (i < text.length) {
    if (!isDigit(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    let digits = 0;
    let groups = 0;
    for (;;) {
      groups++;
      while (i < text.length && isDigit(text.charCodeAt(i))) {
        digits++;
        i++;
      }
      const separator = text.charCodeAt(i);
      if ((separator === 0x20 || separator === 0x2d) && isDigit(text.charCodeAt(i + 1))) i++;
      else break;
    }
    // A card number starts and ends at group edges: a lone group longer than any card number (a
    // frame header's counters and times) holds none.
    if (digits < CARD_DIGITS.min || (groups === 1 && digits > CARD_DIGITS.max)) continue;
    masked += text.slice(copiedUpTo, start) + maskInGroups(text.slice(start, i));
    copiedUpTo = i;
  }
  return copiedUpTo === 0 ? text : masked + text.slice(copiedUpTo);
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/**
 * A card number starts and ends at group edges, but other digits may share its groups' run
 * ("12 4111 1111 1111 1111"), so from each group the longest Luhn-valid stretch is masked.
 */
function maskInGroups(run: string): string {
  const groups = [...run.matchAll(/\d+/g)].map((match) => ({ start: match.index, end: match.index + match[0].length }));
  let masked = '';
  let copiedUpTo = 0;
  for (let first = 0; first < groups.length; first++) {
    let last: number | undefined;
    let digits = '';
    for (let next = first; next < groups.length && digits.length <= CARD_DIGITS.max; next++) {
      digits += run.slice(groups[next]!.start, groups[next]!.end);
      if (digits.length >= CARD_DIGITS.min && digits.length <= CARD_DIGITS.max && passesLuhn(digits)) last = next;
    }
    if (last === undefined) continue;
    const start = groups[first]!.start;
    masked += run.slice(copiedUpTo, start) + maskCardNumber(run.slice(start, groups[last]!.end));
    copiedUpTo = groups[last]!.end;
    first = last;
  }
  return masked + run.slice(copiedUpTo);
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
