// The five clients scripts see: how each reads its arguments and which driver operation it runs.
// One table serves the host handler, the guest prelude (names) and the transaction report.
import { randomUUID } from 'node:crypto';
import type { Currency, OperationContext, TerminalDriver, TransactionResult } from '../runtime/terminals/driver.js';
import { ArgumentReader } from './guest-values.js';

export interface PreparedOperation {
  amountMinor?: number;
  currency?: Currency;
  variableSymbol?: string;
  /** Runs the operation; each call is a new transaction with its own reference. */
  run(driver: TerminalDriver, ctx: OperationContext): Promise<TransactionResult>;
}

export interface ClientKind {
  /** The class name scripts use. */
  name: string;
  prepare(args: ArgumentReader): PreparedOperation;
}

const reference = () => randomUUID();

/** Payment and return share their arguments and differ only in the driver operation. */
function documentClient(name: string, operation: 'pay' | 'refund'): ClientKind {
  return {
    name,
    prepare(args) {
      args.expectCount(2, 3, '(amount, currency, variableSymbol?)');
      const currency = args.currency(1);
      const amountMinor = args.amount(0, currency, 'amount');
      const variableSymbol = args.variableSymbol(2);
      return {
        amountMinor, currency, variableSymbol,
        run: (driver, ctx) => driver[operation]({ reference: reference(), amountMinor, currency, variableSymbol }, ctx),
      };
    },
  };
}

export const CLIENT_KINDS: readonly ClientKind[] = [
  documentClient('TPaymentClient', 'pay'),
  {
    name: 'TPaymentWithCashbackClient',
    prepare(args) {
      args.expectCount(3, 4, '(amount, cashbackAmount, currency, variableSymbol?)');
      const currency = args.currency(2);
      const amountMinor = args.amount(0, currency, 'amount');
      const cashbackMinor = args.amount(1, currency, 'cashbackAmount');
      const variableSymbol = args.variableSymbol(3);
      return {
        amountMinor, currency, variableSymbol,
        run: (driver, ctx) =>
          driver.payWithCashback({ reference: reference(), amountMinor, cashbackMinor, currency, variableSymbol }, ctx),
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
        amountMinor, currency,
        run: (driver, ctx) => driver.reverse({ reference: reference(), amountMinor, currency, authorizationCode }, ctx),
      };
    },
  },
  documentClient('TReturnClient', 'refund'),
  {
    name: 'TCloseTotalsClient',
    prepare(args) {
      args.expectCount(0, 0, 'no arguments');
      return { run: (driver, ctx) => driver.closeTotals(ctx) };
    },
  },
];
