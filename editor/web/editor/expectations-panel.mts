// The Expectations panel: `<script>.expect.json` beside the open script, edited as text and saved
// with the server's check (the problem is named and nothing is written when it does not fit).
import { get, put } from '../api.mjs';
import { el } from '../dom.mjs';

/** What a script without a file starts from: the built-in rules, spelled out. */
const TEMPLATE = `${JSON.stringify({ all: { finishes: true, neverChargedTwice: true, nothingInDoubt: true } }, null, 2)}\n`;

export class ExpectationsPanel {
  readonly element: HTMLElement;
  private readonly fileName = el('span', { class: 'file-name' }, '');
  private readonly message = el('div', { class: 'panel-status', 'aria-live': 'polite' }, '');
  private readonly text = el('textarea', {
    class: 'expectations-text',
    spellcheck: 'false',
    'aria-label': 'Expectation file',
  });
  private readonly saveButton = el(
    'button',
    { class: 'save-expectations', disabled: true, onclick: () => void this.save() },
    'Save expectations',
  );
  private script = '';
  private saved = '';
  private writable = false;

  constructor(private readonly canEdit: boolean) {
    this.text.addEventListener('input', () => this.refresh());
    this.element = el(
      'section',
      { class: 'expectations' },
      el('header', {}, el('h2', {}, 'Expectations'), this.fileName, this.message, this.saveButton),
      this.text,
    );
  }

  /** Shows the expectation file of `script` (the template when it has none yet). */
  async load(script: string): Promise<void> {
    const file = await get<{ path: string; content?: string; writable: boolean }>(
      `/api/scripts/expectations?path=${encodeURIComponent(script)}`,
    );
    this.script = script;
    this.writable = this.canEdit && file.writable;
    // The template is what the built-in rules say: it is written only once someone changes it.
    this.saved = file.content ?? TEMPLATE;
    this.text.value = this.saved;
    this.text.readOnly = !this.writable;
    this.fileName.textContent = `${file.path}${file.content === undefined ? ' (new)' : ''}${this.writable ? '' : ' (read-only)'}`;
    this.setMessage('', '');
    this.refresh();
  }

  get dirty(): boolean {
    return this.writable && this.script !== '' && this.text.value !== this.saved;
  }

  /** Saves the text; false (with the server's reason shown) when it was refused. */
  async save(): Promise<boolean> {
    if (!this.dirty) return true;
    try {
      await put('/api/scripts/expectations', { path: this.script, content: this.text.value });
      this.saved = this.text.value;
      this.setMessage('done', 'Saved.');
      return true;
    } catch (error) {
      this.setMessage('failed', `Not saved: ${(error as Error).message}`);
      return false;
    } finally {
      this.refresh();
    }
  }

  private refresh(): void {
    this.saveButton.disabled = !this.dirty;
  }

  private setMessage(state: string, text: string): void {
    this.message.className = `panel-status ${state}`;
    this.message.textContent = text;
  }
}
