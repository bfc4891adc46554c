// The log's table: one row per transaction, with its receipt and settle actions.
import { el, fill } from '../dom.mjs';
import { timeOf, type Entry } from './entry-page.mjs';

const HEADINGS = [
  'No.',
  'Time',
  'Terminal',
  'Operation',
  'Amount',
  'Result',
  'Description',
  'Card / auth.',
  'PC / user · script',
  '',
];

export interface RowActions {
  receipt(entry: Entry): void;
  /** Absent for those who may not settle by hand. */
  settle?: (entry: Entry) => void;
}

export class TransactionTable {
  private readonly body = el('tbody');
  readonly element = el(
    'div',
    { class: 'table-wrap' },
    el('table', { class: 'transactions' }, el('thead', {}, el('tr', {}, ...HEADINGS.map((h) => el('th', {}, h)))), this.body),
  );

  constructor(private readonly actions: RowActions) {}

  show(entries: readonly Entry[]): void {
    fill(
      this.body,
      ...(entries.length
        ? entries.map((entry) => this.row(entry))
        : [el('tr', {}, el('td', { colspan: HEADINGS.length, class: 'empty' }, 'No transactions match.'))]),
    );
  }

  private row(entry: Entry): HTMLTableRowElement {
    return el(
      'tr',
      { 'data-no': entry.no },
      el('td', { class: 'num muted' }, String(entry.no)),
      el('td', { class: 'time' }, timeOf(entry.createdAt)),
      el('td', { class: 'nowrap' }, entry.terminal, el('span', { class: 'sub' }, entry.protocol)),
      el('td', {}, entry.client, entry.variableSymbol ? el('span', { class: 'sub' }, `VS ${entry.variableSymbol}`) : null),
      el(
        'td',
        { class: 'num' },
        entry.amount ? `${entry.amount} ${entry.currency ?? ''}` : '',
        entry.cashback ? el('span', { class: 'sub' }, `cashback ${entry.cashback}`) : null,
      ),
      el('td', {}, el('span', { class: `badge status-${entry.status}` }, entry.status)),
      el(
        'td',
        { class: 'description', title: entry.responseCode ? `response code ${entry.responseCode}` : undefined },
        entry.description,
      ),
      el(
        'td',
        { class: 'muted nowrap' },
        entry.maskedCardNumber ?? '',
        entry.authorizationCode ? el('span', { class: 'sub' }, `auth. ${entry.authorizationCode}`) : null,
      ),
      el(
        'td',
        { class: 'muted desk' },
        [entry.pc, entry.user].filter(Boolean).join(' / '),
        // Who was logged in: an admin trying a binding may have run as another desk's user.
        entry.account ? el('span', { class: 'sub account' }, `by ${entry.account}`) : null,
        el('span', { class: 'sub script', title: entry.script }, entry.script ?? ''),
      ),
      el('td', { class: 'nowrap' }, ...this.buttons(entry)),
    );
  }

  private buttons(entry: Entry): (HTMLElement | null)[] {
    const { receipt, settle } = this.actions;
    return [
      entry.hasReceipt ? el('button', { type: 'button', class: 'link reprint', onclick: () => receipt(entry) }, 'Receipt') : null,
      settle && (entry.status === 'pending' || entry.status === 'in-doubt')
        ? el('button', { type: 'button', class: 'link settle', onclick: () => settle(entry) }, 'Settle…')
        : null,
    ];
  }
}
