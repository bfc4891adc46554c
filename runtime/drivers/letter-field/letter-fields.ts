// Letter fields: a data area made of `FS <one-letter id> <value>` items, where one field may hold
// `GS <sub-id> <value>` sub-fields (csob-b.md, "Frame"). Shared by the ČSOB and GPE profiles.
import { type Result, err, ok } from '../../protocol/result.js';

export const FS = '\x1c';
export const GS = '\x1d';

export interface LetterField {
  id: string;
  value: string;
}

export function encodeLetterFields(fields: readonly LetterField[], separator = FS): string {
  return fields.map((field) => separator + checkedId(field.id) + checkedValue(field.value)).join('');
}

/** Splits text that is empty or starts with the separator; anything before it is an error. */
export function decodeLetterFields(text: string, separator = FS): Result<LetterField[], string> {
  if (text.length === 0) return ok([]);
  if (text[0] !== separator) return err(`data does not start with a field separator`);
  const fields: LetterField[] = [];
  for (const item of text.slice(1).split(separator)) {
    if (item.length === 0) return err('empty field (two separators in a row)');
    fields.push({ id: item[0]!, value: item.slice(1) });
  }
  return ok(fields);
}

export const encodeSubFields = (fields: readonly LetterField[]): string => encodeLetterFields(fields, GS);
export const decodeSubFields = (text: string): Result<LetterField[], string> => decodeLetterFields(text, GS);

function checkedId(id: string): string {
  if (id.length !== 1 || id === FS || id === GS) throw new RangeError(`invalid field id ${JSON.stringify(id)}`);
  return id;
}

function checkedValue(value: string): string {
  if (value.includes(FS)) throw new RangeError(`field value contains a field separator`);
  return value;
}
