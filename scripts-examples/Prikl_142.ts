// Prikl_142 — the classic cash-desk unit: a day at one desk with a card terminal.
// Cashback for a walk-in customer, an invoice paid by card and then reversed, goods returned to
// the card, and the end of day. Runs unchanged on any terminal the desk is bound to.
import { execute } from './lib/cashier';

const CURRENCY = 'CZK';

interface Document {
  number: string;
  variableSymbol: string;
  total: number;
}

const receipt: Document = { number: 'UC-2024-004410', variableSymbol: '2024004410', total: 300 };
const invoice: Document = { number: 'FV-2024-001234', variableSymbol: '2024001234', total: 1250.0 };
const creditNote: Document = { number: 'DD-2024-000077', variableSymbol: '2024000077', total: 199.9 };

// 1. A walk-in customer buys for 300 and takes 500 in cash from the till (cashback).
execute('Payment with cashback', TPaymentWithCashbackClient.Create(receipt.total, 500, CURRENCY, receipt.variableSymbol));

// 2. A company customer pays the invoice by card, with its variable symbol.
console.log(`Document ${invoice.number}: paying ${invoice.total.toFixed(2)} ${CURRENCY}`);
const payment = execute('Payment', new TPaymentClient(invoice.total, CURRENCY, invoice.variableSymbol));

// 3. The customer's accountant calls: the invoice goes by bank transfer. Storno of the last
//    transaction, identified by its authorization code.
if (payment.Success) {
  execute('Storno', new TReversalClient(invoice.total, CURRENCY, payment.AuthorizationCode));
} else if (payment.Status === 'InDoubt' || payment.Refusal === 'PaymentInDoubt' || payment.Refusal === 'TerminalInDoubt') {
  // The card may be charged (now, or by an earlier attempt still in doubt): another card or cash
  // now could charge the customer twice.
  console.log('The payment is in doubt: take no other card or cash; once the journal settles it, reverse it if it was charged.');
} else {
  console.log('The document stays unpaid; nothing to reverse. Offer another card or cash.');
}

// 4. Goods returned: money back to the card against the credit note.
execute('Return', new TReturnClient(creditNote.total, CURRENCY, creditNote.variableSymbol));

// 5. End of day.
const close = execute('Close totals', TCloseTotalsClient.Create());
for (const total of close.Totals) {
  console.log(`  ${total.Currency}: ${total.Count} transaction(s), ${total.Sum.toFixed(2)}`);
}
