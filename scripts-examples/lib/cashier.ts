// Shared helpers of the cash-desk units: how the cashier is told about a terminal's answer.

/** One line for the cashier's screen after a terminal operation. */
export function announce(what: string, client: TTerminalClient): void {
  if (client.Success) {
    console.log(
      `${what}: ${client.LocalizedResponseDescription} (auth ${client.AuthorizationCode || '-'}, card ${client.MaskedCardNumber || '-'})`,
    );
    return;
  }
  switch (client.Status) {
    case 'Declined':
      console.warn(`${what} declined: ${client.LocalizedResponseDescription}. Ask the customer for another card or cash.`);
      break;
    case 'Cancelled':
      console.warn(`${what} cancelled: ${client.LocalizedResponseDescription}.`);
      break;
    case 'InDoubt':
      console.error(`${what}: ${client.LocalizedResponseDescription}. Do NOT charge again until it is settled.`);
      break;
    default:
      console.error(`${what} failed: ${client.LocalizedResponseDescription} (code ${client.ResponseCode || 'none'}).`);
  }
}

/** Runs a client and always releases the terminal, as the Pascal units did with try/finally. */
export function execute<T extends TTerminalClient>(what: string, client: T): T {
  try {
    client.Execute();
    announce(what, client);
    return client;
  } finally {
    client.Free();
  }
}
