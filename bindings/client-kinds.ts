// The five clients scripts see: how each reads its arguments and which driver operation it runs.
// One table serves the host handler, the guest prelude (names), the journal and the report.
import type { OperationKind } from '../runtime/journal/journal-store.js';
import type { Currency, OperationContext, TerminalDriver, TransactionResult } from '../runtime/terminals/driver.js';
import { ArgumentReader } from './guest-values.js';

export interface PreparedOperation {
  kind: OperationKind;
  amountMinor?: number;
  cashbackMinor?: number;
  currency?: Currency;
  variableSymbol?: string;
  /** On a reversal: the authorization code of the charge it cancels. */
  reversedAuthorizationCode?: string;
  /**
   * Sends the operation; each call is a new transaction with its own reference (the journal's id).
   * `documentReference` is what the customer may be shown (FinancialRequest).
   */
  send(driver: TerminalDriver, ctx: OperationContext, reference: string, documentReference?: string): Promise<TransactionResult>;
}

export interface ClientKind {
  /** The class name scripts use. */
  name: string;
  prepare(args: ArgumentReader): PreparedOperation;
}

/** Payment and return share their arguments and differ only in the driver operation. */
function documentClient(name: string, kind: 'sale' | 'refund', operation: 'pay' | 'refund'): ClientKind {
  return {
    name,
    prepare(args) {
      args.expectCount(2, 3, '(amount, currency, variableSymbol?)');
      const currency = args.currency(1);
      const amountMinor = args.amount(0, currency, 'amount');
      const variableSymbol = args.variableSymbol(2);
      return {
        kind,
        amountMinor,
        currency,
        variableSymbol,
        send: (driver, ctx, reference, documentReference) =>
          driver[operation]({ reference, amountMinor, currency, variableSymbol, documentReference }, ctx),
      };
    },
  };
}

export const CLIENT_KINDS: readonly ClientKind[] = [
  documentClient('TPaymentClient', 'sale', 'pay'),
  {
    name: 'TPaymentWithCashbackClient',
    prepare(args) {
      args.expectCount(3, 4, '(amount, cashbackAmount, currency, variableSymbol?)');
      const currency = args.currency(2);
      const amountMinor = args.amount(0, currency, 'amount');
      const cashbackMinor = args.amount(1, currency, 'cashbackAmount');
      const variableSymbol = args.variableSymbol(3);
      return {
        kind: 'sale-with-cashback',
        amountMinor,
        cashbackMinor,
        currency,
        variableSymbol,
        send: (driver, ctx, reference, documentReference) =>
          driver.payWithCashback({ reference, amountMinor, cashbackMinor, currency, variableSymbol, documentReference }, ctx),
      };
    },
  },
  {
    name: 'TReversalClient',
    prepare(args) {
      args.expectCount(3, 3, '(amount, currency, verificationCode)');
      const currency = args.currency(1);
      const amountMinor = args.amount(0, currency, 'amount');
      const authorizationCode = args.authorizationCode(2);
      return {
        kind: 'reversal',
        amountMinor,
        currency,
        reversedAuthorizationCode: authorizationCode,
        send: (driver, ctx, reference, documentReference) =>
          driver.reverse({ reference, amountMinor, currency, authorizationCode, documentReference }, ctx),
      };
    },
  },
  documentClient('TReturnClient', 'refund', 'refund'),
  {
    name: 'TCloseTotalsClient',
    prepare(args) {
      args.expectCount(0, 0, 'no arguments');
      return { kind: 'close', send: (driver, ctx) => driver.closeTotals(ctx) };
    },
  },
];
