// The readers against answers in production's shapes, for what the simulator does not send: each
// fixture's shape is as NaviPartner's NETS Cloud response parser reads it
// (navipartner/npcore-partners, "NPR EFT NETSCloud Resp. Parser"); the values in them are ours.
import { describe, expect, test } from 'vitest';
import { readAnswer, readReconciliation } from '../../../runtime/drivers/nets/messages.js';
import { fromAnswer, fromReconciliation } from '../../../runtime/drivers/nets/results.js';
import { describeResult } from '../../../runtime/i18n/describe.js';

function answer(body: unknown) {
  const read = readAnswer(body);
  if (!read.ok) throw new Error(read.error);
  return fromAnswer(read.value);
}

describe('reconciliation', () => {
  // ParseReconciliation: result.reconciliation, header.timestamp read as an ISO-8601 date-time,
  // header.sessionNumber read as text, the report at printText.Text; nothing else is read. The
  // driver needs the session number and the report.
  const body = {
    result: {
      reconciliation: {
        header: { timestamp: '2026-03-02T21:05:11Z', sessionNumber: 417 },
        printText: { Text: 'RECONCILIATION\nVISA 4761739001010119\nTOTAL EUR 1 120.00' },
      },
    },
  };

  test('the header and the report: approved, the closed batch as transaction id, the report masked', () => {
    const read = readReconciliation(body);
    if (!read.ok) throw new Error(read.error);
    expect(read.value).toEqual({ sessionNumber: '417', report: expect.any(String) });
    const result = fromReconciliation(read.value);
    expect(result).toMatchObject({ outcome: 'approved', transactionId: '417' });
    expect(result.merchantReceipt).toContain('VISA 476173******0119\n');
    expect(result.totals).toBeUndefined();
  });

  test('without the header it is not a reconciliation answer', () => {
    expect(readReconciliation({ result: { reconciliation: { printText: { Text: 'x' } } } }).ok).toBe(false);
    expect(readReconciliation({ result: [{ localModeEventArgs: { Result: 1 } }] }).ok).toBe(false);
  });
});

describe('the Result of localModeEventArgs on a financial answer', () => {
  // ParseLocalModeArgs: a payment, refund or void is successful only with Result 0; 99 means the
  // outcome is not known; 1 counts as success only for administrative requests.
  const entry = (args: Record<string, unknown>) => ({
    result: [{ localModeEventArgs: { StanAuth: '000123A4B5C6', TotalAmount: 12000, ...args } }],
  });

  test('0 with ResponseCode 00 approves', () => {
    expect(answer(entry({ Result: 0, ResponseCode: '00' }))).toMatchObject({
      outcome: 'approved',
      amountMinor: 12000,
      transactionId: '000123A4B5C6',
    });
  });

  test.each([1, 3])('%i does not approve a payment, and says so in its own text', (result) => {
    const read = answer(entry({ Result: result }));
    expect(read).toMatchObject({ outcome: 'failed', reason: 'unknown', responseCode: String(result) });
    expect(describeResult(read, 'nets', 'en')).toContain('not a payment');
  });

  test('a Result the notes do not list is an unknown result, not an approval', () => {
    expect(answer(entry({ Result: 7, ResponseCode: '00' }))).toMatchObject({
      outcome: 'failed',
      reason: 'unknown',
      responseCode: '7',
    });
  });

  test('99 is in doubt', () => {
    expect(answer(entry({ Result: 99 }))).toMatchObject({ outcome: 'in-doubt', responseCode: '99' });
  });
});

describe('failures', () => {
  // ParseTransactionFailure: `failure` may be a bare string (noted there as observed, undocumented),
  // else `failure.error` shown as text, with localModeEventArgs beside it since a NETS backend update.
  test("a bare string is the cloud's words", () => {
    expect(answer({ failure: 'Terminal is offline' })).toEqual({
      outcome: 'failed',
      responseCode: 'Terminal is offline',
      responseText: 'Terminal is offline',
    });
  });

  test('an ISO host code beside free text: the code decides, the text stays', () => {
    const body = {
      failure: { error: 'Insufficient funds on card', localModeEventArgs: { Result: 2, ResponseCode: '51', StanAuth: '000124' } },
    };
    expect(answer(body)).toMatchObject({
      outcome: 'declined',
      reason: 'insufficient-funds',
      responseCode: '51',
      responseText: 'Insufficient funds on card',
    });
  });

  test('a text beside a result the terminal does not know is in doubt', () => {
    const body = { failure: { error: 'Communication error', localModeEventArgs: { Result: 99 } } };
    expect(answer(body)).toMatchObject({ outcome: 'in-doubt', responseText: 'Communication error' });
  });

  test('an empty failure says nothing and cannot be read', () => {
    expect(readAnswer({ failure: '' }).ok).toBe(false);
    expect(readAnswer({ failure: { error: ' ' } }).ok).toBe(false);
  });
});
