// Property of the PoSXML terminal's trace port as the driver copies it into the session log: in any
// split of the reads, every line arrives in order and whole or in pieces, and no card number is cut
// in two by the piecing, so masking each logged piece hides it.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { MAX_TRACE_LINE, TraceLineSplitter } from '../../runtime/drivers/posxml/trace-lines.js';
import { maskCardNumbersInText } from '../../runtime/protocol/card-number.js';
import { chunked, luhnCardNumber } from './arbitraries.js';

/** A trace line holding a card number, with text before it that may put it across a cut. */
const traceLine = fc.record({
  lead: fc.oneof(fc.integer({ min: MAX_TRACE_LINE - 40, max: MAX_TRACE_LINE + 4 }), fc.integer({ min: 0, max: 60 })),
  filler: fc.constantFrom('a', ' ', '1 ', 'x-'),
  pan: luhnCardNumber,
  grouping: fc.constantFrom('', ' ', '-'),
  tail: fc.string({ unit: fc.constantFrom('a', ' ', '7'), maxLength: 30 }),
});
const trace = fc.array(traceLine, { minLength: 1, maxLength: 3 }).map((lines) => ({
  pans: lines.map((line) => line.pan),
  text: lines
    .map(
      ({ lead, filler, pan, grouping, tail }) =>
        `${filler.repeat(lead).slice(0, lead)}PAN ${pan.match(/.{1,4}/g)!.join(grouping)} ok${tail}`,
    )
    .join('\r\n'),
}));

function split(chunks: readonly Buffer[]): string[] {
  const lines = new TraceLineSplitter();
  return [...chunks.flatMap((chunk) => lines.push(chunk.toString('latin1'))), ...lines.end()];
}

describe('PoSXML terminal log lines', () => {
  test('in any split, lines come out in order, none longer than the limit, nothing lost', () => {
    fc.assert(
      fc.property(
        chunked(trace, ({ text }) => Buffer.from(text, 'latin1')),
        ({ value: { text }, chunks }) => {
          const lines = split(chunks);
          expect(lines.every((line) => line.length <= MAX_TRACE_LINE)).toBe(true);
          expect(lines.join('')).toBe(text.replace(/\r\n/g, ''));
        },
      ),
      { numRuns: 100 },
    );
  });

  test('no card number is cut in two, so each logged piece masks it whole', () => {
    fc.assert(
      fc.property(
        chunked(trace, ({ text }) => Buffer.from(text, 'latin1')),
        ({ value: { pans }, chunks }) => {
          const logged = split(chunks).map(maskCardNumbersInText).join('');
          for (const pan of pans) expect(logged.replace(/[ -]/g, '')).not.toContain(pan);
        },
      ),
      { numRuns: 100 },
    );
  });
});
