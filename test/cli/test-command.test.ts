// payscript test as a consultant runs it: the real CLI as a child process, fresh embedded simulators
// over real sockets, the real sandbox, the simulated bank's ledger against each cell's journal.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { payscript } from '../support/payscript-cli.js';
import { tempDir } from '../support/temp.js';

const PROTOCOLS = ['csob', 'gpe', 'posxml', 'nets', 'viva', 'viva-ecr'];
const CELL_TIMEOUT = 90_000;

interface Cell {
  protocol: string;
  outcome: string;
  ok: boolean;
  failures: string[];
  verdict: string;
  end: string;
  transactions: { client: string; status: string; description: string; refusal?: string }[];
  logs: string[];
  error?: string;
}

/** `payscript test` of `script` on `protocols` (a list or `all`) with `outcomes`, read as JSON. */
async function rehearse(
  script: string,
  protocols: string,
  outcomes: string,
  ...more: string[]
): Promise<{ code: number | null; cells: Cell[]; failed: number }> {
  const args = ['test', script, '--protocols', protocols, '--outcomes', outcomes, ...more, '--json'];
  const result = await payscript(args, tempDir('rehearse-home'));
  expect(result.stderr).toBe('');
  const { cells, failed } = JSON.parse(result.stdout) as { cells: Cell[]; failed: number };
  return { code: result.code, cells, failed };
}

const cellOf = (cells: Cell[], outcome: string, protocol: string) =>
  cells.find((c) => c.outcome === outcome && c.protocol === protocol)!;

const DOUBLE_CHARGE = 'a document was charged twice (1 extra charge(s))';
const FINISHED_CLEAN = { end: 'finished', ok: true, failures: [] };

/** A script rehearsed on every protocol: what each outcome's cell shows on all of them, and the exit. */
interface OnEveryProtocol {
  title: string;
  script: string;
  cells: Record<string, object>;
  failed: number;
  code: number;
}

const ON_EVERY_PROTOCOL: OnEveryProtocol[] = [
  {
    title:
      'forces approved, a decline and a recovered lost answer on every protocol whatever the amount, and audits each journal against its bank',
    script: 'test/fixtures/rehearsal/one-payment.ts',
    cells: {
      approved: {
        transactions: [{ status: 'Approved' }],
        verdict: 'charged once',
        logs: ['payment: Approved'],
        ...FINISHED_CLEAN,
      },
      // 1250.00 has cents 00, which the simulators approve: the decline was forced.
      'issuer-declined': { transactions: [{ status: 'Declined' }], verdict: 'not charged', ...FINISHED_CLEAN },
      // The answer never arrives; the register finds the approval by its lookup.
      'lost-answer-recovered': { transactions: [{ status: 'Approved' }], verdict: 'charged once', ...FINISHED_CLEAN },
    },
    failed: 0,
    code: 0,
  },
  {
    title:
      'kills the host mid card flow and runs the script again on a fresh host: the finished flow is found approved and the retry refused as already paid',
    script: 'test/fixtures/rehearsal/one-payment.ts',
    cells: {
      'host-killed': {
        transactions: [{ status: 'Failed', refusal: 'already-paid' }],
        end: 'finished',
        verdict: 'charged once',
        ok: true,
      },
    },
    failed: 0,
    code: 0,
  },
  {
    title:
      'catches a careless script (pays again with AllowRepeat on any failure) as a double charge when the host was killed mid card flow (exit 1)',
    script: 'test/fixtures/rehearsal/careless.ts',
    cells: {
      // Refused as already paid, then forced through with AllowRepeat.
      'host-killed': { logs: ['payment: Failed', 'payment: Approved'], verdict: 'double charge', failures: [DOUBLE_CHARGE] },
    },
    failed: PROTOCOLS.length,
    code: 1,
  },
  {
    title:
      'catches the careless script as a double charge on lost-answer on every protocol (exit 1): the terminal stays dark until the register gave up, then approves the forced retry',
    script: 'test/fixtures/rehearsal/careless.ts',
    cells: {
      'lost-answer': {
        transactions: [{ status: 'InDoubt' }, { status: 'Approved' }],
        logs: ['payment: InDoubt', 'payment: Approved'],
        verdict: 'double charge',
        ok: false,
        failures: [DOUBLE_CHARGE],
      },
    },
    failed: PROTOCOLS.length,
    code: 1,
  },
  {
    title:
      'leaves the careful Prikl_143 clean on lost-answer on every protocol: its payment stays in doubt for the journal, charged once, never paid again (exit 0)',
    script: 'scripts-examples/Prikl_143.ts',
    cells: {
      'lost-answer': { transactions: [{ status: 'InDoubt' }], verdict: 'in doubt left behind', ok: true, failures: [] },
    },
    failed: 0,
    code: 0,
  },
];

