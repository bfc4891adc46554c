// The Terminals page (the settings window): language, how desks are bound to terminals, the
// terminal list with their options, the connection tests, and the users. Problems come from the
// server's config check and are shown next to the field they name.
import { ApiError, get, post, put } from './api.mjs';
import { el, fill } from './dom.mjs';
import { field, input, select } from './form-fields.mjs';
import { optionsForm, type OptionsSchema } from './options-form.mjs';
import { showUsersSection } from './users-section.mjs';

interface Terminal {
  id: string;
  protocol: string;
  host: string;
  port: number | undefined;
  terminalId: string;
  timeoutSeconds?: number;
  options?: Record<string, unknown>;
}

interface Config {
  language?: string;
  terminals: Terminal[];
  binding: { mode: 'single' | 'pc' | 'user'; terminal?: string; pc?: Record<string, string>; user?: Record<string, string> };
  [key: string]: unknown;
}

interface SettingsView {
  file: string;
  fileExists: boolean;
  protocols: string[];
  languages: string[];
  /** Protocol → JSON Schema of its options. */
  optionSchemas: Record<string, OptionsSchema>;
  config: Config;
}

export function showTerminalsPage(container: HTMLElement): void {
  const form = el('form', { class: 'settings', novalidate: true });
  const users = el('section', { class: 'card users' });
  container.append(el('div', { class: 'settings-page' }, form, users));
  showUsersSection(users);
  void get<SettingsView>('/api/settings').then((view) => new SettingsForm(form, view).render());
}

class SettingsForm {
  private config: Config;
  /** Binding rows are edited as a list so a half-typed PC name does not lose its place. */
  private rows: { name: string; terminal: string }[] = [];
  private readonly message = el('p', { class: 'save-message', role: 'status' });
  /** Options edited as raw JSON instead of the form, on every terminal (kept across saves). */
  private optionsAsJson = false;

