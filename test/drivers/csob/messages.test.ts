// ČSOB messages to frames and back: every message type, the long variable symbol in sub-field 9,
// receipt paging, totals, and the configurable cashback field.
import { expect, test } from 'vitest';
import { FrameParser } from '../../../runtime/drivers/letter-field/frame-parser.js';
import {
  type Dialect,
  type LetterFieldMessage as CsobMessage,
  decodeMessage,
  encodeMessage,
} from '../../../runtime/drivers/letter-field/messages.js';
import { CSOB_FRAME, CSOB_PROFILE, withCashbackField } from '../../../runtime/drivers/csob/profile.js';

const DIALECT: Dialect = { profile: CSOB_PROFILE, computeCrc: false };
const ENVELOPE = { terminalId: 'TERM0001', dateTime: '240131120000' };

function roundTrip(message: CsobMessage, dialect = DIALECT) {
  const bytes = encodeMessage(message, ENVELOPE, dialect);
  const [event] = new FrameParser(CSOB_FRAME).push(bytes);
  if (!event?.ok) throw new Error('frame did not parse');
  return { bytes, decoded: decodeMessage(event.value, dialect) };
}

test.each<[string, CsobMessage]>([
  ['B0 activity', { type: 'activity' }],
  ['B1 sale', { type: 'request', transactionType: '00', amountMinor: 10000, currencyNumeric: '203', variableSymbol: '12345' }],
  [
    'B1 reversal',
    { type: 'request', transactionType: '10', amountMinor: 500, currencyNumeric: '203', authorizationCode: 'A1B2C3' },
  ],
  ['B1 cashback', { type: 'request', transactionType: '08', amountMinor: 10000, cashbackMinor: 2000, currencyNumeric: '203' }],
  [
    'B2 result',
    {
      type: 'result',
      flags: 0x8002,
      transactionType: '00',
      responseCode: '000',
      responseText: 'Schváleno',
      amountMinor: 10000,
      currencyNumeric: '203',
      variableSymbol: '12345',
      authorizationCode: '123456',
      cardNumber: '476173******0119',
      transactionId: '000042',
    },
  ],
  [
    'B2 totals',
    {
      type: 'result',
      flags: 2,
      transactionType: '60',
      responseCode: '000',
      totals: [
        { currencyNumeric: '203', count: 3, amountMinor: 12345 },
        { currencyNumeric: '978', count: 1, amountMinor: -500 },
      ],
    },
  ],
  ['B3 merchant copy', { type: 'receipt-request', part: 'merchant' }],
  ['B3 next page', { type: 'receipt-request', part: 'next' }],
  [
    'B4 page with more',
    {
      type: 'receipt-page',
      lines: [
        { attribute: '1', text: 'ČSOB' },
        { attribute: '0', text: 'Děkujeme' },
      ],
      more: true,
    },
  ],
  ['B4 last page', { type: 'receipt-page', lines: [{ attribute: '0', text: 'konec' }], more: false }],
])('%s survives encode and decode', (_name, message) => {
  const { decoded } = roundTrip(message);
  expect(decoded).toEqual({ ok: true, value: { envelope: ENVELOPE, message } });
});

test('the register flags B1 and B3 with 8000 and encodes the notes example data area', () => {
  const { bytes } = roundTrip({
    type: 'request',
    transactionType: '00',
    amountMinor: 10000,
    currencyNumeric: '203',
    variableSymbol: '12345',
  });
  const text = bytes.toString('latin1');
  expect(text.slice(25, 29)).toBe('8000');
  expect(text.slice(29, 33)).toBe('0017');
});

test('a variable symbol of 10–20 characters travels as sub-field S of field 9', () => {
  const message: CsobMessage = {
    type: 'request',
    transactionType: '00',
    amountMinor: 100,
    currencyNumeric: '203',
    variableSymbol: '12345678901234',
  };
  const { bytes, decoded } = roundTrip(message);
  expect(bytes.toString('latin1')).toContain('\x1c9\x1dS12345678901234');
  expect(bytes.toString('latin1')).not.toContain('\x1cS');
  expect(decoded.ok && decoded.value.message).toEqual(message);
});

test('the cashback amount goes in the configured field', () => {
  const message: CsobMessage = { type: 'request', transactionType: '08', amountMinor: 100, cashbackMinor: 50 };
  const { bytes, decoded } = roundTrip(message, { ...DIALECT, profile: withCashbackField(CSOB_PROFILE, 'X') });
  expect(bytes.toString('latin1')).toContain('\x1cX50');
  expect(decoded.ok && decoded.value.message).toEqual(message);
});

test('a B2 with a non-numeric amount is an error value, not an exception', () => {
  const [event] = new FrameParser(CSOB_FRAME).push(
    encodeMessage({ type: 'result', flags: 0, transactionType: '00', responseCode: '000', responseText: 'x' }, ENVELOPE, DIALECT),
  );
  const tampered = { ...(event!.ok && event.value), data: Buffer.from('\x1cT00\x1cB12a4', 'latin1') };
  expect(decodeMessage(tampered as never, DIALECT)).toMatchObject({
    ok: false,
    error: expect.stringMatching(/field B is not an amount/),
  });
});
