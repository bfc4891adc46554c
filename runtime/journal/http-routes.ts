// The transaction log over HTTP, relative to where it is mounted (`/api/transactions` in
// `payscript serve`, behind the editor's login; an ERP may mount it on its own server):
// GET  /                  filters as query parameters (see journal-query.ts), paged
// GET  /:id/receipt       the receipt copies of one transaction (id or number)
// POST /:id/settle        settle by hand (manual-settlement.ts), only where `settle` is given;
//                         its JSON body needs express.json() mounted before the router
import { Router, type RequestHandler, type Request, type Response } from 'express';
import { isLanguage, type Language } from '../i18n/catalog.js';
import { entryView, type EntryView } from './entry-view.js';
import { JournalUnavailableError } from './journal-unavailable.js';
import { parseJournalQuery, type JournalQueryText } from './journal-query.js';
import type { TerminalLeases } from '../terminals/terminal-leases.js';
import type { JournalEntry, JournalStore } from './journal-store.js';
import { describeSettlementError, settleByHand, type ManualOutcome } from './manual-settlement.js';
import { reprintReceipt, type Reprint } from './receipt-reprint.js';

export interface JournalRouterOptions {
  /** Asked per request: a server's host, and with it its journal, is replaced when settings change. */
  store(): JournalStore;
  /** The same host's terminal leases: a transaction is settled by hand only under its terminal's lease. */
  leases(): TerminalLeases;
  /** Language of the descriptions unless the request asks `?lang=`. */
  language(): Language;
  /** How a stored script path is shown (the editor shows its own paths, never the server's folders). */
  showScript?(file: string): string;
  /** Settling by hand: who may (a gate before the handler) and who is settling, for the history. */
  settle?: { gate: RequestHandler; by(res: Response): string | undefined };
}

/** Body of `GET /`. */
export interface TransactionListResponse {
  items: EntryView[];
  total: number;
  limit: number;
  offset: number;
}

/** Body of `GET /:id/receipt`. */
export type ReceiptResponse = Reprint;

/** Body of `POST /:id/settle`: the settled transaction as the log shows it. */
export type SettleResponse = EntryView;

/** Body of every 4xx answer, and of the 503 while the journal cannot be used. */
export interface JournalErrorResponse {
  error: string;
}

const QUERY_KEYS = ['terminal', 'protocol', 'location', 'pc', 'user', 'from', 'to', 'status', 'limit', 'offset'] as const;
const SETTLEMENT_STATUS = { 'not-found': 404, settled: 409, 'in-flight': 409, invalid: 400 } as const;

export function createJournalRouter(options: JournalRouterOptions): Router {
  const router = Router();
  const view = (entry: JournalEntry, language: Language): EntryView => {
    const shown = entryView(entry, language);
    return options.showScript && entry.script ? { ...shown, script: options.showScript(entry.script) } : shown;
  };

  router.get('/', async (req: Request, res: Response<TransactionListResponse | JournalErrorResponse>) => {
    const text: JournalQueryText = {};
    for (const key of QUERY_KEYS) {
      const value = req.query[key];
      if (typeof value === 'string') text[key] = value;
    }
    const query = parseJournalQuery(text);
    if (!query.ok) return void res.status(400).json({ error: query.error });
    const lang = req.query.lang;
    if (lang !== undefined && lang !== '' && !isLanguage(lang))
      return void res.status(400).json({ error: `lang must be a known language, got "${String(lang)}"` });
    const language = isLanguage(lang) ? lang : options.language();
    const page = await options.store().query(query.value);
    res.json({ ...page, items: page.items.map((entry) => view(entry, language)) });
  });

  router.get('/:id/receipt', async (req: Request<{ id: string }>, res: Response<ReceiptResponse | JournalErrorResponse>) => {
    const reprint = await reprintReceipt(options.store(), req.params.id);
    if (reprint.ok) return void res.json(reprint.value);
    res.status(404).json({
      error: reprint.error === 'not-found' ? `no transaction ${req.params.id}` : `transaction ${req.params.id} has no receipt`,
    });
  });

  const { settle } = options;
  if (settle) {
    // Body: { outcome: 'approved' | 'failed', note, authorizationCode? }.
    router.post(
      '/:id/settle',
      settle.gate,
      async (req: Request<{ id: string }>, res: Response<SettleResponse | JournalErrorResponse>) => {
        const body = (req.body ?? {}) as Record<string, unknown>;
        const text = (key: string) => (typeof body[key] === 'string' ? (body[key] as string) : undefined);
        const settled = await settleByHand(options.store(), options.leases(), req.params.id, {
          outcome: text('outcome') as ManualOutcome,
          note: text('note') ?? '',
          by: settle.by(res),
          authorizationCode: text('authorizationCode'),
        });
        if (!settled.ok)
          return void res
            .status(SETTLEMENT_STATUS[settled.error.kind])
            .json({ error: describeSettlementError(req.params.id, settled.error) });
        res.json(view(settled.value, options.language()));
      },
    );
  }

  // A journal that cannot be used now is the host's passing state, not a bug: 503 and its cause.
  router.use((error: unknown, _req: Request, res: Response<JournalErrorResponse>, next: (error: unknown) => void) => {
    if (!(error instanceof JournalUnavailableError)) return next(error);
    res.status(503).json({ error: error.message });
  });

  return router;
}
