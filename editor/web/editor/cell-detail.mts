// One rehearsal cell opened from the matrix: the rules it broke, each transaction with its
// description, the script's console output and the end of that run's session log.
import { get } from '../api.mjs';
import { el, fill } from '../dom.mjs';
import type { CellSummary } from './rehearsal-matrix.mjs';

interface CellDetail extends CellSummary {
  logs: string[];
  sessionLog: string[];
}

export class CellDetailView {
  readonly element = el('div', { class: 'cell-detail' });

  clear(): void {
    fill(this.element);
  }

  async show(rehearsalId: string, cell: CellSummary): Promise<void> {
    const path = `/api/rehearsals/${encodeURIComponent(rehearsalId)}/cells/${encodeURIComponent(cell.outcome)}/${encodeURIComponent(cell.protocol)}`;
    const detail = await get<CellDetail>(path);
    fill(
      this.element,
      el(
        'h3',
        {},
        `${detail.outcome} on ${detail.protocol}: ${detail.ok ? 'passed' : 'failed'} · ${detail.end} · ${detail.verdict}`,
      ),
      detail.failures.length > 0 ? el('ul', { class: 'cell-failures' }, ...detail.failures.map((f) => el('li', {}, f))) : null,
      el(
        'ol',
        { class: 'cell-transactions' },
        ...detail.transactions.map((t) =>
          el(
            'li',
            {},
            el('span', { class: `badge status-${t.status.toLowerCase()}` }, t.status),
            ` ${t.client}: ${t.description}`,
          ),
        ),
      ),
      el('h4', {}, 'Output'),
      el(
        'pre',
        { class: 'cell-output' },
        [...detail.logs, ...(detail.error ? [`■ ${detail.error}`] : [])].join('\n') || '(nothing logged)',
      ),
      el('h4', {}, 'Session log'),
      el('pre', { class: 'cell-session-log' }, detail.sessionLog.join('\n')),
    );
  }
}
