// payscript journal list | receipt | settle: the transaction log at the desk, read straight from
// the journal (the file, or the shared database; no terminal is touched, so it works while a host
// runs), settling by hand a transaction whose terminal can no longer answer, and moving the
// journal into PostgreSQL (journal-migrate-command.ts).
import { userInfo } from 'node:os';
import { findConfigFile, loadConfigFile } from '../config/load.js';
import { DEFAULT_LEASE_SECONDS, defaultDataDir } from '../config/schema.js';
import { isLanguage, LANGUAGES, type Language } from '../i18n/catalog.js';
import { entryView, type EntryView } from '../journal/entry-view.js';
import { parseJournalQuery } from '../journal/journal-query.js';
import type { JournalStore } from '../journal/journal-store.js';
import { journalLocation, openJournalStore, type JournalLocation } from '../journal/open-journal.js';
import { hostLeases } from '../host/host-leases.js';
import { describeSettlementError, MANUAL_OUTCOMES, settleByHand, type ManualOutcome } from '../journal/manual-settlement.js';
import { reprintReceipt } from '../journal/receipt-reprint.js';
import { journalMigrateCommand } from './journal-migrate-command.js';
import { parseCommandLine, UsageError } from './usage.js';

const SUBCOMMANDS = {
  list: listCommand,
  receipt: receiptCommand,
  settle: settleCommand,
} satisfies Record<
  string,
  (store: JournalStore, argv: string[], language: Language, location: JournalLocation) => Promise<number>
>;

export async function journalCommand(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  // Two journals, not one: it opens its own.
  if (name === 'migrate') return journalMigrateCommand(rest);
  const subcommand = name && Object.hasOwn(SUBCOMMANDS, name) ? SUBCOMMANDS[name as keyof typeof SUBCOMMANDS] : undefined;
  if (!subcommand) throw new UsageError(`journal takes a subcommand: ${[...Object.keys(SUBCOMMANDS), 'migrate'].join(', ')}`);
  // The whole line is checked before the journal is opened: a typo or --help touches no file.
  const { config, lang } = parseCommandLine(`journal ${name as keyof typeof SUBCOMMANDS}`, rest).values;
  if (lang !== undefined && !isLanguage(lang)) throw new UsageError(`--lang must be one of ${LANGUAGES.join(', ')}`);
  // The journal of this desk's configuration (shared when it names a database); without one, the
  // default data directory unless PAYSCRIPT_JOURNAL_URL names a database.
  const file = findConfigFile(config);
  const settings = file ? await loadConfigFile(file) : undefined;
  const location = journalLocation(settings ?? { dataDir: defaultDataDir() });
  const store = await openJournalStore(location);
  try {
    return await subcommand(store, rest, (lang as Language | undefined) ?? settings?.language ?? 'en', location);
  } finally {
    await store.close();
  }
}

async function listCommand(store: JournalStore, argv: string[], language: Language): Promise<number> {
  const { values, positionals } = parseCommandLine('journal list', argv);
  if (positionals.length) throw new UsageError('journal list takes no arguments besides its options');
  const { json, config: _config, lang: _lang, ...filters } = values;
  const query = parseJournalQuery(filters);
  if (!query.ok) throw new UsageError(query.error);
  const page = await store.query(query.value);
  const items = page.items.map((entry) => entryView(entry, language));
  if (json) {
    process.stdout.write(`${JSON.stringify({ ...page, items })}\n`);
    return 0;
  }
  for (const item of items) process.stdout.write(`${line(item)}\n`);
  const last = page.offset + items.length;
  process.stdout.write(
    `${items.length ? `${page.offset + 1}–${last}` : 'none'} of ${page.total}${last < page.total ? ` (next page: --offset ${last})` : ''}\n`,
  );
  return 0;
}

async function receiptCommand(store: JournalStore, argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine('journal receipt', argv);
  if (positionals.length !== 1) throw new UsageError('journal receipt takes one transaction number or id');
  if (values.copy !== undefined && values.copy !== 'merchant' && values.copy !== 'customer') {
    throw new UsageError('--copy must be merchant or customer');
  }
  const reprint = await reprintReceipt(store, positionals[0]);
  if (!reprint.ok) {
    process.stderr.write(
      `payscript: ${reprint.error === 'not-found' ? `no transaction ${positionals[0]} in the journal` : `transaction ${positionals[0]} has no receipt`}\n`,
    );
    return 1;
  }
  const copies = [
    values.copy !== 'customer' ? reprint.value.merchantReceipt : undefined,
    values.copy !== 'merchant' ? reprint.value.customerReceipt : undefined,
  ].filter((copy): copy is string => copy !== undefined);
  process.stdout.write(`${copies.join('\n\n- - - - - - - - - - - - - - - -\n\n')}\n`);
  return 0;
}

async function settleCommand(
  store: JournalStore,
  argv: string[],
  language: Language,
  location: JournalLocation,
): Promise<number> {
  const { values, positionals } = parseCommandLine('journal settle', argv);
  if (positionals.length !== 1) throw new UsageError('journal settle takes one transaction number or id');
  if (!MANUAL_OUTCOMES.includes(values.as as ManualOutcome)) throw new UsageError(`--as must be ${MANUAL_OUTCOMES.join(' or ')}`);
  if (values.note === undefined) throw new UsageError('--note is required: say how the outcome was checked');
  const id = positionals[0]!;
  // Under the terminal's lease, as a host would settle it: on a shared journal no other host may be
  // sending on that terminal meanwhile, and the write carries the lease's fence.
  const leases = hostLeases({
    url: location.url,
    hostId: location.hostId,
    leaseSeconds: location.leaseSeconds ?? DEFAULT_LEASE_SECONDS,
    journalReady: async () => undefined,
  });
  const settled = await settleByHand(store, leases, id, {
    outcome: values.as as ManualOutcome,
    note: values.note,
    by: values.by ?? userInfoName(),
    authorizationCode: values.auth,
  }).finally(() => leases.close());
  if (!settled.ok) {
    if (settled.error.kind === 'invalid') throw new UsageError(settled.error.message);
    process.stderr.write(`payscript: ${describeSettlementError(id, settled.error)}\n`);
    return 1;
  }
  process.stdout.write(`${line(entryView(settled.value, language))}\n`);
  return 0;
}

/** The operating-system user, as the history's "by" when none is given. */
function userInfoName(): string | undefined {
  try {
    return userInfo().username;
  } catch {
    return undefined;
  }
}

function line(item: EntryView): string {
  const when = item.createdAt.replace('T', ' ').slice(0, 19);
  const money = item.amount ? `${item.amount} ${item.currency ?? ''}` : '';
  return [
    String(item.no).padStart(6),
    when,
    item.terminal.padEnd(10),
    item.client.padEnd(26),
    item.status.padEnd(9),
    money.padStart(16),
    (item.documentReference ?? '').padEnd(10),
    item.description,
  ].join('  ');
}
