import type { TransactionReport } from '../../bindings/result-view.js';
import type { DroppedOutput } from '../sandbox/index.js';

/** What `payscript run --json` prints and the editor shows for one script run. */
export interface RunReport {
  ok: boolean;
  /** Console lines, bounded by limits.outputKiB; the last one says what was dropped, if anything was. */
  logs: string[];
  /** Console lines dropped over limits.outputKiB; present only when some were. */
  outputDropped?: DroppedOutput;
  error?: { message: string; file?: string; line?: number; column?: number };
  transactions: TransactionReport[];
}
