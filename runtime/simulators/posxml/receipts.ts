// Receipt text the simulated terminal returns when asked (ReturnReceipts = line width, spec §2.3),
// laid out like the spec's Appendix 1 examples.
export interface ReceiptFacts {
  title: string;
  terminalId: string;
  stan: string;
  dateTime: string;
  amountMinor: number;
  currencyName: string;
  maskedPan?: string;
  authorizationNo?: string;
  result: string;
}

export function receiptText(facts: ReceiptFacts, copy: 'merchant' | 'customer', width: number): string {
  const pair = (left: string, right: string) => `${left}${right.padStart(Math.max(1, width - left.length))}`;
  return [
    facts.title,
    'PoSXML SIMULATOR, TALLINN',
    pair(`Terminal:${facts.terminalId}`, `Receipt:${facts.stan}`),
    `Time:${facts.dateTime}`,
    ...(facts.authorizationNo ? [`Author. no: ${facts.authorizationNo}`] : []),
    facts.result,
    pair('Amount:', `${formatAmount(facts.amountMinor)} ${facts.currencyName}`),
    ...(facts.maskedPan ? [`PAN:${facts.maskedPan}`] : []),
    ...(copy === 'customer' ? ['Retain receipt for statement verification'] : []),
  ]
    .map((line) => line.slice(0, width))
    .join('\n');
}

function formatAmount(minor: number): string {
  return `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;
}
