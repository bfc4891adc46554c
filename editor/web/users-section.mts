// Admin: the editor's users — add one with a role, the PCs each may run scripts as, reset a
// password, remove one.
import { api, ApiError, get, post, put } from './api.mjs';
import { el, fill } from './dom.mjs';

interface User {
  name: string;
  role: string;
  /** A cashier runs only as one of these PCs (admins and consultants choose any). */
  pcs: string[];
}

export function showUsersSection(section: HTMLElement): void {
  const message = el('p', { class: 'save-message', role: 'status' });
  const report = (state: 'ok' | 'failed', text: string) => {
    message.className = `save-message ${state}`;
    message.textContent = text;
  };
  const attempt = async (action: () => Promise<unknown>, done: string) => {
    try {
      await action();
      await render();
      report('ok', done);
    } catch (error) {
      report('failed', error instanceof ApiError ? error.message : String(error));
    }
  };

  const render = async () => {
    const { users } = await get<{ users: User[] }>('/api/users');
    const name = el('input', { placeholder: 'name', 'aria-label': 'New user name' });
    const role = el(
      'select',
      { 'aria-label': 'Role' },
      ...['cashier', 'consultant', 'admin'].map((r) => el('option', { value: r }, r)),
    );
    const password = el('input', {
      type: 'password',
      placeholder: 'password (8+ characters)',
      autocomplete: 'new-password',
      'aria-label': 'New user password',
    });
    fill(
      section,
      el('h2', {}, 'Users'),
      el(
        'table',
        { class: 'users-table' },
        el(
          'tbody',
          {},
          ...users.map((u) =>
            el(
              'tr',
              {},
              el('td', {}, u.name),
              el('td', {}, u.role),
              el('td', { class: 'pcs' }, pcsEditor(u, attempt)),
              el(
                'td',
                { class: 'actions' },
                el(
                  'button',
                  {
                    type: 'button',
                    class: 'link',
                    onclick: () => {
                      const next = prompt(`New password for ${u.name} (8+ characters):`);
                      if (next)
                        void attempt(
                          () => put(`/api/users/${encodeURIComponent(u.name)}/password`, { password: next }),
                          `Password of ${u.name} changed.`,
                        );
                    },
                  },
                  'reset password',
                ),
                el(
                  'button',
                  {
                    type: 'button',
                    class: 'link danger',
                    onclick: () => {
                      if (confirm(`Remove ${u.name}?`))
                        void attempt(() => api('DELETE', `/api/users/${encodeURIComponent(u.name)}`), `${u.name} removed.`);
                    },
                  },
                  'remove',
                ),
              ),
            ),
          ),
        ),
      ),
      el(
        'form',
        {
          class: 'row add-user',
          onsubmit: (e: SubmitEvent) => {
            e.preventDefault();
            void attempt(
              () => post('/api/users', { name: name.value, role: role.value, password: password.value }),
              `${name.value} added.`,
            );
          },
        },
        name,
        role,
        password,
        el('button', { type: 'submit' }, 'Add user'),
      ),
      message,
    );
  };
  void render();
}

/** The user's PC names, comma-separated, saved with their own button. */
function pcsEditor(user: User, attempt: (action: () => Promise<unknown>, done: string) => Promise<void>): HTMLElement {
  const names = el('input', {
    value: user.pcs.join(', '),
    placeholder: 'PC names, comma-separated',
    'aria-label': `PCs of ${user.name}`,
    size: 24,
  });
  const save = () => {
    const pcs = names.value
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean);
    void attempt(() => put(`/api/users/${encodeURIComponent(user.name)}/pcs`, { pcs }), `PCs of ${user.name} saved.`);
  };
  return el('span', { class: 'row' }, names, el('button', { type: 'button', class: 'link', onclick: save }, 'save PCs'));
}
