// The transaction log over HTTP for the editor's log page; `payscript serve` mounts it:
//   app.use(createJournalRouter({ store: host.journal, language: host.config.language }))
// GET /api/transactions            filters as query parameters (see journal-query.ts), paged
// GET /api/transactions/:id/receipt the receipt copies of one transaction (id or number)
import { Router, type Request, type Response } from 'express';
import { isLanguage, type Language } from '../i18n/catalog.js';
import { entryView, type EntryView } from './entry-view.js';
import { parseJournalQuery, type JournalQueryText } from './journal-query.js';
import type { JournalStore } from './journal-store.js';
import { reprintReceipt, type Reprint } from './receipt-reprint.js';

export interface JournalRouterOptions {
  store: JournalStore;
  /** Language of the descriptions unless the request asks `?lang=`. */
  language: Language;
}

/** Body of `GET /api/transactions`. */
export interface TransactionListResponse {
  items: EntryView[];
  total: number;
  limit: number;
  offset: number;
}

/** Body of `GET /api/transactions/:id/receipt`. */
export type ReceiptResponse = Reprint;

/** Body of every 4xx answer. */
export interface JournalErrorResponse {
  error: string;
}

const QUERY_KEYS = ['terminal', 'protocol', 'location', 'pc', 'user', 'from', 'to', 'status', 'limit', 'offset'] as const;

export function createJournalRouter(options: JournalRouterOptions): Router {
  const router = Router();

  router.get('/api/transactions', async (req: Request, res: Response<TransactionListResponse | JournalErrorResponse>) => {
    const text: JournalQueryText = {};
    for (const key of QUERY_KEYS) {
      const value = req.query[key];
      if (typeof value === 'string') text[key] = value;
    }
    const query = parseJournalQuery(text);
    if (!query.ok) return void res.status(400).json({ error: query.error });
    const language = isLanguage(req.query.lang) ? req.query.lang : options.language;
    const page = await options.store.query(query.value);
    res.json({ ...page, items: page.items.map((entry) => entryView(entry, language)) });
  });

  router.get('/api/transactions/:id/receipt', async (req: Request<{ id: string }>, res: Response<ReceiptResponse | JournalErrorResponse>) => {
    const reprint = await reprintReceipt(options.store, req.params.id);
    if (reprint.ok) return void res.json(reprint.value);
    res.status(404).json({ error: reprint.error === 'not-found' ? `no transaction ${req.params.id}` : `transaction ${req.params.id} has no receipt` });
  });

  return router;
}
