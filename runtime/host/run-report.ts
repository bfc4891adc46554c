import type { TransactionReport } from '../../bindings/result-view.js';

/** What `payscript run --json` prints and the editor shows for one script run. */
export interface RunReport {
  ok: boolean;
  logs: string[];
  error?: { message: string; file?: string; line?: number; column?: number };
  transactions: TransactionReport[];
}
