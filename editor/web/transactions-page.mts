// The Transactions page: the transaction journal's log with its filters (terminal, protocol, PC,
// user, date range, result), paging, descriptions in a chosen language, receipt reprint
// (merchant or customer copy) of what the terminal printed, and, for admins, settling by hand a
// transaction whose terminal can no longer answer. Its parts live in transactions/.
import { ApiError, get, type SessionInfo } from './api.mjs';
import { el, fill } from './dom.mjs';
import { rememberedDesk } from './editor/desk-controls.mjs';
import type { Entry, EntryPage } from './transactions/entry-page.mjs';
import { LogFilters } from './transactions/log-filters.mjs';
import { ReceiptDialog } from './transactions/receipt-dialog.mjs';
import { SettleDialog } from './transactions/settle-dialog.mjs';
import { TransactionTable } from './transactions/transaction-table.mjs';

const PAGE_SIZE = 25;

export function showTransactionsPage(container: HTMLElement, session: SessionInfo): void {
  const filters = new LogFilters();
  const lang = el('select', { name: 'lang', title: 'Language of the descriptions' }, el('option', { value: '' }, 'default'));
  const pager = el('div', { class: 'pager' });
  const problem = el('p', { class: 'form-error', role: 'alert' });
  const receipt = new ReceiptDialog();
  const settleDialog = new SettleDialog(() => void load());
  const table = new TransactionTable({
    receipt: (entry) => void shown(receipt.show(entry)),
    settle: session.permissions.includes('transactions.settle') ? (entry) => settleDialog.show(entry) : undefined,
  });
  let offset = 0;

  /** A server refusal shows above the table; anything else is a bug and is thrown on. */
  const shown = async <T,>(answer: Promise<T>): Promise<T | undefined> => {
    try {
      const value = await answer;
      problem.textContent = '';
      return value;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      problem.textContent = error.message;
      return undefined;
    }
  };

  const load = async () => {
    const query = new URLSearchParams({ offset: String(offset), limit: String(PAGE_SIZE) });
    filters.applyTo(query);
    if (lang.value) query.set('lang', lang.value);
    const page = await shown(get<EntryPage>(`/api/transactions?${query}`));
    if (!page) return;
    table.show(page.items);
    page.items.forEach((entry: Entry) => filters.remember(entry));
    showPager(page);
  };

  const showPager = (page: EntryPage) => {
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

  const reset = () => {
    filters.clear();
    offset = 0;
    void load();
  };

  container.append(
    el('h1', {}, 'Transactions'),
    el(
      'form',
      { class: 'filters', onsubmit: (e: SubmitEvent) => (e.preventDefault(), (offset = 0), void load()) },
      ...filters.fields(),
      el('label', {}, 'Language', lang),
      el('button', { type: 'submit', class: 'primary' }, 'Filter'),
      el('button', { type: 'button', onclick: reset }, 'Reset'),
    ),
    problem,
    table.element,
    receipt.element,
    settleDialog.element,
    pager,
    el(
      'p',
      { class: 'hint' },
      'From the transaction journal in the data directory (dataDir): every transaction of the configured terminals.',
    ),
  );

  void descriptionLanguages(session).then((known) => {
    lang.append(...known.map((l) => el('option', { value: l }, l)));
    const desk = rememberedDesk();
    if (desk.lang && known.includes(desk.lang)) lang.value = desk.lang;
    lang.onchange = () => void load();
    void load();
  });
}

/** The languages come with the script tree, which every role that runs scripts reads. */
function descriptionLanguages(session: SessionInfo): Promise<string[]> {
  if (!session.permissions.includes('scripts.run')) return Promise.resolve([]);
  return get<{ languages: string[] }>('/api/scripts').then(
    (answer) => answer.languages,
    () => [],
  );
}
