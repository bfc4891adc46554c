// The protocol-neutral framing core with the ČSOB profile: streaming, resync, length and
// checksum checks, Latin-2 text, letter fields and log rendering.
import { describe, expect, test } from 'vitest';
import { maskCardNumber, maskCardNumbersInText } from '../../../runtime/protocol/card-number.js';
import { FrameParser } from '../../../runtime/drivers/letter-field/frame-parser.js';
import { renderFrame } from '../../../runtime/drivers/letter-field/frame-render.js';
import { serializeFrame } from '../../../runtime/drivers/letter-field/frame-serializer.js';
import { decodeLatin2, decodeWithTable, encodeLatin2 } from '../../../runtime/drivers/letter-field/iso-8859-2.js';
import { decodeLetterFields, encodeLetterFields } from '../../../runtime/drivers/letter-field/letter-fields.js';
import { CSOB_FRAME } from '../../../runtime/drivers/csob/profile.js';

const HEADER = { type: 'B1', version: '01', terminalId: 'TERM0001', dateTime: '240131120000', flags: '8000' };

/** The notes' example: sale of 100.00 CZK with variable symbol 12345. */
const EXAMPLE_DATA = '\x1cT00\x1cB10000\x1cS12345\x1cE203';

function frame(data = EXAMPLE_DATA, header: Record<string, string> = HEADER): Buffer {
  return serializeFrame(CSOB_FRAME, header, encodeLatin2(data));
}

function framesOf(parser: FrameParser, ...chunks: Buffer[]) {
  return chunks.flatMap((chunk) => parser.push(chunk));
}

describe('frame serializer', () => {
  test('writes the notes example with length 0017 and the A5A5 placeholder', () => {
    const bytes = frame();
    expect(bytes.toString('latin1')).toBe(`\x02B101TERM0001240131120000800000` + `17A5A5${EXAMPLE_DATA}\x03`);
  });

  test('pads a short terminal id to eight characters', () => {
    const bytes = frame('', { ...HEADER, terminalId: 'T1' });
    expect(bytes.toString('latin1', 5, 13)).toBe('T1      ');
  });

  test('refuses a header value that does not fit', () => {
    expect(() => frame('', { ...HEADER, terminalId: 'TOO-LONG-ID' })).toThrow(/terminalId/);
  });
});

describe('frame parser', () => {
  test('parses one frame in one read', () => {
    const [event] = new FrameParser(CSOB_FRAME).push(frame());
    expect(event).toMatchObject({ ok: true, value: { header: { type: 'B1', terminalId: 'TERM0001', length: '0017' } } });
    expect(event!.ok && event.value.data.toString('latin1')).toBe(EXAMPLE_DATA);
  });

  test('assembles a frame delivered one byte per read', () => {
    const parser = new FrameParser(CSOB_FRAME);
    const bytes = frame();
    const events = [...bytes].flatMap((byte) => parser.push(Buffer.from([byte])));
    expect(events).toHaveLength(1);
    expect(events[0]!.ok).toBe(true);
  });

  test('returns every frame of a read that holds several, and keeps the partial rest', () => {
    const parser = new FrameParser(CSOB_FRAME);
    const three = Buffer.concat([frame(), frame('\x1cT80'), frame('\x1cT82')]);
    const first = parser.push(three.subarray(0, three.length - 5));
    expect(first.map((e) => e.ok && e.value.data.toString('latin1'))).toEqual([EXAMPLE_DATA, '\x1cT80']);
    const rest = parser.push(three.subarray(three.length - 5));
    expect(rest.map((e) => e.ok && e.value.data.toString('latin1'))).toEqual(['\x1cT82']);
  });

  test('skips garbage before STX and reports it as a non-fatal event', () => {
    const events = new FrameParser(CSOB_FRAME).push(Buffer.concat([Buffer.from('noise\xff', 'latin1'), frame()]));
    expect(events.map((e) => (e.ok ? 'frame' : e.error.kind))).toEqual(['garbage', 'frame']);
  });

  test('reports a frame whose ETX is not where the length says, then finds the frames after it', () => {
    const cutShort = frame().subarray(0, 45); // the header promises 23 data bytes, only 8 came
    const whole = frame('\x1cT80');
    const parser = new FrameParser(CSOB_FRAME);
    const events = framesOf(parser, Buffer.concat([cutShort, whole, whole]));
    expect(events.map((e) => (e.ok ? 'frame' : e.error.kind))).toEqual(['bad-length', 'frame', 'frame']);
    expect(parser.end()).toEqual([]);
  });

  test('reports a header that is not a header', () => {
    const events = new FrameParser(CSOB_FRAME).push(Buffer.from('\x02B2 THIS IS NOT A HEADER AT ALL, SORRY\x03', 'latin1'));
    expect(events[0]).toMatchObject({ ok: false, error: { kind: 'bad-header', field: 'version' } });
  });

  test('reports a stream that ends inside a frame', () => {
    const parser = new FrameParser(CSOB_FRAME);
    expect(parser.push(frame().subarray(0, 20))).toEqual([]);
    expect(parser.end()[0]).toMatchObject({ ok: false, error: { kind: 'truncated' } });
  });

  test('checks the checksum only when asked', () => {
    const placeholder = frame();
    expect(new FrameParser(CSOB_FRAME).push(placeholder)[0]!.ok).toBe(true);
    expect(new FrameParser(CSOB_FRAME, { crcCheck: true }).push(placeholder)[0]).toMatchObject({
      ok: false,
      error: { kind: 'bad-crc', declared: 'A5A5' },
    });
    const computed = serializeFrame(CSOB_FRAME, HEADER, encodeLatin2(EXAMPLE_DATA), { computeCrc: true });
    expect(new FrameParser(CSOB_FRAME, { crcCheck: true }).push(computed)[0]!.ok).toBe(true);
  });
});

