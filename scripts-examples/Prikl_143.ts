// Prikl_143 — an invoice paid by card without ever charging it twice. A card that was declined or
// cancelled, or a flow that failed, charged nothing: the customer may try once more (the host itself
// refuses a second payment of a paid document). An answer in doubt is never paid again: the cashier
// checks the terminal, and the host settles the transaction by a lookup.
import { execute } from './lib/cashier';

const CURRENCY = 'CZK';
const invoice = { number: 'FV-2024-001235', variableSymbol: '2024001235', total: 1250.0 };

const pay = (what: string) => execute(what, new TPaymentClient(invoice.total, CURRENCY, invoice.variableSymbol));

/** Nothing was charged and the host sent the request: another card or another try is safe. */
const chargedNothing = (payment: TPaymentClient) =>
  !payment.Refusal && (payment.Status === 'Declined' || payment.Status === 'Cancelled' || payment.Status === 'Failed');

console.log(`Document ${invoice.number}: paying ${invoice.total.toFixed(2)} ${CURRENCY}`);
let payment = pay('Payment');
if (chargedNothing(payment)) {
  console.log('Nothing was charged: the customer may try again (another card, or the same once more).');
  payment = pay('Payment, second try');
}

if (payment.Success) {
  console.log(`Document ${invoice.number} is paid (auth ${payment.AuthorizationCode}).`);
} else if (payment.Status === 'InDoubt' || payment.Refusal === 'PaymentInDoubt' || payment.Refusal === 'TerminalInDoubt') {
  console.error(
    `Document ${invoice.number}: ask the cashier to check the terminal's display and receipt. Do not charge again; the journal settles it.`,
  );
} else if (payment.Refusal === 'AlreadyPaid') {
  console.log(`Document ${invoice.number} was already paid by card; nothing charged now.`);
} else {
  console.log(`Document ${invoice.number} stays unpaid: offer cash or a bank transfer.`);
}
