// Typed messages ↔ XML, with the vendor spec's own examples (7.1 §1.4 and Appendix 1) as vectors.
import { describe, expect, test } from 'vitest';
import { type PosxmlMessage, decodeMessage, encodeMessage } from '../../../runtime/drivers/posxml/messages.js';
import { judgeAnswer } from '../../../runtime/drivers/posxml/verdict.js';
import {
  APPENDIX_3_REQUEST,
  APPENDIX_3_RESPONSE,
  APPENDIX_4_REQUEST,
  APPENDIX_4_RESPONSE,
  SECTION_1_4_REQUEST,
  SECTION_1_4_RESPONSE,
} from './spec-vectors.js';

const decodeOk = (xml: string, versions?: readonly string[]) => {
  const decoded = decodeMessage(xml, versions);
  if (!decoded.ok) throw new Error(`${decoded.error.kind}: ${decoded.error.detail}`);
  return decoded.value;
};

describe('spec vectors', () => {
  test('§1.4 request decodes to a TransactionRequest', () => {
    expect(decodeOk(SECTION_1_4_REQUEST)).toEqual({
      version: '7.1.0',
      message: { type: 'TransactionRequest', amountMinor: 10000, currencyName: 'EUR' },
    });
  });

  test('§1.4 response: every element we read, the EMV and terminal extras ignored', () => {
    const { version, message } = decodeOk(SECTION_1_4_RESPONSE);
    expect(version).toBe('7.1.0');
    expect(message).toEqual({
      type: 'TransactionResponse',
      returnCode: 0,
      transactionData: {
        amountMinor: 10000,
        additionalAmountMinor: 0,
        currencyName: 'EUR',
        dateTime: '24.03.2010 10:21:56',
        stan: '000006',
        type: 'T1',
        authorizationNo: '234961',
        hostAnswer: '000',
        signatureRequired: 0,
        pinVerified: 1,
      },
      cardData: { pan: '************1699', cardName: 'SWEDBANKI MC', applicationLabel: 'MASTERCARD', aid: 'A0000000041010' },
      terminalData: { serNo: '9009808972', id: 'VOC21201', name: 'LIBA POS LUUK' },
    });
  });

  test('Appendix 3 (online approval) keeps TransactionID, Stan and both receipts', () => {
    const { message } = decodeOk(APPENDIX_3_RESPONSE);
    expect(message).toMatchObject({
      type: 'TransactionResponse',
      returnCode: 0,
      transactionData: { transactionId: 'ABC123', amountMinor: 50000, stan: '000072', authorizationNo: '054247' },
      cardData: { pan: '************1570', cardName: 'HANSA VISA KREDIIT' },
      terminalData: { id: 'VOC21201', name: 'KAUBAMAJA!' },
    });
    expect(message).toHaveProperty('merchReceipt', expect.stringMatching(/^CARD PAYMENT RECEIPT\n[\s\S]*PIN CHECKED$/));
    expect(message).toHaveProperty('custReceipt', expect.stringContaining('Retain receipt for statement verification'));
  });

  test('Appendix 4 (online decline): 32778, the reason text, a blank AuthorizationNo read as none', () => {
    const { message } = decodeOk(APPENDIX_4_RESPONSE);
    expect(message).toMatchObject({
      type: 'TransactionResponse',
      returnCode: 32778,
      reason: 'Card declined transaction. System error! (909).. Return card!.',
      transactionData: { transactionId: 'ABC124', amountMinor: 10000, stan: '000073' },
    });
    expect((message as { transactionData: object }).transactionData).not.toHaveProperty('authorizationNo');
    expect(message).not.toHaveProperty('custReceipt'); // <CustReceipt></CustReceipt>
  });

  test('the Appendix requests write `</ CurrencyName>`: not XML (a terminal answers 32773); corrected, they decode', () => {
    for (const [example, id, amount] of [
      [APPENDIX_3_REQUEST, 'ABC123', 50000],
      [APPENDIX_4_REQUEST, 'ABC124', 10000],
    ] as const) {
      const broken = decodeMessage(example);
      expect(broken.ok || broken.error.kind).toBe('syntax');
      expect(decodeOk(example.replace('</ CurrencyName>', '</CurrencyName>')).message).toEqual({
        type: 'TransactionRequest',
        amountMinor: amount,
        currencyName: 'EUR',
        transactionId: id,
        printReceipt: 48,
      });
    }
  });

  test('ReturnCode 0 without TransactionCompletion proves nothing (the spec-era approvals): unproven, not approved', () => {
    const { message } = decodeOk(APPENDIX_3_RESPONSE);
    expect(judgeAnswer(message as never, 'COMPLETED')).toMatchObject({ kind: 'unproven' });
    expect(judgeAnswer(decodeOk(APPENDIX_4_RESPONSE).message as never, 'COMPLETED')).toEqual({
      kind: 'final',
      verdict: { outcome: 'declined', reason: 'declined', responseCode: '32778' },
    });
  });
});

