// The log's filters (terminal, protocol, PC, user, date range, result) and the lists that offer the
// values seen so far.
import { el } from '../dom.mjs';
import type { Entry } from './entry-page.mjs';

/** The journal's result groups, as the cash desk's staff think of them. */
const RESULTS: [string, string][] = [
  ['success', 'Success'],
  ['pending', 'Pending'],
  ['failed', 'Failed'],
  ['aborted', 'Aborted'],
];

const LISTED = ['terminal', 'protocol', 'pc', 'user'] as const;

export class LogFilters {
  private readonly seen = {
    terminal: new Set<string>(),
    protocol: new Set<string>(),
    pc: new Set<string>(),
    user: new Set<string>(),
  };
  readonly lists = {
    terminal: el('datalist', { id: 'known-terminals' }),
    protocol: el('datalist', { id: 'known-protocols' }),
    pc: el('datalist', { id: 'known-pcs' }),
    user: el('datalist', { id: 'known-users' }),
  };
  readonly controls = {
    terminal: this.text('terminal'),
    protocol: this.text('protocol'),
    pc: this.text('pc'),
    user: this.text('user'),
    from: el('input', { name: 'from', type: 'date' }),
    to: el('input', { name: 'to', type: 'date' }),
    status: el(
      'select',
      { name: 'status' },
      el('option', { value: '' }, 'any'),
      ...RESULTS.map(([value, label]) => el('option', { value }, label)),
    ),
  };

  /** The filled-in filters as query parameters. */
  applyTo(query: URLSearchParams): void {
    for (const [key, control] of Object.entries(this.controls)) if (control.value.trim()) query.set(key, control.value.trim());
  }

  clear(): void {
    for (const control of Object.values(this.controls)) control.value = '';
  }

  /** Offers the entry's terminal, protocol, PC and user in the filters' lists. */
  remember(entry: Entry): void {
    for (const key of LISTED) {
      const value = entry[key];
      if (!value || this.seen[key].has(value)) continue;
      this.seen[key].add(value);
      this.lists[key].append(el('option', { value }));
    }
  }

  /** The labelled controls, in the order the form shows them, and their lists. */
  fields(): HTMLElement[] {
    const { terminal, protocol, pc, user, from, to, status } = this.controls;
    return [
      el('label', {}, 'Terminal', terminal),
      el('label', {}, 'Protocol', protocol),
      el('label', {}, 'PC', pc),
      el('label', {}, 'User', user),
      el('label', {}, 'From', from),
      el('label', {}, 'To', to),
      el('label', {}, 'Result', status),
      ...Object.values(this.lists),
    ];
  }

  private text(name: (typeof LISTED)[number]): HTMLInputElement {
    return el('input', { name, placeholder: 'any', list: this.lists[name].id, size: 9 });
  }
}
