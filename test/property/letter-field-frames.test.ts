// Properties of the letter-field framing core (ČSOB and GPE share it): the bytes come from a
// terminal on a TCP socket, so any split, any garbage and any truncation must be survivable.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { CSOB_FRAME, CSOB_PROFILE } from '../../runtime/drivers/csob/profile.js';
import { GPE_PROFILE } from '../../runtime/drivers/gpe/profile.js';
import { type TransactionResponse, decodeMessage, encodeMessage } from '../../runtime/drivers/letter-field/messages.js';
import type { LetterFieldProfile } from '../../runtime/drivers/letter-field/profile.js';
import {
  type BatchTotals,
  type TotalsLine,
  decodeBatchTotals,
  decodeTotalsLines,
  encodeBatchTotals,
  encodeTotalsLines,
} from '../../runtime/drivers/letter-field/totals.js';
import { type FrameEvent, FrameParser } from '../../runtime/drivers/letter-field/frame-parser.js';
import { headerWidth } from '../../runtime/drivers/letter-field/frame-profile.js';
import { renderFrame } from '../../runtime/drivers/letter-field/frame-render.js';
import { serializeFrame } from '../../runtime/drivers/letter-field/frame-serializer.js';
import { decodeLatin2, encodeLatin2 } from '../../runtime/drivers/letter-field/iso-8859-2.js';
import { FS, GS, decodeLetterFields, encodeLetterFields } from '../../runtime/drivers/letter-field/letter-fields.js';
import { chunked, concat, luhnCardNumber } from './arbitraries.js';

const RUNS = { numRuns: 300 };

const digits = (length: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: length, maxLength: length });
const hex4 = fc.string({ unit: fc.constantFrom(...'0123456789ABCDEF'), minLength: 4, maxLength: 4 });

/** Header values of a ČSOB frame, each already at its full width so it comes back unchanged. */
const header = fc.record({
  type: fc.constantFrom('B0', 'B1', 'B2', 'B3', 'B4'),
  version: digits(2),
  terminalId: fc.string({
    unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
    minLength: 8,
    maxLength: 8,
  }),
  dateTime: digits(12),
  flags: hex4,
});

/** Any data area: STX and ETX bytes inside it are data, the length field says where it ends. */
const data = fc.uint8Array({ maxLength: 200 });

const sentFrame = fc.record({ header, data, computeCrc: fc.boolean() }).map(({ header, data, computeCrc }) => ({
  header,
  data: Buffer.from(data),
  computeCrc,
  bytes: serializeFrame(CSOB_FRAME, header, data, { computeCrc }),
}));

function parseAll(chunks: readonly Uint8Array[], crcCheck = false): FrameEvent[] {
  const parser = new FrameParser(CSOB_FRAME, { crcCheck });
  return [...chunks.flatMap((chunk) => parser.push(chunk)), ...parser.end()];
}

/**
 * What a stream means: its frames, and between them how many bytes were skipped. A read boundary
 * may split one report of skipped bytes into two (garbage that arrived in two reads, or a broken
 * frame whose tail came later), so consecutive reports count as one.
 */
function meaning(events: FrameEvent[]): (Buffer | { skipped: number })[] {
  const result: (Buffer | { skipped: number })[] = [];
  for (const event of events) {
    const last = result.at(-1);
    if (event.ok) result.push(event.value.bytes);
    else if (last && !Buffer.isBuffer(last)) last.skipped += event.error.bytes.length;
    else result.push({ skipped: event.error.bytes.length });
  }
  return result;
}

const eventBytes = (event: FrameEvent): Buffer => (event.ok ? event.value.bytes : event.error.bytes);

