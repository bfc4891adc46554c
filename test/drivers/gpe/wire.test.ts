// The GPE profile on the wire: its messages through the shared codec, broken and cut input from
// the simulator, checksums, card-number masking, and the code texts the catalogs need.
import { afterEach, describe, expect, test } from 'vitest';
import { FrameParser } from '../../../runtime/drivers/letter-field/frame-parser.js';
import { type LetterFieldMessage, decodeMessage, encodeMessage } from '../../../runtime/drivers/letter-field/messages.js';
import { toTransactionResult } from '../../../runtime/drivers/letter-field/results.js';
import { GPE_PROFILE, KNOWN_GPE_RESPONSE_CODES } from '../../../runtime/drivers/gpe/index.js';
import { SIMULATED_CARD_NUMBER } from '../../../runtime/simulators/letter-field/server.js';
import { CORE_LANGUAGES } from '../../../runtime/i18n/catalog.js';
import { GPE_CODE_TEXTS } from '../../../runtime/i18n/codes/gpe.js';
import { type GpeRig, context, gpeRig, sale } from './harness.js';

const DIALECT = { profile: GPE_PROFILE, computeCrc: false };
const ENVELOPE = { terminalId: 'GPE00001', dateTime: '240131120000' };

function roundTrip(message: LetterFieldMessage) {
  const bytes = encodeMessage(message, ENVELOPE, DIALECT);
  const [event] = new FrameParser(GPE_PROFILE.frame).push(bytes);
  if (!event?.ok) throw new Error('frame did not parse');
  return { text: bytes.toString('latin1'), decoded: decodeMessage(event.value, DIALECT) };
}

describe('GPE messages', () => {
  test('a request carries amount, cashback, currency, invoice number and customer language in their fields', () => {
    const message: LetterFieldMessage = {
      type: 'request',
      transactionType: '08',
      amountMinor: 2000,
      cashbackMinor: 20000,
      currencyNumeric: '203',
      customerLanguage: 'cs',
      variableSymbol: '1234567890',
    };
    const { text, decoded } = roundTrip(message);
    expect(text).toContain('\x1cT08\x1cB2000\x1cC20000\x1cE203\x1cJcs\x1cN1234567890\x03');
    expect(decoded).toEqual({ ok: true, value: { envelope: ENVELOPE, message } });
  });

  test('a result carries approved flag, timestamp, code page and the L totals, and decodes back', () => {
    const message: LetterFieldMessage = {
      type: 'result',
      flags: 2,
      transactionType: '60',
      responseCode: '00',
      approved: true,
      timestamp: '240131235959',
      codePage: 'ISO-8859-2',
      batchTotals: { debitCount: 3, debitMinor: 12345, creditCount: 1, creditMinor: 500, cashbackCount: 1, cashbackMinor: 1000 },
    };
    const { text, decoded } = roundTrip(message);
    expect(text).toContain('\x1cA1');
    expect(text).toContain('\x1cD240131235959');
    expect(text).toContain('\x1cL3,12345,1,500,1,1000');
    expect(decoded).toEqual({ ok: true, value: { envelope: ENVELOPE, message } });
  });

  test('malformed totals or approved flag are error values naming the field', () => {
    const [event] = new FrameParser(GPE_PROFILE.frame).push(
      encodeMessage({ type: 'result', flags: 0, transactionType: '60', responseCode: '00' }, ENVELOPE, DIALECT),
    );
    const tampered = { ...(event!.ok && event.value), data: Buffer.from('\x1cT60\x1cAy\x1cL1,2,3', 'latin1') };
    const decoded = decodeMessage(tampered as never, DIALECT);
    expect(decoded).toMatchObject({
      ok: false,
      error: expect.stringMatching(/field A is neither 1 nor 0.*totals "1,2,3" are not six/),
    });
  });

  test('an approving code under a "not approved" flag is a decline, never an approval', () => {
    const response = { type: 'result' as const, flags: 0, transactionType: '00', responseCode: '00', approved: false };
    const result = toTransactionResult(
      { kind: 'answered', response, terminalId: 'GPE00001', abortedByMerchant: false },
      { profile: GPE_PROFILE },
    );
    expect(result).toMatchObject({ outcome: 'declined', reason: 'declined', responseCode: '00' });
  });
});

describe('broken and cut input from the terminal', () => {
  let r: GpeRig | undefined;
  afterEach(async () => {
    await r?.close();
    r = undefined;
  });

  test.each(['whole', 'merged', 'split', 'mixed'] as const)('a sale with %s writes', async (writeMode) => {
    r = await gpeRig({ writeMode });
    const result = await r.driver.pay(sale(6100), context());
    expect(result.outcome).toBe('approved');
    expect(result.customerReceipt).toContain('Děkujeme za nákup');
  });

  test('garbage instead of the result → malformed-answer after the lookup, nothing booked, the line still works', async () => {
    r = await gpeRig();
    r.sim.injectFault('garbage');
    const result = await r.driver.pay(sale(5000), context());
    expect(result).toMatchObject({ outcome: 'failed', reason: 'malformed-answer' });
    expect(r.sim.bookings()).toEqual([]);
    expect(r.sim.received()).toEqual([{ operation: 'sale', amountMinor: 5000 }]);
    expect(r.log.warnings.some((w) => /skipped \d+ byte/.test(w))).toBe(true);
    expect((await r.driver.pay(sale(6000), context())).outcome).toBe('approved');
  });

  test('a truncated result → malformed-answer, nothing booked, never resent', async () => {
    r = await gpeRig();
    r.sim.injectFault('truncated');
    const result = await r.driver.refund(sale(5100), context());
    expect(result).toMatchObject({ outcome: 'failed', reason: 'malformed-answer' });
    expect(r.sim.bookings()).toEqual([]);
    expect(r.sim.received()).toEqual([{ operation: 'refund', amountMinor: 5100 }]);
  });

  test('a withheld result that was booked is recovered as approved with one booking', async () => {
    r = await gpeRig({}, { timeoutSeconds: 0.3 });
    r.sim.injectFault('withhold');
    const result = await r.driver.pay(sale(5200), context());
    expect(result).toMatchObject({ outcome: 'approved', amountMinor: 5200 });
    expect(r.sim.bookings()).toHaveLength(1);
    expect(r.sim.requests.map((q) => q.transactionType)).toEqual(['82', '00', '81', '82']);
  });

  test('with crcCheck on both ends, computed checksums are sent and checked', async () => {
    r = await gpeRig({ crcCheck: true }, { options: { crcCheck: true } });
    expect((await r.driver.pay(sale(6200), context())).outcome).toBe('approved');
    expect(r.log.frames.every((f) => !f.text.includes('A5A5<'))).toBe(true);
  });

  test('a terminal that sends the full card number: result and log show it masked', async () => {
    r = await gpeRig({ fullCardNumber: true });
    const result = await r.driver.pay(sale(8800), context());
    expect(result.maskedCardNumber).toBe('476173******0119');
    expect(r.log.everything).not.toContain(SIMULATED_CARD_NUMBER);
    expect(JSON.stringify(result)).not.toContain(SIMULATED_CARD_NUMBER);
  });
});

test.each(CORE_LANGUAGES)('every GPE response code is described in %s', (language) => {
  const texts = GPE_CODE_TEXTS[language] ?? {};
  for (const code of KNOWN_GPE_RESPONSE_CODES) expect(texts[code], `${code} in ${language}`).toBeTruthy();
  expect(Object.keys(texts).sort()).toEqual([...KNOWN_GPE_RESPONSE_CODES].sort());
});