describe('payscript test', () => {
  for (const row of ON_EVERY_PROTOCOL)
    it(
      row.title,
      async () => {
        const { code, cells, failed } = await rehearse(row.script, 'all', Object.keys(row.cells).join(','));
        expect(cells).toHaveLength(Object.keys(row.cells).length * PROTOCOLS.length);
        for (const protocol of PROTOCOLS)
          for (const [outcome, expected] of Object.entries(row.cells))
            expect(cellOf(cells, outcome, protocol), `${outcome} on ${protocol}`).toMatchObject(expected);
        expect([code, failed]).toEqual([row.code, row.failed]);
      },
      CELL_TIMEOUT,
    );

  it(
    'aims a scenario at the n-th sale or refund: issuer-declined@2 declines the second payment of Prikl_142',
    async () => {
      const { cells } = await rehearse('scripts-examples/Prikl_142.ts', 'csob', 'issuer-declined@2');
      expect(cells.map((c) => c.outcome)).toEqual(['issuer-declined@2']);
      expect(cells[0].transactions.map((t) => `${t.client} ${t.status}`)).toEqual([
        'TPaymentWithCashbackClient Approved',
        'TPaymentClient Declined',
        'TReturnClient Approved',
        'TCloseTotalsClient Approved',
      ]);
      expect(cells[0].logs).toContain('The document stays unpaid; nothing to reverse. Offer another card or cash.');
    },
    CELL_TIMEOUT,
  );

  it(
    'passes the examples against their expectation files beside them (exit 0)',
    async () => {
      for (const script of ['scripts-examples/Prikl_142.ts', 'scripts-examples/Prikl_143.ts']) {
        const outcomes = 'approved,issuer-declined,lost-answer,approved-late,host-killed';
        const { code, cells } = await rehearse(script, 'gpe,nets,viva', outcomes);
        expect(cells.filter((c) => !c.ok)).toEqual([]);
        expect(code).toBe(0);
      }
    },
    2 * CELL_TIMEOUT,
  );

  it(
    'fails a cell that breaks an expectation (exit 1), naming each broken rule, and writes one JUnit test case per cell',
    async () => {
      const dir = tempDir('rehearse-expect');
      const expectFile = join(dir, 'strict.expect.json');
      writeFileSync(
        expectFile,
        JSON.stringify({
          outcomes: { 'issuer-declined': { transactions: { '1': 'Approved' }, logs: ['a line the script never logs'] } },
        }),
      );
      const junit = join(dir, 'rehearsal.xml');
      const { code, cells, failed } = await rehearse(
        'test/fixtures/rehearsal/one-payment.ts',
        'csob,posxml',
        'approved,issuer-declined',
        '--expect',
        expectFile,
        '--junit',
        junit,
      );
      expect(code).toBe(1);
      expect(failed).toBe(2);
      expect(cellOf(cells, 'approved', 'csob').ok).toBe(true);
      expect(cellOf(cells, 'issuer-declined', 'posxml').failures).toEqual([
        'transaction 1 should be Approved, was Declined',
        'no line logged containing "a line the script never logs"',
      ]);
      const xml = readFileSync(junit, 'utf8');
      expect(xml.match(/<testcase /g)).toHaveLength(4);
      expect(xml.match(/<failure /g)).toHaveLength(2);
      expect(xml).toContain('<testsuite name="test/fixtures/rehearsal/one-payment.ts" tests="4" failures="2">');
      expect(xml).toContain('name="issuer-declined on csob"');
    },
    CELL_TIMEOUT,
  );

  it(
    'prints the matrix for people: rows of outcomes, columns of protocols, each cell its end, transactions and verdict',
    async () => {
      const result = await payscript(
        ['test', 'test/fixtures/rehearsal/one-payment.ts', '--protocols', 'csob,nets', '--outcomes', 'approved,card-expired'],
        tempDir('rehearse-home'),
      );
      expect(result.code).toBe(0);
      const lines = result.stdout.split('\n');
      expect(lines[0]).toMatch(/^outcome +\| csob +\| nets$/);
      expect(lines.slice(2, 9)).toEqual([
        'approved     | ok · finished | ok · finished',
        '             | 1. Approved   | 1. Approved',
        '             | charged once  | charged once',
        '-------------+---------------+--------------',
        'card-expired | ok · finished | ok · finished',
        '             | 1. Declined   | 1. Declined',
        '             | not charged   | not charged',
      ]);
      expect(result.stdout).toContain('4 of 4 cells passed');
      expect(result.stderr).toContain('ok   card-expired on nets');
    },
    CELL_TIMEOUT,
  );

  it('refuses a bad expectation file or a bad outcome with exit 2, naming the problem', async () => {
    const dir = tempDir('rehearse-bad');
    const badStatus = join(dir, 'bad.expect.json');
    writeFileSync(badStatus, JSON.stringify({ outcomes: { approved: { transactions: { '1': 'Paid' } } } }));
    const result = await payscript(['test', 'test/fixtures/rehearsal/one-payment.ts', '--expect', badStatus], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`expectation file ${badStatus}: outcomes.approved.transactions.1:`);
    const unknown = await payscript(['test', 'test/fixtures/rehearsal/one-payment.ts', '--outcomes', 'approved,sunny-day'], dir);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown outcome "sunny-day"');
  });

  it(
    'fails a cell whose script threw, by the built-in rules, with the error in the JSON',
    async () => {
      const { code, cells } = await rehearse('test/fixtures/rehearsal/throws-on-decline.ts', 'csob', 'approved,issuer-declined');
      expect(cellOf(cells, 'approved', 'csob')).toMatchObject({ ok: true, end: 'finished' });
      expect(cellOf(cells, 'issuer-declined', 'csob')).toMatchObject({
        ok: false,
        end: 'threw',
        error: 'payment Declined',
        failures: ['the script threw: payment Declined'],
        verdict: 'not charged',
      });
      expect(code).toBe(1);
    },
    CELL_TIMEOUT,
  );

  it(
    'catches a document charged twice by the bank as a failed cell by the built-in rules (exit 1)',
    async () => {
      const { code, cells } = await rehearse('test/fixtures/rehearsal/double-tap.ts', 'gpe,viva-ecr', 'approved');
      for (const cell of cells) {
        expect(cell.verdict).toBe('double charge');
        expect(cell.failures).toEqual([DOUBLE_CHARGE]);
      }
      expect(code).toBe(1);
    },
    CELL_TIMEOUT,
  );

  it(
    'shows the careless script charging once on a recovered lost answer and on an approval after the register gave up, because the host recovers the approval or its stop ends the flow',
    async () => {
      const { code, cells } = await rehearse(
        'test/fixtures/rehearsal/careless.ts',
        'all',
        'lost-answer-recovered,busy,approved-late',
      );
      for (const protocol of PROTOCOLS) {
        expect(cellOf(cells, 'lost-answer-recovered', protocol).logs).toEqual(['payment: Approved']);
        // Busy charged nothing, so paying again is harmless here.
        expect(cellOf(cells, 'busy', protocol).logs).toEqual(['payment: Failed', 'payment: Approved']);
        // The letter-field terminals are still connected when the register's wait ends, so its stop
        // ends the card flow unpaid; the others finish the flow (orphanedFlow 'finish') and the
        // register's recovery waits for it and finds the approval.
        const stopped = protocol === 'csob' || protocol === 'gpe';
        expect(cellOf(cells, 'approved-late', protocol).logs).toEqual(
          stopped ? ['payment: Failed', 'payment: Approved'] : ['payment: Approved'],
        );
        expect(cells.filter((c) => c.protocol === protocol).map((c) => c.verdict)).toEqual([
          'charged once',
          'charged once',
          'charged once',
        ]);
      }
      expect(code).toBe(0);
    },
    CELL_TIMEOUT,
  );
});