describe('frame parser', () => {
  test('any split of valid frames yields exactly those frames, in order', () => {
    fc.assert(
      fc.property(
        chunked(fc.array(sentFrame, { minLength: 1, maxLength: 6 }), (frames) => concat(frames.map((f) => f.bytes))),
        ({ value: frames, chunks }) => {
          const events = parseAll(
            chunks,
            frames.every((f) => f.computeCrc),
          );
          expect(events.every((event) => event.ok)).toBe(true);
          expect(events.map((event) => event.ok && event.value.data)).toEqual(frames.map((f) => f.data));
          expect(events.map((event) => event.ok && event.value.bytes)).toEqual(frames.map((f) => f.bytes));
          for (const [index, event] of events.entries()) {
            expect(event.ok && event.value.header).toMatchObject(frames[index]!.header);
          }
        },
      ),
      RUNS,
    );
  });

  test('any byte stream, in any split, never throws, loses no byte and parses as it does in one read', () => {
    const stream = fc.oneof(
      fc.uint8Array({ maxLength: 400 }),
      // Mostly frames and pieces of frames, where the interesting states are.
      fc
        .array(
          fc.oneof(
            sentFrame.map((f) => f.bytes),
            sentFrame.chain((f) => fc.integer({ min: 0, max: f.bytes.length - 1 }).map((cut) => f.bytes.subarray(0, cut))),
            fc.uint8Array({ maxLength: 20 }),
          ),
          { maxLength: 6 },
        )
        .map(concat),
    );
    fc.assert(
      fc.property(
        chunked(stream, (bytes) => Buffer.from(bytes)),
        fc.boolean(),
        ({ value, chunks }, crcCheck) => {
          const whole = parseAll([value], crcCheck);
          const split = parseAll(chunks, crcCheck);
          expect(meaning(split)).toEqual(meaning(whole));
          // Every byte read is in exactly one event, in order: nothing invented, nothing dropped.
          expect(Buffer.concat(split.map(eventBytes))).toEqual(Buffer.from(value));
        },
      ),
      RUNS,
    );
  });

  test('frames survive garbage without STX between them and a frame cut short inside its header', () => {
    const noStx = fc
      .uint8Array({ minLength: 1, maxLength: 30 })
      .map((bytes) => Buffer.from(bytes.filter((b) => b !== CSOB_FRAME.stx)));
    // A header cut short is followed by the next frame: the STX where the header goes on is what
    // tells the parser the first frame was broken.
    const cutThenFrame = fc
      .tuple(sentFrame, sentFrame, fc.integer({ min: 1, max: headerWidth(CSOB_FRAME) }))
      .map(([broken, next, cut]) => ({
        sent: [next.bytes],
        bytes: concat([broken.bytes.subarray(0, cut), next.bytes]),
      }));
    const piece = fc.oneof(
      sentFrame.map((f) => ({ sent: [f.bytes], bytes: f.bytes })),
      noStx.map((bytes) => ({ sent: [] as Buffer[], bytes })),
      cutThenFrame,
    );
    fc.assert(
      fc.property(
        chunked(fc.array(piece, { maxLength: 8 }), (pieces) => concat(pieces.map((p) => p.bytes))),
        ({ value: pieces, chunks }) => {
          const frames = parseAll(chunks).flatMap((event) => (event.ok ? [event.value.bytes] : []));
          expect(frames).toEqual(pieces.flatMap((p) => p.sent));
        },
      ),
      RUNS,
    );
  });

  test('a changed data byte never passes the checksum check', () => {
    const mutated = sentFrame.chain((f) =>
      fc.record({
        frame: fc.constant(serializeFrame(CSOB_FRAME, f.header, f.data, { computeCrc: true })),
        at: fc.integer({ min: 0, max: Math.max(0, f.data.length - 1) }),
        xor: fc.integer({ min: 1, max: 255 }),
        hasData: fc.constant(f.data.length > 0),
      }),
    );
    fc.assert(
      fc.property(mutated, ({ frame, at, xor, hasData }) => {
        fc.pre(hasData);
        const corrupted = Buffer.from(frame);
        corrupted[1 + headerWidth(CSOB_FRAME) + at]! ^= xor;
        const events = parseAll([corrupted], true);
        expect(events.some((event) => event.ok)).toBe(false);
        expect(events.map((event) => !event.ok && event.error.kind)).toContain('bad-crc');
      }),
      RUNS,
    );
  });
});

