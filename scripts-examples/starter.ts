// The example `payscript init` writes into a new project: one card payment for one document,
// and what the cashier is told however it ends. Run it with `payscript run example.ts`.

const DOCUMENT = 'INV-2024-000001';
const payment = new TPaymentClient('149.90', 'CZK');
// The journal refuses a second payment of the same document, so a retried script never charges twice.
payment.DocumentReference = DOCUMENT;
try {
  if (payment.Execute()) {
    console.log(`${DOCUMENT} paid: auth ${payment.AuthorizationCode}, card ${payment.MaskedCardNumber}`);
  } else if (payment.Refusal === 'AlreadyPaid') {
    console.log(`${DOCUMENT} is already paid by card; nothing was charged now.`);
  } else if (payment.Status === 'InDoubt' || payment.Refusal === 'PaymentInDoubt' || payment.Refusal === 'TerminalInDoubt') {
    // In doubt now, or an earlier attempt still is: the card may be charged either way.
    console.error(`${DOCUMENT}: ${payment.LocalizedResponseDescription}. Do NOT charge again until it is settled.`);
  } else {
    console.warn(`${DOCUMENT} not paid: ${payment.LocalizedResponseDescription}. Offer another card or cash.`);
  }
} finally {
  payment.Free();
}
