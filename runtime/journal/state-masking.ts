// Card numbers never reach the journal in full (PCI DSS: at most the first six and last four
// digits). Drivers mask already; every store masks again at its one door, because a row written
// once stays for years and one driver slip must not put a full number there.
import { maskCardNumber, maskCardNumbersInText } from '../protocol/card-number.js';
import type { TransactionState } from './journal-store.js';

export function maskedState(state: TransactionState): TransactionState {
  const text = (value: string | undefined) => (value === undefined ? undefined : maskCardNumbersInText(value));
  return withoutUndefined({
    ...state,
    maskedCardNumber: state.maskedCardNumber === undefined ? undefined : maskCardNumber(state.maskedCardNumber),
    responseText: text(state.responseText),
    merchantReceipt: text(state.merchantReceipt),
    customerReceipt: text(state.customerReceipt),
  });
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
