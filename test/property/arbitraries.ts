// Generators the property tests share: byte streams cut into reads, and card numbers.
import fc from 'fast-check';

/** A value, its bytes on the wire, and those bytes cut into reads as a socket may deliver them. */
export interface Chunked<T> {
  value: T;
  bytes: Buffer;
  chunks: Buffer[];
}

/** More reads of one stream would only make the run slow, not the property stronger. */
const EVERY_BYTE_UP_TO = 4096;

/** Cuts the bytes of each generated value at random places, or into reads of one size (1 byte up). */
export function chunked<T>(values: fc.Arbitrary<T>, toBytes: (value: T) => Buffer): fc.Arbitrary<Chunked<T>> {
  return values.chain((value) => {
    const bytes = toBytes(value);
    const cutsAnywhere = fc.uniqueArray(fc.integer({ min: 1, max: Math.max(1, bytes.length - 1) }), { maxLength: 24 });
    // Reads of one size, as a slow link delivers them: at most EVERY_BYTE_UP_TO of them.
    const evenReads = fc
      .integer({ min: Math.max(1, Math.ceil(bytes.length / EVERY_BYTE_UP_TO)), max: Math.max(1, bytes.length) })
      .map((size) => [...Array(Math.ceil(bytes.length / size)).keys()].map((index) => (index + 1) * size));
    return fc.oneof(cutsAnywhere, evenReads).map((cuts) => ({
      value,
      bytes,
      chunks: cut(bytes, cuts),
    }));
  });
}

function cut(bytes: Buffer, cuts: number[]): Buffer[] {
  const edges = [0, ...cuts.filter((at) => at < bytes.length).sort((a, b) => a - b), bytes.length];
  return edges.slice(1).map((end, index) => bytes.subarray(edges[index], end));
}

export const concat = (parts: readonly Uint8Array[]): Buffer => Buffer.concat(parts);

/** A card number of 13–19 digits that passes the Luhn check, as every issued card number does. */
export const luhnCardNumber: fc.Arbitrary<string> = fc
  .string({ unit: fc.constantFrom(...'0123456789'), minLength: 12, maxLength: 18 })
  .map((body) => body + luhnCheckDigit(body));

/** Luhn doubling of a digit, by table: 7 → 14 → 1 + 4 = 5. */
const DOUBLED = [0, 2, 4, 6, 8, 1, 3, 5, 7, 9];

function luhnCheckDigit(body: string): string {
  const sum = [...body]
    .reverse()
    .reduce((total, digit, index) => total + (index % 2 === 0 ? DOUBLED[Number(digit)]! : Number(digit)), 0);
  return String((10 - (sum % 10)) % 10);
}
