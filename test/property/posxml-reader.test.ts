// Properties of what the PoSXML driver reads from the terminal's socket: the HTTP/1.0 framing and
// the XML messages inside it. Any split, any garbage, any size must end in a message or a clear
// error, never in a throw or an unbounded buffer.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { type HttpEvent, HttpMessageParser, encodeHttpResponse } from '../../runtime/drivers/posxml/http.js';
import { type TransactionOutcomeResponse, decodeMessage, encodeMessage } from '../../runtime/drivers/posxml/messages.js';
import { chunked, concat } from './arbitraries.js';

const RUNS = { numRuns: 300 };
/** The reader's ceiling for one message's head or body. */
const MAX_MESSAGE_BYTES = 256 * 1024;

function readAll(chunks: readonly Buffer[]): HttpEvent[] {
  const parser = new HttpMessageParser();
  return [...chunks.flatMap((chunk) => parser.push(chunk)), ...parser.end()];
}

/** Any Unicode text XML can carry, multi-byte UTF-8 included, so a read may split a character. */
const bodyText = fc.string({ unit: 'grapheme', maxLength: 120 });

describe('PoSXML HTTP reader', () => {
  test('any split of valid answers yields exactly those bodies', () => {
    fc.assert(
      fc.property(
        chunked(fc.array(bodyText, { minLength: 1, maxLength: 5 }), (bodies) => concat(bodies.map(encodeHttpResponse))),
        ({ value: bodies, chunks }) => {
          const events = readAll(chunks);
          expect(events.map((event) => (event.ok ? event.value.body : event.error))).toEqual(bodies);
          expect(events.every((event) => event.ok && event.value.startLine === 'HTTP/1.0 200 OK')).toBe(true);
        },
      ),
      RUNS,
    );
  });

  test('any bytes, in any split, end in messages and at most one clear error, never a throw', () => {
    const head = fc.constantFrom('HTTP/1.0 200 OK\r\n', 'http/1.0 200 ok\r\n', 'content-length: ', '\r\n\r\n', ': ', '12', '-1');
    const stream = fc.oneof(
      fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
      fc
        .array(
          fc.oneof(
            head.map((text) => Buffer.from(text, 'latin1')),
            bodyText.map(encodeHttpResponse),
            fc.uint8Array({ maxLength: 12 }),
          ),
          { maxLength: 8 },
        )
        .map(concat),
    );
    fc.assert(
      fc.property(
        chunked(stream, (bytes) => bytes),
        ({ bytes, chunks }) => {
          const split = readAll(chunks);
          expect(split).toEqual(readAll([bytes]));
          const errors = split.filter((event) => !event.ok);
          expect(errors.length).toBeLessThanOrEqual(1);
          // The error is the last word: nothing is read after the stream stopped making sense.
          if (errors.length === 1) expect(split.at(-1)).toBe(errors[0]);
          for (const event of errors)
            expect(event.ok || event.error).toMatch(
              /^(not an HTTP message|bad HTTP header line|bad content-length|connection closed inside a message|HTTP header too long|HTTP body)/,
            );
        },
      ),
      RUNS,
    );
  });

  test('an oversize head, declared length or length-less body is refused with a clear error', () => {
    const oversize = fc.integer({ min: MAX_MESSAGE_BYTES + 1, max: MAX_MESSAGE_BYTES + 4096 });
    const cases = fc.oneof(
      oversize.map((size) => ({ bytes: Buffer.alloc(size, 'a'), error: /HTTP header too long/ })),
      fc.oneof(oversize, fc.constant(Number.MAX_SAFE_INTEGER), fc.constant(1e30)).map((length) => ({
        bytes: Buffer.from(`HTTP/1.0 200 OK\r\ncontent-length: ${length}\r\n\r\n<a/>`),
        error: /bad content-length/,
      })),
      oversize.map((size) => ({
        bytes: Buffer.concat([Buffer.from('HTTP/1.0 200 OK\r\n\r\n'), Buffer.alloc(size, 'b')]),
        error: /HTTP body over/,
      })),
    );
    fc.assert(
      fc.property(
        chunked(cases, (c) => c.bytes),
        ({ value, chunks }) => {
          const parser = new HttpMessageParser();
          const events: HttpEvent[] = [];
          for (const chunk of chunks) {
            events.push(...parser.push(chunk));
            // The error comes as soon as the limit is crossed, before the rest is buffered.
            if (events.length > 0) break;
          }
          expect(events).toEqual([{ ok: false, error: expect.stringMatching(value.error) }]);
        },
      ),
      { numRuns: 40 },
    );
  });
});

