// The Transactions page: filtered, paged list and receipt reprint.
import { Router } from 'express';
import { requirePermission } from '../auth/require-login.js';
import { HttpError } from '../http-error.js';
import type { ScriptStatus } from '../../../bindings/result-view.js';
import type { TransactionLog, TransactionQuery } from './transaction-log.js';

const STATUSES: ScriptStatus[] = ['Approved', 'Declined', 'Cancelled', 'Failed', 'InDoubt'];
const MAX_PAGE = 200;


export function transactionRoutes(log: TransactionLog): Router {
  const router = Router();
  router.use(requirePermission('transactions.read'));

  router.get('/', async (req, res) => {
    res.json(await log.list(parseQuery(req.query as Record<string, unknown>)));
  });

  router.get('/:id/receipt', async (req, res) => {
    const receipt = await log.receipt(req.params.id);
    if (receipt === undefined) {
      res.status(404).json({ error: `no transaction "${req.params.id}"` });
      return;
    }
    res.json({ id: req.params.id, receipt });
  });

  return router;
}

function parseQuery(q: Record<string, unknown>): TransactionQuery {
  const text = (key: string) => (typeof q[key] === 'string' && q[key] !== '' ? (q[key] as string) : undefined);
  const status = text('status');
  if (status !== undefined && !STATUSES.includes(status as ScriptStatus)) {
    throw new HttpError(400, `status must be one of ${STATUSES.join(', ')}`);
  }
  for (const key of ['from', 'to']) {
    const value = text(key);
    if (value !== undefined && Number.isNaN(Date.parse(value))) throw new HttpError(400, `${key} must be a date (YYYY-MM-DD) or an ISO date-time`);
  }
  const offset = Number(text('offset') ?? 0);
  const limit = Number(text('limit') ?? 50);
  if (!Number.isInteger(offset) || offset < 0) throw new HttpError(400, 'offset must be a whole number ≥ 0');
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) throw new HttpError(400, `limit must be 1–${MAX_PAGE}`);
  return { terminal: text('terminal'), status: status as ScriptStatus | undefined, from: text('from'), to: text('to'), offset, limit };
}