/** Letter-field text in Latin-2: printable ASCII and the Czech letters terminals print. */
const latin2Text = fc.string({
  unit: fc.oneof(
    fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
    fc.constantFrom(...'ěščřžýáíéůúťďňĚŠČŘŽÝÁÍÉŮÚŤĎŇäöüßĄŁ'),
  ),
  maxLength: 40,
});
const fieldId = fc.string({
  unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)),
  minLength: 1,
  maxLength: 1,
});
const letterFields = fc.array(fc.record({ id: fieldId, value: latin2Text }), { maxLength: 10 });

describe('letter fields', () => {
  test('fields → Latin-2 frame → parser → fields round-trips, in any split', () => {
    fc.assert(
      fc.property(
        chunked(fc.record({ header, fields: letterFields }), ({ header, fields }) =>
          serializeFrame(CSOB_FRAME, header, encodeLatin2(encodeLetterFields(fields))),
        ),
        ({ value: { fields }, chunks }) => {
          const [event, ...rest] = parseAll(chunks);
          expect(rest).toEqual([]);
          expect(event?.ok).toBe(true);
          const decoded = decodeLetterFields(decodeLatin2(event!.ok ? event!.value.data : Buffer.alloc(0)));
          expect(decoded).toEqual({ ok: true, value: fields });
        },
      ),
      RUNS,
    );
  });

  test('sub-fields inside a field value round-trip', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ id: fieldId.filter((id) => id !== GS), value: latin2Text }), { maxLength: 6 }),
        (subFields) => {
          const text = encodeLetterFields([{ id: '9', value: encodeLetterFields(subFields, GS) }]);
          const outer = decodeLetterFields(text);
          expect(outer.ok && outer.value.length).toBe(1);
          expect(outer.ok && decodeLetterFields(outer.value[0]!.value, GS)).toEqual({ ok: true, value: subFields });
        },
      ),
      RUNS,
    );
  });

  test('any decoded data area gives fields or an error, never a throw', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const decoded = decodeLetterFields(decodeLatin2(bytes));
        if (decoded.ok) expect(encodeLetterFields(decoded.value)).toBe(decodeLatin2(bytes));
        else expect(decoded.error).toMatch(/separator|empty field/);
      }),
      RUNS,
    );
  });
});

/** A terminal's result as the profile can carry it, with Latin-2 text and a card number. */
function resultOf(profile: LetterFieldProfile): fc.Arbitrary<TransactionResponse> {
  const printable = fc.string({
    unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)),
    minLength: 1,
    maxLength: 12,
  });
  return fc.record(
    {
      type: fc.constant('result' as const),
      flags: fc.integer({ min: 0, max: 0xffff }),
      transactionType: fc.constantFrom('00', '04', '08', '10', '60'),
      responseCode: digits(3),
      responseText: latin2Text,
      amountMinor: fc.integer({ min: 0, max: 10 ** 15 - 1 }),
      currencyNumeric: digits(3),
      authorizationCode: printable,
      cardNumber: luhnCardNumber,
      transactionId: printable,
      variableSymbol: fc.stringMatching(profile.variableSymbol.pattern),
      ...(profile.approvedFlag && { approved: fc.boolean() }),
    },
    { requiredKeys: ['type', 'flags', 'transactionType'] },
  );
}

describe('letter-field messages', () => {
  const dialects = [CSOB_PROFILE, GPE_PROFILE].map((profile) => ({ profile, computeCrc: false }));
  const envelope = { terminalId: 'TERM0001', dateTime: '261123162000' };

  test.each(dialects)('$profile.protocol results round-trip through frames read in any split', (dialect) => {
    fc.assert(
      fc.property(
        chunked(resultOf(dialect.profile), (message) => encodeMessage(message, envelope, dialect)),
        ({ value: message, chunks }) => {
          const [event, ...rest] = parseAll(chunks);
          expect(rest).toEqual([]);
          expect(event!.ok && decodeMessage(event!.value, dialect)).toEqual({ ok: true, value: { envelope, message } });
        },
      ),
      RUNS,
    );
  });

  test.each(dialects)('$profile.protocol: any fields in any frame give a message or an error, never a throw', (dialect) => {
    const ids = fc.constantFrom(...Object.values(dialect.profile.field).filter((id): id is string => id !== undefined), 'Z');
    const fieldsArb = fc.array(
      fc.record({ id: ids, value: fc.oneof(latin2Text, digits(3), fc.constantFrom(`${GS}t-`, `${GS}`, '')) }),
      { maxLength: 12 },
    );
    fc.assert(
      fc.property(header, fieldsArb, (head, fields) => {
        const frame = parseAll([serializeFrame(CSOB_FRAME, head, encodeLatin2(encodeLetterFields(fields)))])[0]!;
        const decoded = frame.ok && decodeMessage(frame.value, dialect);
        expect(decoded).toBeTruthy();
        if (decoded && !decoded.ok) expect(decoded.error.length).toBeGreaterThan(5);
      }),
      RUNS,
    );
  });
});

