// A readable, single-line rendering of a frame for the session log: control characters become
// <STX>, <FS>…, and card numbers are masked before the text leaves the driver.
import { maskCardNumber, maskCardNumbersInText } from '../../protocol/card-number.js';
import { FS, GS } from './letter-fields.js';

const CONTROL_NAMES: Record<number, string> = {
  0x02: 'STX',
  0x03: 'ETX',
  0x1c: 'FS',
  0x1d: 'GS',
  0x0a: 'LF',
  0x0d: 'CR',
};

/**
 * @param text the frame decoded one character per byte
 * @param cardFieldIds letter fields (or sub-fields) whose value is a card number
 */
export function renderFrame(text: string, cardFieldIds: readonly string[]): string {
  let masked = maskCardNumbersInText(text);
  for (const id of cardFieldIds) {
    masked = masked.replace(cardField(id), (_all, prefix: string, value: string) => prefix + maskCardNumber(value));
  }
  return masked.replace(/[\x00-\x1f\x7f]/g, (char) => CONTROL_SHOWN[char]!);
}

/** Each control character as the log shows it, made once. */
const CONTROL_SHOWN: Record<string, string> = Object.fromEntries(
  [...Array.from({ length: 0x20 }, (_, code) => code), 0x7f].map((code) => [
    String.fromCharCode(code),
    `<${CONTROL_NAMES[code] ?? `0x${code.toString(16).padStart(2, '0')}`}>`,
  ]),
);

/** Every frame of the session log is rendered: the field's pattern is built once. */
const cardFields = new Map<string, RegExp>();

function cardField(id: string): RegExp {
  let field = cardFields.get(id);
  if (!field) {
    field = new RegExp(`([${FS}${GS}]${escapeRegExp(id)})([^${FS}${GS}\\x03]*)`, 'g');
    cardFields.set(id, field);
  }
  return field;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
}
