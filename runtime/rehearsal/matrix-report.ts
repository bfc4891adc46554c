// How a rehearsal is shown: a text matrix (rows = outcomes, columns = protocols) and JUnit XML.
import type { JudgedCell } from './rehearsal.js';

/** One cell's lines: pass or FAIL with the script's end, each transaction's status, the journal's verdict. */
function cellLines(cell: JudgedCell): string[] {
  return [`${cell.ok ? 'ok' : 'FAIL'} · ${cell.end}`, ...cell.transactions.map((t, i) => `${i + 1}. ${t.status}`), cell.verdict];
}

export function renderMatrix(cells: readonly JudgedCell[], protocols: readonly string[], outcomes: readonly string[]): string {
  const grid = outcomes.map((outcome) =>
    protocols.map((protocol) => cellLines(cells.find((c) => c.outcome === outcome && c.protocol === protocol)!)),
  );
  const outcomeWidth = Math.max('outcome'.length, ...outcomes.map((o) => o.length));
  const widths = protocols.map((protocol, p) =>
    Math.max(protocol.length, ...grid.flatMap((row) => row[p].map((line) => line.length))),
  );
  const line = (first: string, rest: string[]) =>
    `${first.padEnd(outcomeWidth)} | ${rest.map((text, p) => text.padEnd(widths[p])).join(' | ')}`.trimEnd();
  const rule = `${'-'.repeat(outcomeWidth)}-+-${widths.map((w) => '-'.repeat(w)).join('-+-')}`;
  const out = [line('outcome', [...protocols]), rule];
  grid.forEach((row, o) => {
    const height = Math.max(...row.map((lines) => lines.length));
    for (let i = 0; i < height; i += 1)
      out.push(
        line(
          i === 0 ? outcomes[o] : '',
          row.map((lines) => lines[i] ?? ''),
        ),
      );
    out.push(rule);
  });
  const failed = cells.filter((c) => !c.ok);
  out.push(`${cells.length - failed.length} of ${cells.length} cells passed`);
  for (const cell of failed) out.push(`FAIL ${cell.outcome} on ${cell.protocol}: ${cell.failures.join('; ')}`);
  return `${out.join('\n')}\n`;
}

const escapeXml = (text: string) =>
  text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

/** One test case per cell, named `<outcome> on <protocol>`, in a suite named after the script. */
export function renderJunit(script: string, cells: readonly JudgedCell[]): string {
  const failures = cells.filter((c) => !c.ok).length;
  const cases = cells.map((cell) => {
    const open = `  <testcase classname="${escapeXml(script)}" name="${escapeXml(`${cell.outcome} on ${cell.protocol}`)}">`;
    const output = `    <system-out>${escapeXml([...cellLines(cell), ...cell.logs].join('\n'))}</system-out>`;
    const failure = cell.ok ? [] : [`    <failure message="${escapeXml(cell.failures.join('; '))}"/>`];
    return [open, ...failure, output, '  </testcase>'].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuite name="${escapeXml(script)}" tests="${cells.length}" failures="${failures}">`,
    ...cases,
    '</testsuite>',
    '',
  ].join('\n');
}
