// ISO-8859-2 (Latin-2), the single-byte code page of Czech terminals (csob-b.md, "Transport").
// Node's Buffer has no latin2 encoding. A Node built with full ICU decodes it through TextDecoder;
// a small-ICU build does not, and neither offers an encoder, so the upper half is kept as a table.
// Bytes 0x00–0x9F are identical to their Unicode code points (ASCII and C1 controls).

const UPPER_HALF = '\u00a0Ą˘Ł¤ĽŚ§¨ŠŞŤŹ\u00adŽŻ°ą˛ł´ľśˇ¸šşťź˝žżŔÁÂĂÄĹĆÇČÉĘËĚÍÎĎĐŃŇÓÔŐÖ×ŘŮÚŰÜÝŢßŕáâăäĺćçčéęëěíîďđńňóôőö÷řůúűüýţ˙';

const FIRST_TABLE_BYTE = 0xa0;
/** Written for characters Latin-2 cannot represent, as most terminals print it. */
const REPLACEMENT_BYTE = 0x3f; // '?'

const encodeTable = new Map<string, number>([...UPPER_HALF].map((char, index) => [char, FIRST_TABLE_BYTE + index]));

const icuDecoder = ((): TextDecoder | undefined => {
  try {
    return new TextDecoder('iso-8859-2');
  } catch {
    return undefined; // small-ICU build: fall back to the table
  }
})();

export function decodeLatin2(bytes: Uint8Array): string {
  if (icuDecoder) return icuDecoder.decode(bytes);
  return decodeWithTable(bytes);
}

/** The table path on its own, exported so a test can prove it agrees with ICU. */
export function decodeWithTable(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) {
    text += byte < FIRST_TABLE_BYTE ? String.fromCharCode(byte) : UPPER_HALF[byte - FIRST_TABLE_BYTE];
  }
  return text;
}

export function encodeLatin2(text: string): Buffer {
  const bytes = Buffer.alloc(text.length);
  let length = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    bytes[length++] = code < FIRST_TABLE_BYTE ? code : (encodeTable.get(char) ?? REPLACEMENT_BYTE);
  }
  return bytes.subarray(0, length);
}
