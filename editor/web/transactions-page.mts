// The Transactions page: the transaction journal's log with its filters (terminal, protocol, PC,
// user, date range, result), paging, descriptions in a chosen language, receipt reprint
// (merchant or customer copy) of what the terminal printed, and, for admins, settling by hand a
// transaction whose terminal can no longer answer.
import { ApiError, get, post, type SessionInfo } from './api.mjs';
import { el, fill } from './dom.mjs';
import type { EntryView } from '../../runtime/journal/entry-view.js';
import type { Reprint } from '../../runtime/journal/receipt-reprint.js';

// The server's own answer types: a type-only import, so nothing of the host reaches the bundle.
/** A journal entry as `GET /api/transactions` lists it. */
type Entry = EntryView;

/** `GET /api/transactions`. */
interface EntryPage {
  items: Entry[];
  total: number;
  limit: number;
  offset: number;
}

const PAGE_SIZE = 25;
/** The journal's result groups, as the cash desk's staff think of them. */
const RESULTS: [string, string][] = [
  ['success', 'Success'],
  ['pending', 'Pending'],
  ['failed', 'Failed'],
  ['aborted', 'Aborted'],
];
/** The editor page's desk (PC, user, language): its language is this page's default too. */
const DESK = 'payscript.editor.desk';