  constructor(
    private readonly form: HTMLFormElement,
    private view: SettingsView,
  ) {
    this.config = structuredClone(view.config);
    this.loadRows();
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.save();
    });
  }

  render(): void {
    const c = this.config;
    fill(
      this.form,
      el(
        'div',
        { class: 'settings-head' },
        el('h1', {}, 'Terminals'),
        el(
          'span',
          { class: 'hint' },
          this.view.fileExists ? `Saved in ${this.view.file}` : `Embedded simulators; saving creates ${this.view.file}`,
        ),
      ),
      el(
        'section',
        { class: 'card' },
        el('h2', {}, 'Cash desks'),
        el(
          'div',
          { class: 'row' },
          field(
            'language',
            'Language of descriptions',
            select(this.view.languages, c.language ?? 'en', (v) => (c.language = v)),
          ),
        ),
        el(
          'div',
          { class: 'row binding-mode', 'data-field': 'binding.mode' },
          el('span', { class: 'label' }, 'Binding'),
          ...(['single', 'pc', 'user'] as const).map((mode) =>
            el(
              'label',
              { class: 'radio' },
              el('input', {
                type: 'radio',
                name: 'binding-mode',
                value: mode,
                checked: c.binding.mode === mode,
                onchange: () => ((c.binding.mode = mode), this.render()),
              }),
              { single: 'One terminal for all', pc: 'By PC name', user: 'By user' }[mode],
            ),
          ),
        ),
        this.bindingEditor(),
      ),
      el(
        'section',
        { class: 'card' },
        el('h2', {}, 'Terminals'),
        ...c.terminals.map((t, i) => this.terminalEditor(t, i)),
        el('button', { type: 'button', class: 'add-terminal', onclick: () => this.addTerminal() }, '+ Add terminal'),
      ),
      el(
        'div',
        { class: 'save-bar' },
        el('button', { type: 'submit', class: 'primary save-settings' }, 'Save settings'),
        this.message,
      ),
    );
  }

  private bindingEditor(): HTMLElement {
    const b = this.config.binding;
    const ids = this.config.terminals.map((t) => t.id);
    if (b.mode === 'single') {
      return el(
        'div',
        { class: 'row' },
        field(
          'binding.terminal',
          'Terminal',
          select(ids, b.terminal ?? '', (v) => (b.terminal = v), true),
        ),
      );
    }
    const what = b.mode === 'pc' ? 'PC name' : 'User';
    return el(
      'div',
      { class: 'binding-map' },
      el(
        'table',
        {},
        el('thead', {}, el('tr', {}, el('th', {}, what), el('th', {}, 'Terminal'), el('th', {}))),
        el(
          'tbody',
          {},
          ...this.rows.map((row, index) =>
            el(
              'tr',
              { 'data-field': `binding.${b.mode}.${row.name}` },
              el(
                'td',
                {},
                el('input', {
                  value: row.name,
                  'aria-label': what,
                  oninput: (e: Event) => (row.name = (e.target as HTMLInputElement).value),
                }),
              ),
              el(
                'td',
                {},
                select(ids, row.terminal, (v) => (row.terminal = v), true),
              ),
              el(
                'td',
                {},
                el(
                  'button',
                  { type: 'button', class: 'link', onclick: () => (this.rows.splice(index, 1), this.render()) },
                  'remove',
                ),
              ),
            ),
          ),
        ),
      ),
      el(
        'button',
        { type: 'button', onclick: () => (this.rows.push({ name: '', terminal: ids[0] ?? '' }), this.render()) },
        `+ Add ${what.toLowerCase()}`,
      ),
    );
  }

  private terminalEditor(t: Terminal, index: number): HTMLElement {
    const path = (key: string) => `terminals.${index}.${key}`;
    const result = el('span', { class: 'test-result', 'aria-live': 'polite' });
    const test = async (bank: boolean) => {
      result.className = 'test-result pending';
      result.textContent = bank ? 'Testing the connection with the bank…' : 'Testing the connection with the terminal…';
      try {
        const r = await post<{ ok: boolean; elapsedMs: number; description: string }>(
          `/api/settings/terminals/${encodeURIComponent(t.id)}/test`,
          { bank },
        );
        result.className = `test-result ${r.ok ? 'ok' : 'failed'}`;
        result.textContent = `${bank ? 'Bank' : 'Terminal'}: ${r.ok ? 'OK' : 'FAILED'} in ${r.elapsedMs} ms — ${r.description}`;
      } catch (error) {
        result.className = 'test-result failed';
        result.textContent = (error as Error).message;
      }
    };
    return el(
      'fieldset',
      { class: 'terminal', 'data-terminal': t.id },
      el('legend', {}, t.id || 'new terminal'),
      el(
        'div',
        { class: 'grid' },
        field(
          path('id'),
          'Id',
          input(t.id, (v) => (t.id = v)),
        ),
        field(
          path('protocol'),
          'Protocol',
          // Another protocol has other options: the form follows it.
          select(this.view.protocols, t.protocol, (v) => ((t.protocol = v), this.render())),
        ),
        field(
          path('host'),
          'Host',
          input(t.host, (v) => (t.host = v)),
        ),
        field(
          path('port'),
          'Port',
          input(t.port, (v) => (t.port = v === '' ? undefined : Number(v)), 'number'),
        ),
        field(
          path('terminalId'),
          'Terminal id',
          input(t.terminalId, (v) => (t.terminalId = v)),
        ),
        field(
          path('timeoutSeconds'),
          'Timeout (s)',
          input(t.timeoutSeconds, (v) => (t.timeoutSeconds = v === '' ? undefined : Number(v)), 'number'),
        ),
      ),
      this.optionsEditor(t, path('options')),
      el(
        'div',
        { class: 'terminal-actions' },
        el(
          'button',
          { type: 'button', class: 'test-terminal', onclick: () => void test(false) },
          'Test connection with terminal',
        ),
        el('button', { type: 'button', class: 'test-bank', onclick: () => void test(true) }, 'Test connection with bank'),
        result,
        el('span', { class: 'spacer' }),
        el(
          'button',
          { type: 'button', class: 'link danger', onclick: () => (this.config.terminals.splice(index, 1), this.render()) },
          'Remove',
        ),
      ),
    );
  }

  /**
   * The form, or the raw JSON for power users. A stored secret is kept while protocol, host, port
   * and the other options stay the same; otherwise the server asks for it again.
   */
  private optionsEditor(t: Terminal, path: string): HTMLElement {
    const json = this.optionsAsJson;
    const toggle = el(
      'button',
      { type: 'button', class: 'link options-view', onclick: () => ((this.optionsAsJson = !json), this.render()) },
      json ? 'Edit as form' : 'Edit as JSON',
    );
    const options = (t.options ??= {});
    const schema = this.view.optionSchemas[t.protocol];
    const editor = json || !schema ? optionsJson(t) : optionsForm(schema, options, path);
    return el(
      'div',
      { class: 'options', 'data-field': path },
      el('div', { class: 'options-head' }, el('span', { class: 'label' }, 'Options'), toggle),
      editor,
    );
  }

  private addTerminal(): void {
    const protocol = this.view.protocols[0];
    this.config.terminals.push({
      id: `terminal${this.config.terminals.length + 1}`,
      protocol,
      host: '',
      port: undefined,
      terminalId: '',
      timeoutSeconds: 60,
      options: {},
    });
    this.render();
  }

  private loadRows(): void {
    const b = this.config.binding;
    const map = b.mode === 'pc' ? b.pc : b.mode === 'user' ? b.user : undefined;
    this.rows = Object.entries(map ?? {}).map(([name, terminal]) => ({ name, terminal }));
  }

  private async save(): Promise<void> {
    for (const problem of this.form.querySelectorAll('.field-error')) problem.remove();
    // Never leave the previous save's "Saved." standing while this one is under way.
    this.showMessage('pending', 'Saving…');
    // What the browser cannot read (JSON that does not parse, letters in a number) is never sent as a guess.
    const unreadable = [...this.form.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input:invalid, textarea:invalid')];
    if (unreadable.length > 0) {
      for (const control of unreadable)
        control.closest('[data-field]')?.append(el('span', { class: 'field-error', role: 'alert' }, control.validationMessage));
      this.showMessage('failed', 'Not saved: fix the fields marked below.');
      return;
    }
    const b = this.config.binding;
    const map = Object.fromEntries(this.rows.map((r) => [r.name, r.terminal]));
    const binding = b.mode === 'single' ? { mode: b.mode, terminal: b.terminal } : { mode: b.mode, [b.mode]: map };
    try {
      this.view = await put<SettingsView>('/api/settings', { config: { ...this.config, binding } });
      this.config = structuredClone(this.view.config);
      this.loadRows();
      this.render();
      this.showMessage('ok', 'Saved. New runs use these settings.');
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      this.showMessage('failed', error.problems.length ? 'Not saved: fix the fields marked below.' : error.message);
      this.showProblems(error.problems);
    }
  }

  private showProblems(problems: { path: string; message: string }[]): void {
    const unplaced: string[] = [];
    for (const { path, message } of problems) {
      // The nearest field the path belongs to: terminals.0.options.apiKey → terminals.0.options.
      let target: Element | null = null;
      let parts = path.split('.');
      for (; parts.length && !target; parts = parts.slice(0, -1))
        target = this.form.querySelector(`[data-field="${CSS.escape(parts.join('.'))}"]`);
      if (!target) {
        unplaced.push(`${path}: ${message}`);
        continue;
      }
      const rest = path
        .split('.')
        .slice(parts.length + 1)
        .join('.');
      const text = el('span', { class: 'field-error', role: 'alert' }, rest ? `${rest}: ${message}` : message);
      (target.tagName === 'TR' ? target.lastElementChild! : target).append(text);
    }
    if (unplaced.length) this.message.append(el('span', { class: 'field-error' }, unplaced.join('; ')));
  }

  private showMessage(state: 'pending' | 'ok' | 'failed', text: string): void {
    this.message.className = `save-message ${state}`;
    this.message.textContent = text;
  }
}

/** The options as JSON: secrets show as the mask, which keeps the stored value when sent back. */
function optionsJson(t: Terminal): HTMLTextAreaElement {
  const options = el(
    'textarea',
    { rows: 4, spellcheck: 'false', 'aria-label': 'Options (JSON)' },
    JSON.stringify(t.options ?? {}, null, 2),
  );
  options.addEventListener('change', () => {
    try {
      t.options = JSON.parse(options.value || '{}');
      options.setCustomValidity('');
    } catch {
      options.setCustomValidity('not valid JSON');
    }
  });
  return options;
}
