// The Transactions page's API: the journal's log (runtime/journal/http-routes.ts, same query
// parameters and answers) over the live host's journal, which changes when settings are saved.
// Two differences from the bare journal router: it sits behind login and `transactions.read`,
// and script paths are the editor's virtual paths, never the server's directories. Admins may also
// settle by hand a transaction whose terminal can no longer answer (`transactions.settle`).
import { Router, type Request } from 'express';
import { isLanguage } from '../../../runtime/i18n/catalog.js';
import { entryView } from '../../../runtime/journal/entry-view.js';
import type { ReceiptResponse, TransactionListResponse } from '../../../runtime/journal/http-routes.js';
import { parseJournalQuery, type JournalQueryText } from '../../../runtime/journal/journal-query.js';
import { describeSettlementError, settleByHand, type ManualOutcome } from '../../../runtime/journal/manual-settlement.js';
import { reprintReceipt } from '../../../runtime/journal/receipt-reprint.js';
import { currentSession, requirePermission } from '../auth/require-login.js';
import { HttpError } from '../http-error.js';
import type { LiveHost } from '../live-host.js';
import { runFileScript } from '../runs/script-runner.js';
import type { ScriptFolders } from '../scripts/script-folders.js';

const QUERY_KEYS = ['terminal', 'protocol', 'location', 'pc', 'user', 'from', 'to', 'status', 'limit', 'offset'] as const;

export function transactionRoutes(host: LiveHost, folders: ScriptFolders): Router {
  const router = Router();
  router.use(requirePermission('transactions.read'));

  router.get('/', async (req, res) => {
    const text: JournalQueryText = {};
    for (const key of QUERY_KEYS) {
      const value = req.query[key];
      if (typeof value === 'string') text[key] = value;
    }
    const query = parseJournalQuery(text);
    if (!query.ok) throw new HttpError(400, query.error);
    const lang = req.query.lang;
    if (lang !== undefined && lang !== '' && !isLanguage(lang)) throw new HttpError(400, `lang must be a known language, got "${String(lang)}"`);
    const language = isLanguage(lang) ? lang : host.config.language;
    const page = await host.journal.query(query.value);
    const body: TransactionListResponse = {
      ...page,
      items: page.items.map((entry) => ({ ...entryView(entry, language), script: entry.script && scriptShown(folders, entry.script) })),
    };
    res.json(body);
  });

  router.get('/:id/receipt', async (req, res) => {
    const reprint = await reprintReceipt(host.journal, req.params.id);
    if (!reprint.ok) {
      throw new HttpError(404, reprint.error === 'not-found' ? `no transaction ${req.params.id}` : `transaction ${req.params.id} has no receipt`);
    }
    const body: ReceiptResponse = reprint.value;
    res.json(body);
  });

  // Body: { outcome: 'approved' | 'failed', note, authorizationCode? }; answers the entry as the log shows it.
  router.post('/:id/settle', requirePermission('transactions.settle'), async (req: Request<{ id: string }>, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const text = (key: string) => (typeof body[key] === 'string' ? (body[key] as string) : undefined);
    const settled = await settleByHand(host.journal, req.params.id, {
      outcome: text('outcome') as ManualOutcome,
      note: text('note') ?? '',
      by: currentSession(res).user,
      authorizationCode: text('authorizationCode'),
    });
    if (!settled.ok) {
      const status = { 'not-found': 404, settled: 409, 'in-flight': 409, invalid: 400 }[settled.error.kind];
      throw new HttpError(status, describeSettlementError(req.params.id, settled.error));
    }
    const entry = settled.value;
    res.json({ ...entryView(entry, host.config.language), script: entry.script && scriptShown(folders, entry.script) });
  });

  return router;
}

/**
 * The journal keeps the file the host ran. Unsaved source ran from a hidden file beside the one
 * it stands for, which names it; a file outside the script folders shows its name only.
 */
function scriptShown(folders: ScriptFolders, file: string): string {
  const virtual = folders.virtualPathOf(file);
  if (!virtual) return file.split(/[\\/]/).at(-1) ?? '';
  const unsaved = runFileScript(virtual);
  return unsaved ? `${unsaved} (unsaved)` : virtual;
}