describe('round trips', () => {
  const messages: PosxmlMessage[] = [
    {
      type: 'TransactionRequest',
      amountMinor: 1234,
      currencyName: 'EUR',
      transactionId: 'A&B<1>"x"',
      returnReceipts: 40,
      printReceipt: 2,
      timeoutSeconds: 60,
      language: 'et',
    },
    { type: 'CancelAllOperationsRequest' },
    { type: 'ReverseTransactionRequest', currencyName: 'EUR', reverseAmountMinor: 500, transactionStan: '000072' },
    { type: 'RefundTransactionRequest', currencyName: 'EUR', refundAmountMinor: 990, transactionId: 'R1' },
    { type: 'GetLastTransactionDataRequest', transactionId: 'ABC123', returnReceipts: 32 },
    { type: 'TransactionSendRequest' },
    { type: 'GetTerminalStatusRequest' },
    {
      type: 'TransactionResponse',
      returnCode: 0,
      reason: 'Tehing õnnestus – äöü',
      transactionData: {
        transactionId: 'T1',
        amountMinor: 100,
        additionalAmountMinor: -5,
        stan: '000001',
        hostAnswer: '000',
        transactionCompletion: 'COMPLETED',
      },
      cardData: { pan: '************0119' },
      merchReceipt: 'line 1\n  line 2 & more',
    },
    {
      type: 'TransactionSendResponse',
      returnCode: 0,
      currencyName: 'EUR',
      fileSendStatus: 1,
      fileTotalAmountMinor: 12345,
      fileTransactionCount: 3,
    },
    {
      type: 'GetTerminalStatusResponse',
      returnCode: 0,
      cardStatus: 0,
      nextStan: '000073',
      transactionsCount: 2,
      time: '31.01.2009 15:31:00',
    },
    { type: 'Error', returnCode: 32770 },
  ];
  test.each(messages.map((m) => [m.type, m] as const))('%s', (_type, message) => {
    const xml = encodeMessage(message, '7.2.0');
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><PosXML version="7.2.0"><\w+>/);
    expect(decodeOk(xml)).toEqual({ version: '7.2.0', message });
  });

  test('elements go out in the schema order with the spec names', () => {
    const xml = encodeMessage(
      { type: 'TransactionRequest', amountMinor: 100, currencyName: 'EUR', transactionId: 'X1', returnReceipts: 40 },
      '7.2.0',
    );
    expect(xml).toContain(
      '<TransactionRequest><Amount>100</Amount><CurrencyName>EUR</CurrencyName><TransactionID>X1</TransactionID><ReturnReceipts>40</ReturnReceipts></TransactionRequest>',
    );
  });
});

describe('what a reader refuses', () => {
  test.each([
    ['not XML', 'HTTP garbage <<<', 'syntax'],
    ['unclosed', '<PosXML version="7.2.0"><GetTerminalStatusRequest>', 'syntax'],
    ['no envelope', '<Foo/>', 'envelope'],
    ['no version', '<PosXML><GetTerminalStatusRequest/></PosXML>', 'envelope'],
    ['two messages', '<PosXML version="7.2.0"><GetTerminalStatusRequest/><TransactionSendRequest/></PosXML>', 'envelope'],
    ['unknown message', '<PosXML version="7.2.0"><LaunchRocketRequest/></PosXML>', 'unknown-message'],
    [
      'missing ReturnCode',
      '<PosXML version="7.2.0"><TransactionResponse><Reason>x</Reason></TransactionResponse></PosXML>',
      'field',
    ],
    [
      'a word for a number',
      '<PosXML version="7.2.0"><TransactionResponse><ReturnCode>zero</ReturnCode></TransactionResponse></PosXML>',
      'field',
    ],
    [
      'repeated element',
      '<PosXML version="7.2.0"><CancelAllOperationsResponse><ReturnCode>0</ReturnCode><ReturnCode>1</ReturnCode></CancelAllOperationsResponse></PosXML>',
      'field',
    ],
  ])('%s → %s', (_name, xml, kind) => {
    const decoded = decodeMessage(xml);
    expect(decoded.ok ? 'decoded' : decoded.error.kind).toBe(kind);
  });

  test('a version outside the list the reader speaks', () => {
    const decoded = decodeMessage('<PosXML version="9.9.9"><GetTerminalStatusRequest/></PosXML>', ['7.1.0', '7.2.0']);
    expect(decoded.ok ? 'decoded' : decoded.error).toMatchObject({ kind: 'version', version: '9.9.9' });
  });
});