/** Text a terminal puts in an element: trimmed (the reader trims) and never empty (empty = absent). */
const elementText = fc
  .string({
    unit: fc.oneof(
      fc.constantFrom('&', '<', '>', '"', "'", ' ', '€', 'õ', 'ä', 'Š'),
      fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)),
    ),
    minLength: 1,
    maxLength: 40,
  })
  .map((text) => text.trim())
  .filter((text) => text.length > 0);
const minor = fc.integer({ min: 0, max: 999_999_999_999 });

const transactionResponse: fc.Arbitrary<TransactionOutcomeResponse> = fc.record(
  {
    type: fc.constantFrom(
      'TransactionResponse',
      'ReverseTransactionResponse',
      'RefundTransactionResponse',
      'GetLastTransactionDataResponse',
    ),
    returnCode: fc.integer({ min: 0, max: 65535 }),
    reason: elementText,
    transactionData: fc.record(
      {
        transactionId: elementText,
        amountMinor: minor,
        currencyName: fc.constantFrom('EUR', 'CZK', 'SEK'),
        authorizationNo: elementText,
        stan: elementText,
      },
      { requiredKeys: [] },
    ),
    cardData: fc.record({ pan: elementText, cardName: elementText }, { requiredKeys: [] }),
    merchReceipt: elementText,
    custReceipt: elementText,
  },
  { requiredKeys: ['type', 'returnCode'] },
);

describe('PoSXML messages', () => {
  test('every answer a terminal may send reads back as sent, XML special characters included', () => {
    fc.assert(
      fc.property(transactionResponse, (message) => {
        const xml = encodeMessage(message, '7.2.0');
        expect(decodeMessage(xml, ['7.2.0'])).toEqual({ ok: true, value: { version: '7.2.0', message: dropEmpty(message) } });
      }),
      RUNS,
    );
  });

  test('any text gives a message or an error of a known kind, never a throw', () => {
    const xmlish = fc.oneof(
      fc.string({ maxLength: 200 }),
      transactionResponse.chain((message) =>
        fc
          .tuple(fc.constant(encodeMessage(message, '7.2.0')), fc.nat(), fc.nat(), fc.string({ maxLength: 8 }))
          .map(([xml, at, drop, insert]) => {
            const start = at % (xml.length + 1);
            return xml.slice(0, start) + insert + xml.slice(start + (drop % 10));
          }),
      ),
    );
    fc.assert(
      fc.property(xmlish, (xml) => {
        const decoded = decodeMessage(xml, ['7.2.0']);
        if (!decoded.ok) {
          expect(['syntax', 'envelope', 'version', 'unknown-message', 'field']).toContain(decoded.error.kind);
          expect(decoded.error.detail.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

/** An aggregate without elements is not sent at all, so it cannot come back. */
function dropEmpty(message: TransactionOutcomeResponse): TransactionOutcomeResponse {
  const copy: Record<string, unknown> = { ...message };
  for (const key of ['transactionData', 'cardData'] as const) {
    if (copy[key] !== undefined && Object.keys(copy[key] as object).length === 0) delete copy[key];
  }
  return copy as unknown as TransactionOutcomeResponse;
}