describe('ISO-8859-2', () => {
  test('round-trips Czech text one byte per character', () => {
    const text = 'Příliš žluťoučký kůň úpěl ďábelské ódy ČŘŠŽÝÁÍÉŮÚŇŤĎ';
    const bytes = encodeLatin2(text);
    expect(bytes.length).toBe(text.length);
    expect(bytes[0]).toBe(0x50);
    expect(bytes[1]).toBe(0xf8); // ř
    expect(decodeLatin2(bytes)).toBe(text);
  });

  test('the fallback table agrees with ICU for every byte', () => {
    const all = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    expect(decodeWithTable(all)).toBe(new TextDecoder('iso-8859-2').decode(all));
  });

  test('writes ? for characters Latin-2 lacks', () => {
    expect(encodeLatin2('€5').toString('latin1')).toBe('?5');
  });
});

describe('letter fields', () => {
  test('splits FS fields and keeps GS sub-fields inside field 9', () => {
    const decoded = decodeLetterFields('\x1cT00\x1c9\x1dS12345678901\x1dt1');
    expect(decoded).toEqual({
      ok: true,
      value: [
        { id: 'T', value: '00' },
        { id: '9', value: '\x1dS12345678901\x1dt1' },
      ],
    });
    expect(encodeLetterFields(decoded.ok ? decoded.value : [])).toBe('\x1cT00\x1c9\x1dS12345678901\x1dt1');
  });

  test('reports data that does not start with a separator', () => {
    expect(decodeLetterFields('T00').ok).toBe(false);
  });
});

describe('card numbers in logs and results', () => {
  test('masks to first six and last four at most', () => {
    expect(maskCardNumber('4761739001010119')).toBe('476173******0119');
    expect(maskCardNumber('476173******0119')).toBe('476173******0119');
    expect(maskCardNumber('123456789012')).toBe('********9012');
    expect(maskCardNumber('1234')).toBe('****');
  });

  test('masks Luhn-valid numbers in free text and leaves other digits alone', () => {
    expect(maskCardNumbersInText('card 4761739001010119, VS 1234567890123')).toBe('card 476173******0119, VS 1234567890123');
  });

  test('renders control characters by name and masks the card-number field', () => {
    const text = '\x02B2\x1cP5555555555554444\x1cR000\x03';
    expect(renderFrame(text, ['P'])).toBe('<STX>B2<FS>P555555******4444<FS>R000<ETX>');
  });
});
