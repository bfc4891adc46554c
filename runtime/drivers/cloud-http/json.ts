// JSON as the payment clouds write it: ids such as Viva's 16-digit order codes are bare numbers
// that can exceed 2^53, which JSON.parse silently rounds. Here an integer that a double cannot hold
// exactly is kept as its text (a string of digits); every other number is an ordinary number.
import { isInteger, isSafeNumber, LosslessNumber, parse, stringify } from 'lossless-json';

/** Parses JSON text like JSON.parse (and throws like it), keeping unsafe integers as digit strings. */
export function parseJson(text: string): unknown {
  return parse(text, null, (digits) => (isInteger(digits) && !isSafeNumber(digits) ? digits : Number(digits)));
}

/** A number written to JSON exactly as these digits: how a cloud (or its simulator) sends a long id. */
export function jsonNumber(digits: string): unknown {
  return new LosslessNumber(digits);
}

/** JSON text in which `jsonNumber` values appear as bare numbers. */
export function stringifyJson(value: unknown): string {
  const text = stringify(value);
  if (text === undefined) throw new TypeError('value cannot be written as JSON');
  return text;
}
