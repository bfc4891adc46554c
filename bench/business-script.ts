// A 200-line business script of the kind a consultant writes: documents, VAT, rounding, a payment.
export function businessScript(): string {
  const lines: string[] = [
    '// Generated for the cold-start bench: shop logic first, then one payment.',
    'interface Line { sku: string; name: string; quantity: number; unitPrice: number; vatRate: number; }',
    'interface Document { number: string; lines: Line[]; discountPercent: number; }',
    '',
    'function roundHalfUp(value: number, decimals: number): number {',
    '  const factor = Math.pow(10, decimals);',
    '  return Math.round(value * factor + Number.EPSILON) / factor;',
    '}',
    '',
  ];
  // Twenty small helpers of eight lines each: the bulk of a real unit, all compiled, few run.
  for (let i = 0; i < 20; i++) {
    lines.push(
      `function rule${i}(doc: Document, amount: number): number {`,
      `  // rule ${i}: a surcharge or discount the shop applies to some documents`,
      `  const applies = doc.lines.some((l) => l.sku.endsWith('${i % 10}') && l.quantity > ${i % 3});`,
      `  if (!applies) return amount;`,
      `  const delta = roundHalfUp(amount * ${(i + 1) / 1000}, 2);`,
      `  return ${i % 2 === 0 ? 'amount - delta' : 'amount + delta'};`,
      '}',
      '',
    );
  }
  lines.push(
    'const RULES = [' + Array.from({ length: 20 }, (_, i) => `rule${i}`).join(', ') + '];',
    '',
    'function lineTotal(line: Line): { net: number; vat: number } {',
    '  const net = roundHalfUp(line.quantity * line.unitPrice, 2);',
    '  return { net, vat: roundHalfUp(net * line.vatRate, 2) };',
    '}',
    '',
    'function documentTotal(doc: Document): number {',
    '  let total = 0;',
    '  for (const line of doc.lines) {',
    '    const { net, vat } = lineTotal(line);',
    '    total += net + vat;',
    '  }',
    '  total = roundHalfUp(total * (1 - doc.discountPercent / 100), 2);',
    '  for (const rule of RULES) total = rule(doc, total);',
    '  return roundHalfUp(total, 2);',
    '}',
    '',
    'const doc: Document = {',
    "  number: '2024001234',",
    '  discountPercent: 0,',
    '  lines: [',
  );
  while (lines.length < 186) {
    const n = lines.length;
    lines.push(`    { sku: 'SKU${n}', name: 'item ${n}', quantity: 0, unitPrice: ${(n % 97) + 0.5}, vatRate: 0.21 },`);
  }
  lines.push(
    "    { sku: 'SKU-PAY', name: 'the one priced line', quantity: 1, unitPrice: 10, vatRate: 0 },",
    '  ],',
    '};',
    '',
    'const amount = documentTotal(doc);',
    'const payment = new TPaymentClient(amount.toFixed(2), "CZK");',
    'if (!payment.Execute()) {',
    '  console.log("payment failed: " + payment.LocalizedResponseDescription);',
    '} else {',
    '  console.log("paid " + amount.toFixed(2) + " auth " + payment.AuthorizationCode);',
    '}',
    'payment.Free();',
  );
  return lines.join('\n') + '\n';
}
