// Card numbers never reach a file or a screen in full (PCI DSS 3.3/3.4: at most the first six and
// last four digits may be shown).

/** Masks one card number, keeping at most the first 6 and last 4 digits. */
export function maskPan(pan: string): string {
  const digits = pan.replace(/\D/g, '');
  if (digits.length < 10) return '*'.repeat(digits.length);
  return digits.slice(0, 6) + '*'.repeat(digits.length - 10) + digits.slice(-4);
}

// 13–19 digits, optionally grouped by single spaces or dashes, not inside a longer digit run.
const CANDIDATE = /(?<!\d)\d(?:[ -]?\d){12,18}(?!\d)/g;

/**
 * Masks every card number in free text. Only digit runs that pass the Luhn check are taken for
 * card numbers — every issued PAN does — so timestamps and ids in frames stay readable.
 */
export function maskCardNumbers(text: string): string {
  return text.replace(CANDIDATE, (run) => (luhnValid(run.replace(/\D/g, '')) ? maskPan(run) : run));
}

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}
