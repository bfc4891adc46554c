// Receipt text the simulated terminal prints, cut into receipt pages so the register must ask for
// the next page while the more-follows marker says one follows (csob-b.md, "Fields"). Both family
// banks serve Czech desks, so the receipts are Czech; only the heading names the bank.
import type { ReceiptLine } from '../../drivers/letter-field/messages.js';

/** Print attributes (inferred: the notes say only that a line's first character is one). */
const NORMAL = '0';
const BOLD = '1';

export const LINES_PER_PAGE = 4;

export interface ReceiptFacts {
  /** The first, bold line: which terminal printed it. */
  heading: string;
  title: string;
  terminalId: string;
  amountMinor?: number;
  currencyNumeric?: string;
  maskedCardNumber?: string;
  authorizationCode?: string;
  variableSymbol?: string;
  responseText: string;
}

export function receiptLines(facts: ReceiptFacts, copy: 'merchant' | 'customer'): ReceiptLine[] {
  const line = (text: string, attribute = NORMAL): ReceiptLine => ({ attribute, text });
  return [
    line(facts.heading, BOLD),
    line(copy === 'merchant' ? 'Kopie pro obchodníka' : 'Kopie pro zákazníka'),
    line(`Terminál: ${facts.terminalId}`),
    line(facts.title, BOLD),
    ...(facts.amountMinor !== undefined
      ? [line(`Částka: ${formatAmount(facts.amountMinor)} ${facts.currencyNumeric ?? ''}`)]
      : []),
    ...(facts.maskedCardNumber ? [line(`Karta: ${facts.maskedCardNumber}`)] : []),
    ...(facts.authorizationCode ? [line(`Autorizační kód: ${facts.authorizationCode}`)] : []),
    ...(facts.variableSymbol ? [line(`Var. symbol: ${facts.variableSymbol}`)] : []),
    line(facts.responseText),
    line('Děkujeme za nákup'),
  ];
}

export function pages(lines: readonly ReceiptLine[]): ReceiptLine[][] {
  const result: ReceiptLine[][] = [];
  for (let start = 0; start < lines.length; start += LINES_PER_PAGE) result.push(lines.slice(start, start + LINES_PER_PAGE));
  return result;
}

function formatAmount(minor: number): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  return `${sign}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
}
