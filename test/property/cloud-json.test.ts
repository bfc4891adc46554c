// Properties of what the NETS and Viva drivers read from their clouds: JSON text in, a typed value
// or a clear error out. Long ids (Viva's order codes beyond 2^53) must survive exactly.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { jsonNumber, parseJson, stringifyJson } from '../../runtime/drivers/cloud-http/json.js';
import {
  readAmount,
  readAnswer,
  readFailure,
  readLogin,
  readLookup,
  readReconciliation,
  readTerminalList,
  readTerminalState,
  readTimeStamp,
} from '../../runtime/drivers/nets/messages.js';
import {
  CreateOrderAnswer,
  DevicesAnswer,
  EcrSession,
  EcrSessionList,
  OrderAnswer,
  ReversalAnswer,
  SourcesAnswer,
  TokenAnswer,
  TransactionsAnswer,
  WebhookEnvelope,
  parseAnswer,
} from '../../runtime/drivers/viva/messages.js';

const RUNS = { numRuns: 500 };

/** How parseJson reads a number JSON.stringify wrote: integers beyond 2^53 as their digits. */
function expectedNumber(value: number): number | string {
  const text = JSON.stringify(value);
  if (/^-?\d+$/.test(text) && !Number.isSafeInteger(value)) return text;
  return Object.is(value, -0) ? 0 : value;
}

function expectedJson(value: unknown): unknown {
  if (typeof value === 'number') return expectedNumber(value);
  if (Array.isArray(value)) return value.map(expectedJson);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, expectedJson(item)]));
  }
  return value;
}

/** Integers of up to 20 digits, order codes among them (Viva's are 16 digits). */
const longInteger = fc.bigInt({ min: 0n, max: 10n ** 20n });

describe('cloud JSON', () => {
  test('any JSON reads as JSON.parse reads it, except integers beyond 2^53, which keep their digits', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(parseJson(JSON.stringify(value))).toEqual(expectedJson(value));
      }),
      RUNS,
    );
  });

  test('a number written with more digits than a double holds is still a number when it is not an integer', () => {
    const decimal = fc
      .tuple(
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 25 }),
        fc.boolean(),
      )
      .map(([whole, fraction, negative]) => `${negative ? '-' : ''}${whole}.${fraction}`);
    fc.assert(
      fc.property(decimal, (text) => {
        expect(parseJson(`{"Amount":${text}}`)).toEqual({ Amount: JSON.parse(text) });
      }),
      RUNS,
    );
  });

  test('an order code of any length survives the trip through the wire exactly', () => {
    fc.assert(
      fc.property(longInteger, (code) => {
        const digits = code.toString();
        // As Viva writes it (a bare number), and as the simulator writes it through jsonNumber.
        const text = `{"OrderCode":${digits},"ErrorCode":0,"ErrorText":null}`;
        expect(stringifyJson({ OrderCode: jsonNumber(digits), ErrorCode: 0, ErrorText: null })).toBe(text);
        expect(parseAnswer(CreateOrderAnswer, parseJson(text))).toEqual({
          ok: true,
          value: { OrderCode: digits, ErrorCode: 0, ErrorText: null },
        });
        const webhook = `{"EventTypeId":1796,"EventData":{"OrderCode":${digits},"TerminalId":${digits}}}`;
        const read = parseAnswer(WebhookEnvelope, parseJson(webhook));
        expect(read.ok && read.value.EventData.OrderCode).toBe(digits);
        expect(read.ok && read.value.EventData.TerminalId).toBe(digits);
      }),
      RUNS,
    );
  });

  test('text that is not JSON throws a SyntaxError like JSON.parse, which the client turns into an error value', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        let expected: unknown;
        try {
          expected = JSON.parse(text);
        } catch {
          expect(() => parseJson(text)).toThrow(SyntaxError);
          return;
        }
        expect(parseJson(text)).toEqual(expectedJson(expected));
      }),
      { numRuns: 1000 },
    );
  });
});

/** JSON-ish bodies: anything JSON can hold, and near misses of the real answers' shapes. */
const nearMiss = fc.oneof(
  fc.record({
    result: fc.array(
      fc.record({ localModeEventArgs: fc.dictionary(fc.constantFrom('Result', 'TotalAmount', 'TimeStamp'), fc.jsonValue()) }),
    ),
  }),
  fc.record({ failure: fc.oneof(fc.jsonValue(), fc.record({ error: fc.jsonValue(), localModeEventArgs: fc.jsonValue() })) }),
  fc.record({
    result: fc.record({ latestTransactionResult: fc.jsonValue(), reconciliation: fc.record({ header: fc.jsonValue() }) }),
  }),
  fc.record({
    OrderCode: fc.oneof(fc.jsonValue(), longInteger.map(String)),
    ErrorCode: fc.jsonValue(),
    EventTypeId: fc.jsonValue(),
    EventData: fc.jsonValue(),
  }),
);
const body = fc.oneof(fc.jsonValue(), nearMiss, fc.constantFrom(undefined, null, '', [], {}));

const NETS_READERS = { readAnswer, readLogin, readLookup, readReconciliation, readTerminalList, readTerminalState };
const VIVA_SCHEMAS = {
  CreateOrderAnswer,
  TransactionsAnswer,
  OrderAnswer,
  ReversalAnswer,
  SourcesAnswer,
  TokenAnswer,
  EcrSession,
  EcrSessionList,
  DevicesAnswer,
  WebhookEnvelope,
};

describe('cloud answer readers', () => {
  test('NETS readers give a value or a clear error for any body, never a throw', () => {
    fc.assert(
      fc.property(body, (answer) => {
        for (const read of Object.values(NETS_READERS)) {
          const result = read(answer);
          if (!result.ok) expect(result.error).toMatch(/^[a-z].{8,}/);
        }
        const failure = readFailure(answer);
        if (failure) expect(failure.error.trim()).not.toBe('');
        const answered = readAnswer(answer);
        if (answered.ok && answered.value.kind === 'success')
          expect(typeof answered.value.entry.localModeEventArgs.Result).toBe('number');
      }),
      { numRuns: 1000 },
    );
  });

  test('Viva answers give a typed value or an error naming the field, never a throw', () => {
    fc.assert(
      fc.property(body, (answer) => {
        for (const schema of Object.values(VIVA_SCHEMAS)) {
          const result = parseAnswer(schema as typeof CreateOrderAnswer, answer);
          if (!result.ok) expect(result.error).toMatch(/^[\w.]+: \S/);
        }
      }),
      { numRuns: 1000 },
    );
  });

  test('an amount is read as exact minor units or not at all', () => {
    const amount = fc.oneof(
      fc.jsonValue(),
      longInteger.map(String),
      longInteger.map((n) => `-${n}`),
      fc.double(),
    );
    fc.assert(
      fc.property(amount, (value) => {
        const minor = readAmount(value);
        if (minor === undefined) return;
        expect(Number.isSafeInteger(minor)).toBe(true);
        expect(String(minor)).toBe(
          String(value)
            .replace(/^(-?)0+(?=\d)/, '$1')
            .replace(/^-0$/, '0'),
        );
      }),
      { numRuns: 1000 },
    );
  });

  test('a time stamp is a time or nothing', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.stringMatching(/^\d{14}$/),
          fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
        ),
        (text) => {
          const at = readTimeStamp(text);
          if (at !== undefined) expect(Number.isFinite(at)).toBe(true);
        },
      ),
      RUNS,
    );
  });
});
