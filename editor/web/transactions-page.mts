// The Transactions page: the log with filters (terminal, result, date range), paging, and
// receipt reprint.
import { get } from './api.mjs';
import { el, fill } from './dom.mjs';

interface Transaction {
  id: string;
  time: string;
  terminal: string;
  client: string;
  status: string;
  responseCode: string;
  description: string;
  amount?: string;
  currency?: string;
  pc?: string;
  user?: string;
  script: string;
}

const PAGE_SIZE = 25;
const STATUSES = ['Approved', 'Declined', 'Cancelled', 'Failed', 'InDoubt'];

export function showTransactionsPage(container: HTMLElement): void {
  const terminal = el('input', { name: 'terminal', placeholder: 'any', list: 'known-terminals', size: 12 });
  const terminals = el('datalist', { id: 'known-terminals' });
  const status = el('select', { name: 'status' }, el('option', { value: '' }, 'any'), ...STATUSES.map((s) => el('option', { value: s }, s)));
  const from = el('input', { name: 'from', type: 'date' });
  const to = el('input', { name: 'to', type: 'date' });
  const body = el('tbody');
  const pager = el('div', { class: 'pager' });
  const receipt = el('aside', { class: 'receipt', hidden: true });
  let offset = 0;

  const load = async () => {
    const query = new URLSearchParams({ offset: String(offset), limit: String(PAGE_SIZE) });
    for (const [key, control] of Object.entries({ terminal, status, from, to })) if (control.value) query.set(key, control.value);
    const page = await get<{ items: Transaction[]; total: number }>(`/api/transactions?${query}`);
    fill(body, ...(page.items.length ? page.items.map(row) : [el('tr', {}, el('td', { colspan: 9, class: 'empty' }, 'No transactions match.'))]));
    for (const t of page.items) if (!terminals.querySelector(`option[value="${CSS.escape(t.terminal)}"]`)) terminals.append(el('option', { value: t.terminal }));
    const last = Math.min(offset + PAGE_SIZE, page.total);
    fill(
      pager,
      el('span', {}, page.total ? `${offset + 1}–${last} of ${page.total}` : ''),
      el('button', { disabled: offset === 0, onclick: () => ((offset = Math.max(0, offset - PAGE_SIZE)), void load()) }, '‹ Newer'),
      el('button', { disabled: last >= page.total, onclick: () => ((offset += PAGE_SIZE), void load()) }, 'Older ›'),
    );
  };

  const showReceipt = async (t: Transaction) => {
    const { receipt: text } = await get<{ receipt: string }>(`/api/transactions/${encodeURIComponent(t.id)}/receipt`);
    receipt.hidden = false;
    fill(
      receipt,
      el('header', {}, el('h2', {}, `Receipt #${t.id}`), el('button', { class: 'link', onclick: () => (receipt.hidden = true) }, 'close')),
      el('pre', { class: 'receipt-text' }, text),
      el('button', { class: 'primary', onclick: () => window.print() }, 'Print'),
    );
  };

  const row = (t: Transaction) =>
    el(
      'tr',
      {},
      el('td', { class: 'time' }, new Date(t.time).toLocaleString()),
      el('td', {}, t.terminal),
      el('td', {}, t.client),
      el('td', { class: 'num' }, t.amount ? `${t.amount} ${t.currency ?? ''}` : ''),
      el('td', {}, el('span', { class: `badge status-${t.status.toLowerCase()}` }, t.status)),
      el('td', {}, t.description),
      el('td', { class: 'muted' }, [t.pc, t.user].filter(Boolean).join(' / ')),
      el('td', { class: 'muted script' }, t.script),
      el('td', {}, el('button', { class: 'link reprint', onclick: () => void showReceipt(t) }, 'Receipt')),
    );

  container.append(
    el(
      'form',
      { class: 'filters', onsubmit: (e: SubmitEvent) => (e.preventDefault(), (offset = 0), void load()) },
      el('h1', {}, 'Transactions'),
      el('label', {}, 'Terminal', terminal, terminals),
      el('label', {}, 'Result', status),
      el('label', {}, 'From', from),
      el('label', {}, 'To', to),
      el('button', { type: 'submit', class: 'primary' }, 'Filter'),
    ),
    el(
      'div',
      { class: 'transactions-layout' },
      el(
        'div',
        { class: 'table-wrap' },
        el(
          'table',
          { class: 'transactions' },
          el('thead', {}, el('tr', {}, ...['Time', 'Terminal', 'Operation', 'Amount', 'Result', 'Description', 'PC / user', 'Script', ''].map((h) => el('th', {}, h)))),
          body,
        ),
      ),
      receipt,
    ),
    pager,
    el('p', { class: 'hint' }, 'Transactions of this server session; the journal will keep them across restarts.'),
  );
  void load();
}