describe('close totals in field L', () => {
  const count = fc.integer({ min: 0, max: 999_999 });
  /** Both shapes carry at most 15 digits a number. */
  const sum = fc.integer({ min: 0, max: 10 ** 15 - 1 });

  test('per-currency lines and GPE batch totals round-trip', () => {
    const line: fc.Arbitrary<TotalsLine> = fc.record({
      currencyNumeric: digits(3),
      count,
      amountMinor: fc.integer({ min: -(10 ** 15 - 1), max: 10 ** 15 - 1 }),
    });
    const batch: fc.Arbitrary<BatchTotals> = fc.record({
      debitCount: count,
      debitMinor: sum,
      creditCount: count,
      creditMinor: sum,
      cashbackCount: count,
      cashbackMinor: sum,
    });
    fc.assert(
      fc.property(fc.array(line, { maxLength: 5 }), batch, (lines, totals) => {
        expect(decodeTotalsLines(encodeTotalsLines(lines))).toEqual({ ok: true, value: lines });
        expect(decodeBatchTotals(encodeBatchTotals(totals))).toEqual({ ok: true, value: totals });
      }),
      RUNS,
    );
  });

  test('any text gives exact counts and sums or an error, never a rounded number', () => {
    const numberish = fc.oneof(fc.bigInt({ min: -(10n ** 25n), max: 10n ** 25n }).map(String), fc.string({ maxLength: 4 }));
    const text = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc
        .array(
          fc.tuple(digits(3), numberish, numberish).map((parts) => parts.join(',')),
          { maxLength: 4 },
        )
        .map((records) => records.join(';')),
      fc.array(numberish, { minLength: 6, maxLength: 6 }).map((numbers) => numbers.join(',')),
    );
    fc.assert(
      fc.property(text, (value) => {
        const lines = decodeTotalsLines(value);
        if (lines.ok)
          for (const line of lines.value) expect([line.count, line.amountMinor].every(Number.isSafeInteger)).toBe(true);
        else expect(lines.error).toMatch(/^totals record/);
        const batch = decodeBatchTotals(value);
        if (batch.ok) expect(Object.values(batch.value).every(Number.isSafeInteger)).toBe(true);
        else expect(batch.error).toMatch(/^totals /);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('frame rendering for the session log', () => {
  test('a card number anywhere in a frame never reaches the rendering in full', () => {
    const separator = fc.constantFrom('', ' ', '-');
    const text = fc.record({
      before: latin2Text,
      pan: luhnCardNumber,
      grouping: separator,
      after: latin2Text,
      fieldId,
      inCardField: fc.boolean(),
    });
    fc.assert(
      fc.property(text, ({ before, pan, grouping, after, fieldId, inCardField }) => {
        const grouped = pan.match(/.{1,4}/g)!.join(grouping);
        // The terminal id and amount digits sit right before the fields, as in a real frame.
        const frameText = `\x02B201TERM0001261123162000800000${FS}${fieldId}${before}${FS}P${grouped}${GS}t${after}\x03`;
        // The same number inside a receipt line, after whatever text the terminal printed before it.
        const receiptText = `\x02B401TERM0001261123162000800000${FS}9${GS}t${before} ${grouped} ${after}\x03`;
        expect(renderFrame(receiptText, []).replace(/[ -]/g, '')).not.toContain(pan);
        const rendered = renderFrame(frameText, inCardField ? ['P'] : []);
        expect(rendered.replace(/[ -]/g, '')).not.toContain(pan);
        expect(rendered).not.toMatch(/[\x00-\x1f\x7f]/);
      }),
      RUNS,
    );
  });
});