export function showTransactionsPage(container: HTMLElement, session: SessionInfo): void {
  const desk = JSON.parse(localStorage.getItem(DESK) ?? '{}') as { pc?: string; user?: string; lang?: string };
  const seen = { terminal: new Set<string>(), protocol: new Set<string>(), pc: new Set<string>(), user: new Set<string>() };
  const lists = {
    terminal: el('datalist', { id: 'known-terminals' }),
    protocol: el('datalist', { id: 'known-protocols' }),
    pc: el('datalist', { id: 'known-pcs' }),
    user: el('datalist', { id: 'known-users' }),
  };
  const text = (name: keyof typeof lists) => el('input', { name, placeholder: 'any', list: lists[name].id, size: 9 });
  const filters = {
    terminal: text('terminal'),
    protocol: text('protocol'),
    pc: text('pc'),
    user: text('user'),
    from: el('input', { name: 'from', type: 'date' }),
    to: el('input', { name: 'to', type: 'date' }),
    status: el(
      'select',
      { name: 'status' },
      el('option', { value: '' }, 'any'),
      ...RESULTS.map(([value, label]) => el('option', { value }, label)),
    ),
  };
  const lang = el('select', { name: 'lang', title: 'Language of the descriptions' }, el('option', { value: '' }, 'default'));
  const body = el('tbody');
  const pager = el('div', { class: 'pager' });
  const problem = el('p', { class: 'form-error', role: 'alert' });
  const receipt = el('dialog', { class: 'receipt', 'aria-label': 'Receipt' });
  const settleDialog = el('dialog', { class: 'settle', 'aria-label': 'Settle by hand' });
  const maySettle = session.permissions.includes('transactions.settle');
  let offset = 0;

  const load = async () => {
    const query = new URLSearchParams({ offset: String(offset), limit: String(PAGE_SIZE) });
    for (const [key, control] of Object.entries(filters)) if (control.value.trim()) query.set(key, control.value.trim());
    if (lang.value) query.set('lang', lang.value);
    let page: EntryPage;
    try {
      page = await get<EntryPage>(`/api/transactions?${query}`);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      problem.textContent = error.message;
      return;
    }
    problem.textContent = '';
    fill(
      body,
      ...(page.items.length
        ? page.items.map(row)
        : [el('tr', {}, el('td', { colspan: 10, class: 'empty' }, 'No transactions match.'))]),
    );
    for (const entry of page.items) remember(entry);
    const last = Math.min(offset + page.items.length, page.total);
    fill(
      pager,
      el('span', { class: 'range' }, page.total ? `${offset + 1}–${last} of ${page.total}` : ''),
      el(
        'button',
        { type: 'button', disabled: offset === 0, onclick: () => ((offset = Math.max(0, offset - PAGE_SIZE)), void load()) },
        '‹ Newer',
      ),
      el(
        'button',
        { type: 'button', disabled: last >= page.total, onclick: () => ((offset += PAGE_SIZE), void load()) },
        'Older ›',
      ),
    );
  };

  /** Offers the terminals, protocols, PCs and users seen so far in the filters' lists. */
  const remember = (entry: Entry) => {
    for (const key of ['terminal', 'protocol', 'pc', 'user'] as const) {
      const value = entry[key];
      if (!value || seen[key].has(value)) continue;
      seen[key].add(value);
      lists[key].append(el('option', { value }));
    }
  };

  const showReceipt = async (entry: Entry) => {
    let reprint: Reprint;
    try {
      reprint = await get<Reprint>(`/api/transactions/${encodeURIComponent(entry.id)}/receipt`);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      problem.textContent = error.message;
      return;
    }
    const copies: [string, string, string | undefined][] = [
      ['merchant', 'Merchant copy', reprint.merchantReceipt],
      ['customer', 'Customer copy', reprint.customerReceipt],
    ];
    const shown = el('pre', { class: 'receipt-text' });
    const buttons = copies.map(([copy, label, content]) =>
      el(
        'button',
        { type: 'button', class: 'copy', 'data-copy': copy, disabled: content === undefined, onclick: () => choose(copy) },
        label,
      ),
    );
    const choose = (copy: string) => {
      shown.textContent = copies.find(([c]) => c === copy)?.[2] ?? '';
      for (const button of buttons) button.classList.toggle('active', button.dataset.copy === copy);
    };
    fill(
      receipt,
      el(
        'header',
        {},
        el('h2', {}, `Receipt No. ${reprint.no}`),
        el('button', { type: 'button', class: 'link', onclick: () => receipt.close() }, 'close'),
      ),
      el(
        'p',
        { class: 'muted receipt-of' },
        `${entry.client} · ${entry.amount ? `${entry.amount} ${entry.currency ?? ''} · ` : ''}${timeOf(entry.createdAt)}`,
      ),
      el('div', { class: 'copies', role: 'group', 'aria-label': 'Copy' }, ...buttons),
      shown,
      el('button', { type: 'button', class: 'primary', onclick: () => window.print() }, 'Print'),
    );
    choose(copies.find(([, , content]) => content !== undefined)![0]);
    if (!receipt.open) receipt.showModal();
  };

  const showSettle = (entry: Entry) => {
    const outcome = el(
      'select',
      { name: 'outcome' },
      el('option', { value: 'approved' }, 'Approved: the customer was charged'),
      el('option', { value: 'failed' }, 'Failed: nothing was charged'),
    );
    const authorizationCode = el('input', { name: 'authorizationCode', size: 12, placeholder: 'from the report' });
    const note = el('textarea', {
      name: 'note',
      rows: 3,
      cols: 48,
      required: true,
      placeholder: 'How was the outcome checked? (terminal report, bank statement)',
    });
    const error = el('p', { class: 'form-error', role: 'alert' });
    const submit = async (e: SubmitEvent) => {
      e.preventDefault();
      try {
        await post(`/api/transactions/${encodeURIComponent(entry.id)}/settle`, {
          outcome: outcome.value,
          note: note.value,
          ...(outcome.value === 'approved' &&
            authorizationCode.value.trim() && { authorizationCode: authorizationCode.value.trim() }),
        });
      } catch (failure) {
        if (!(failure instanceof ApiError)) throw failure;
        error.textContent = failure.message;
        return;
      }
      settleDialog.close();
      void load();
    };
    fill(
      settleDialog,
      el(
        'header',
        {},
        el('h2', {}, `Settle No. ${entry.no} by hand`),
        el('button', { type: 'button', class: 'link', onclick: () => settleDialog.close() }, 'close'),
      ),
      el(
        'p',
        { class: 'muted' },
        `${entry.client} · ${entry.amount ? `${entry.amount} ${entry.currency ?? ''} · ` : ''}${entry.terminal} · ${entry.status}`,
      ),
      el(
        'p',
        { class: 'hint' },
        'Only when the terminal can no longer answer: the outcome, your note and your name stay in the journal.',
      ),
      el(
        'form',
        { onsubmit: (e: SubmitEvent) => void submit(e) },
        el('label', {}, 'Outcome', outcome),
        el('label', {}, 'Authorization code', authorizationCode),
        el('label', {}, 'Note', note),
        error,
        el('button', { type: 'submit', class: 'primary' }, 'Settle'),
      ),
    );
    if (!settleDialog.open) settleDialog.showModal();
  };

  const actions = (entry: Entry) => [
    entry.hasReceipt
      ? el('button', { type: 'button', class: 'link reprint', onclick: () => void showReceipt(entry) }, 'Receipt')
      : null,
    maySettle && (entry.status === 'pending' || entry.status === 'in-doubt')
      ? el('button', { type: 'button', class: 'link settle', onclick: () => showSettle(entry) }, 'Settle…')
      : null,
  ];

  const row = (entry: Entry) =>
    el(
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
      el('td', { class: 'nowrap' }, ...actions(entry)),
    );

  const reset = () => {
    for (const control of Object.values(filters)) control.value = '';
    offset = 0;
    void load();
  };

  container.append(
    el('h1', {}, 'Transactions'),
    el(
      'form',
      { class: 'filters', onsubmit: (e: SubmitEvent) => (e.preventDefault(), (offset = 0), void load()) },
      el('label', {}, 'Terminal', filters.terminal),
      el('label', {}, 'Protocol', filters.protocol),
      el('label', {}, 'PC', filters.pc),
      el('label', {}, 'User', filters.user),
      el('label', {}, 'From', filters.from),
      el('label', {}, 'To', filters.to),
      el('label', {}, 'Result', filters.status),
      el('label', {}, 'Language', lang),
      el('button', { type: 'submit', class: 'primary' }, 'Filter'),
      el('button', { type: 'button', onclick: reset }, 'Reset'),
      ...Object.values(lists),
    ),
    problem,
    el(
      'div',
      { class: 'table-wrap' },
      el(
        'table',
        { class: 'transactions' },
        el(
          'thead',
          {},
          el(
            'tr',
            {},
            ...[
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
            ].map((h) => el('th', {}, h)),
          ),
        ),
        body,
      ),
    ),
    receipt,
    settleDialog,
    pager,
    el(
      'p',
      { class: 'hint' },
      'From the transaction journal in the data directory (dataDir): every transaction of the configured terminals.',
    ),
  );

  // The languages come with the script tree, which every role that runs scripts reads.
  const languages = session.permissions.includes('scripts.run')
    ? get<{ languages: string[] }>('/api/scripts').then(
        (answer) => answer.languages,
        () => [] as string[],
      )
    : Promise.resolve([] as string[]);
  void languages.then((known) => {
    lang.append(...known.map((l) => el('option', { value: l }, l)));
    if (desk.lang && known.includes(desk.lang)) lang.value = desk.lang;
    lang.onchange = () => void load();
    void load();
  });
}

/** Local time, compact and sortable: 2026-11-23 17:19:45. */
function timeOf(iso: string): string {
  const t = new Date(iso);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${t.getFullYear()}-${two(t.getMonth() + 1)}-${two(t.getDate())} ${two(t.getHours())}:${two(t.getMinutes())}:${two(t.getSeconds())}`;
}
