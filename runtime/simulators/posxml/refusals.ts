// The shared outcome table's refusals (../outcome-table.ts) in PoSXML terms: the ReturnCode, the
// HostAnswer (ISO 8583 field 39) when the bank decided, and the Reason text a terminal shows.
// Declines carry TransactionCompletion NOTIFICATION (posxml.md, "What the simulator must do").
import { RETURN_CODE } from '../../drivers/posxml/response-codes.js';
import type { SimulatedRefusal } from '../outcome-table.js';

export interface PosxmlRefusal {
  returnCode: number;
  hostAnswer?: string;
  reason: string;
  /** Answered at once, before any card flow: nothing is recorded (busy). */
  immediate?: true;
}

export const POSXML_REFUSALS: Readonly<Record<SimulatedRefusal, PosxmlRefusal>> = {
  'insufficient-funds': {
    returnCode: RETURN_CODE.transactionFailed,
    hostAnswer: '051',
    reason: 'Transaction declined. Insufficient funds (051)',
  },
  'issuer-declined': {
    returnCode: RETURN_CODE.transactionFailed,
    hostAnswer: '005',
    reason: 'Transaction declined. Do not honour (005)',
  },
  'customer-cancelled': { returnCode: RETURN_CODE.cancelledManually, reason: 'Operation cancelled by the cardholder' },
  // No "card removed" code in the spec: the chip reader's error (see the driver's response-codes.ts).
  'card-removed': { returnCode: RETURN_CODE.smartcardReaderError, reason: 'Card removed. Smartcard reader error' },
  'terminal-busy': { returnCode: RETURN_CODE.sequenceError, reason: 'Sequence error: terminal busy', immediate: true },
  duplicate: {
    returnCode: RETURN_CODE.transactionFailed,
    hostAnswer: '094',
    reason: 'Transaction declined. Duplicate transaction (094)',
  },
  'card-expired': {
    returnCode: RETURN_CODE.transactionFailed,
    hostAnswer: '054',
    reason: 'Transaction declined. Expired card (054)',
  },
};
