// payscript test <script>: rehearses a script against every outcome on every protocol, on fresh
// embedded simulators, and says which cells broke the expectations.
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isLanguage, LANGUAGES } from '../i18n/catalog.js';
import { BUILT_IN_RULES, type Expectations, expectationFileOf, loadExpectations } from '../rehearsal/expectations.js';
import { renderJunit, renderMatrix } from '../rehearsal/matrix-report.js';
import { parseProtocols, REHEARSAL_TIMEOUT_SECONDS } from '../rehearsal/rehearse-cell.js';
import { rehearse } from '../rehearsal/rehearsal.js';
import { parseOutcomes } from '../rehearsal/scenarios.js';
import { UsageError } from './usage.js';

export async function testCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      protocols: { type: 'string', default: 'all' },
      outcomes: { type: 'string', default: 'all' },
      expect: { type: 'string' },
      json: { type: 'boolean', default: false },
      junit: { type: 'string' },
      lang: { type: 'string' },
    },
  });
  if (positionals.length !== 1) throw new UsageError('test takes exactly one script file');
  const script = resolve(positionals[0]);
  if (!existsSync(script)) throw new UsageError(`script not found: ${positionals[0]}`);
  const protocols = parseProtocols(values.protocols);
  if (!protocols.ok) throw new UsageError(protocols.message);
  const outcomes = parseOutcomes(values.outcomes);
  if (!outcomes.ok) throw new UsageError(outcomes.message);
  if (values.lang !== undefined && !isLanguage(values.lang))
    throw new UsageError(`--lang must be one of ${LANGUAGES.join(', ')}`);
  const expectations = readExpectations(values.expect, script);

  const stop = new AbortController();
  const onInterrupt = () => stop.abort(new Error('rehearsal interrupted (Ctrl+C)'));
  process.once('SIGINT', onInterrupt);
  let cells;
  try {
    cells = await rehearse({
      script,
      roots: [dirname(script)],
      language: values.lang as never,
      timeoutSeconds: REHEARSAL_TIMEOUT_SECONDS,
      stop: stop.signal,
      protocols: protocols.protocols,
      choices: outcomes.choices,
      expectations,
      onCell: values.json
        ? undefined
        : (cell) => process.stderr.write(`  ${cell.ok ? 'ok  ' : 'FAIL'} ${cell.outcome} on ${cell.protocol}\n`),
    });
  } finally {
    process.off('SIGINT', onInterrupt);
  }

  const failed = cells.filter((cell) => !cell.ok).length;
  if (values.junit) writeFileSync(values.junit, renderJunit(relative(process.cwd(), script), cells));
  if (values.json) {
    const shown = cells.map(({ protocol, outcome, ok, failures, end, verdict, transactions, logs, error }) => ({
      protocol,
      outcome,
      ok,
      failures,
      end,
      verdict,
      transactions,
      logs,
      ...(error !== undefined ? { error } : {}),
    }));
    process.stdout.write(`${JSON.stringify({ cells: shown, failed })}\n`);
  } else {
    process.stdout.write(
      renderMatrix(
        cells,
        protocols.protocols,
        outcomes.choices.map((c) => c.label),
      ),
    );
  }
  return failed > 0 ? 1 : 0;
}

/** --expect FILE, else `<script>.expect.json` beside the script, else the built-in rules. */
function readExpectations(given: string | undefined, script: string): Expectations {
  const beside = expectationFileOf(script);
  const path = given !== undefined ? resolve(given) : existsSync(beside) ? beside : undefined;
  if (path === undefined) return { all: BUILT_IN_RULES };
  const loaded = loadExpectations(path);
  if (!loaded.ok) throw new UsageError(loaded.message);
  return loaded.expectations;
}
