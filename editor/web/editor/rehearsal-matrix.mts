// The rehearsal matrix: a row per outcome, a column per protocol; a cell is grey while pending,
// green when it kept its rules, red when it broke one, with how the script ended, each
// transaction's status and the journal's verdict. A finished cell opens on click.
import { el, fill } from '../dom.mjs';

export interface CellSummary {
  protocol: string;
  outcome: string;
  ok: boolean;
  failures: string[];
  end: string;
  verdict: string;
  transactions: { client: string; status: string; description: string }[];
  error?: string;
}

export class RehearsalMatrix {
  readonly element = el('div', { class: 'rehearsal-matrix' });
  private readonly cells = new Map<string, HTMLTableCellElement>();

  constructor(private readonly onOpen: (cell: CellSummary) => void) {}

  /** A fresh matrix of pending cells. */
  reset(outcomes: readonly string[], protocols: readonly string[]): void {
    this.cells.clear();
    const head = el('tr', {}, el('th', {}, 'outcome'), ...protocols.map((p) => el('th', { scope: 'col' }, p)));
    const rows = outcomes.map((outcome) =>
      el(
        'tr',
        {},
        el('th', { scope: 'row' }, outcome),
        ...protocols.map((protocol) => {
          const td = el('td', { class: 'cell pending', 'data-outcome': outcome, 'data-protocol': protocol }, 'pending');
          this.cells.set(keyOf(outcome, protocol), td);
          return td;
        }),
      ),
    );
    fill(this.element, el('table', {}, el('thead', {}, head), el('tbody', {}, ...rows)));
  }

  show(cell: CellSummary): void {
    const td = this.cells.get(keyOf(cell.outcome, cell.protocol));
    if (!td) return;
    td.className = `cell ${cell.ok ? 'ok' : 'failed'}`;
    td.title = cell.ok ? 'Show this run' : cell.failures.join('\n');
    const button = el(
      'button',
      { class: 'cell-open', onclick: () => this.onOpen(cell) },
      el('span', { class: 'cell-end' }, `${cell.ok ? 'ok' : 'FAIL'} · ${cell.end}`),
      ...cell.transactions.map((t, i) =>
        el('span', { class: `badge status-${t.status.toLowerCase()}`, title: t.description }, `${i + 1}. ${t.status}`),
      ),
      el('span', { class: 'cell-verdict' }, cell.verdict),
    );
    fill(td, button);
  }

  markOpen(cell: CellSummary): void {
    for (const td of this.cells.values()) td.classList.remove('open');
    this.cells.get(keyOf(cell.outcome, cell.protocol))?.classList.add('open');
  }
}

const keyOf = (outcome: string, protocol: string) => `${outcome}\n${protocol}`;
