// Reprint of what the terminal printed: the merchant or the customer copy, in a dialog.
import { get } from '../api.mjs';
import { el, fill } from '../dom.mjs';
import type { Reprint } from '../../../runtime/journal/receipt-reprint.js';
import { amountOf, timeOf, type Entry } from './entry-page.mjs';

export class ReceiptDialog {
  readonly element = el('dialog', { class: 'receipt', 'aria-label': 'Receipt' });

  /** Throws the server's ApiError when the receipt cannot be read. */
  async show(entry: Entry): Promise<void> {
    const reprint = await get<Reprint>(`/api/transactions/${encodeURIComponent(entry.id)}/receipt`);
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
      this.element,
      el(
        'header',
        {},
        el('h2', {}, `Receipt No. ${reprint.no}`),
        el('button', { type: 'button', class: 'link', onclick: () => this.element.close() }, 'close'),
      ),
      el('p', { class: 'muted receipt-of' }, `${entry.client} · ${amountOf(entry)}${timeOf(entry.createdAt)}`),
      el('div', { class: 'copies', role: 'group', 'aria-label': 'Copy' }, ...buttons),
      shown,
      el('button', { type: 'button', class: 'primary', onclick: () => window.print() }, 'Print'),
    );
    choose(copies.find(([, , content]) => content !== undefined)![0]);
    if (!this.element.open) this.element.showModal();
  }
}
