// Settling by hand (admins): a transaction whose terminal can no longer answer gets the outcome a
// person checked, with their note; the journal keeps both and their name.
import { ApiError, post } from '../api.mjs';
import { el, fill } from '../dom.mjs';
import { amountOf, type Entry } from './entry-page.mjs';

export class SettleDialog {
  readonly element = el('dialog', { class: 'settle', 'aria-label': 'Settle by hand' });

  /** `settled` runs after the journal took the outcome. */
  constructor(private readonly settled: () => void) {}

  show(entry: Entry): void {
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
      this.element.close();
      this.settled();
    };
    fill(
      this.element,
      el(
        'header',
        {},
        el('h2', {}, `Settle No. ${entry.no} by hand`),
        el('button', { type: 'button', class: 'link', onclick: () => this.element.close() }, 'close'),
      ),
      el('p', { class: 'muted' }, `${entry.client} · ${amountOf(entry)}${entry.terminal} · ${entry.status}`),
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
    if (!this.element.open) this.element.showModal();
  }
}
