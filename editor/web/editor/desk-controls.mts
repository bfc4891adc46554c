// Where a run says it takes place: the PC, the user and the language of the descriptions,
// remembered between visits. Admins and consultants type any PC and user to try the binding; a
// cashier runs as themselves, at one of the PCs an admin assigned to them (the server refuses
// anything else).
import type { SessionInfo } from '../api.mjs';
import { el } from '../dom.mjs';

const DESK = 'payscript.editor.desk';

interface RememberedDesk {
  pc?: string;
  user?: string;
  lang?: string;
}

/** The desk the last run used; its language is the Transactions page's default too. */
export function rememberedDesk(): RememberedDesk {
  return JSON.parse(localStorage.getItem(DESK) ?? '{}') as RememberedDesk;
}

export class DeskControls {
  private readonly last = rememberedDesk();
  private readonly anyDesk: boolean;
  private readonly pc: HTMLInputElement | HTMLSelectElement;
  private readonly user: HTMLInputElement | undefined;
  private readonly lang = el(
    'select',
    { class: 'desk-lang', title: 'Language of the descriptions' },
    el('option', { value: '' }, 'default'),
  );

  constructor(private readonly session: SessionInfo) {
    this.anyDesk = session.permissions.includes('runs.any-desk');
    this.pc = this.anyDesk
      ? el('input', { class: 'desk-pc', placeholder: 'PC name', value: this.last.pc ?? '', size: 10 })
      : assignedPcs(session.pcs, this.last.pc);
    this.user = this.anyDesk
      ? el('input', { class: 'desk-user', placeholder: session.user, value: this.last.user ?? '', size: 10 })
      : undefined;
  }

  /** The toolbar's PC (when there is one to choose), user and language. */
  fields(): (HTMLElement | null)[] {
    return [
      this.anyDesk || this.session.pcs.length > 0 ? el('label', {}, 'PC', this.pc) : null,
      this.user ? el('label', {}, 'User', this.user) : null,
      el('label', {}, 'Language', this.lang),
    ];
  }

  /** The languages the server describes results in, offered once; the last one used is chosen. */
  offerLanguages(known: readonly string[]): void {
    if (this.lang.options.length > 1) return;
    this.lang.append(...known.map((l) => el('option', { value: l }, l)));
    this.lang.value = this.last.lang ?? '';
  }

  get language(): string {
    return this.lang.value;
  }

  /** The desk of a run about to start, remembered for the next visit. */
  forRun(): { pc: string; user: string | undefined; lang: string } {
    localStorage.setItem(
      DESK,
      JSON.stringify({ pc: this.pc.value, user: this.user?.value ?? this.last.user, lang: this.lang.value }),
    );
    return { pc: this.pc.value, user: this.user?.value, lang: this.lang.value };
  }
}

/** A cashier's PC: one of those assigned, the last one used first. */
function assignedPcs(pcs: string[], last: string | undefined): HTMLSelectElement {
  const select = el(
    'select',
    { class: 'desk-pc', title: 'The PCs an admin assigned to you' },
    ...pcs.map((name) => el('option', { value: name }, name)),
  );
  if (last && pcs.includes(last)) select.value = last;
  return select;
}
