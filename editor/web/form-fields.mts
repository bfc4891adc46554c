// The settings forms' controls: a labelled field that server problems find by its config path
// (`data-field`), a text or number input and a select.
import { el } from './dom.mjs';

export function field(path: string, label: string, control: HTMLElement, ...help: (Node | string)[]): HTMLElement {
  return el('label', { class: 'field', 'data-field': path }, el('span', { class: 'label' }, label), control, ...help);
}

export function input(value: string | number | undefined, set: (v: string) => void, type = 'text'): HTMLInputElement {
  return el('input', { type, value: value ?? '', oninput: (e: Event) => set((e.target as HTMLInputElement).value) });
}

/** `values` may be [value, text] pairs when what is shown differs from what is stored. */
export function select(
  values: (string | [string, string])[],
  value: string,
  set: (v: string) => void,
  allowEmpty = false,
): HTMLSelectElement {
  const pairs = values.map((v) => (typeof v === 'string' ? [v, v] : v));
  const s = el(
    'select',
    { onchange: (e: Event) => set((e.target as HTMLSelectElement).value) },
    ...(allowEmpty && !pairs.some(([v]) => v === value) ? [el('option', { value: '' }, '—')] : []),
    ...pairs.map(([v, text]) => el('option', { value: v }, text)),
  );
  s.value = value;
  return s;
}
