// The login form; on success the application starts with the new session.
import { ApiError, post, type SessionInfo } from './api.mjs';
import { el, fill } from './dom.mjs';

export function showLogin(root: HTMLElement, onLogin: (session: SessionInfo) => void): void {
  const name = el('input', { name: 'name', autocomplete: 'username', required: true });
  const password = el('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const message = el('p', { class: 'form-error', role: 'alert' });
  const form = el(
    'form',
    {
      class: 'login',
      onsubmit: async (event: SubmitEvent) => {
        event.preventDefault();
        try {
          onLogin(await post<SessionInfo>('/api/login', { name: name.value, password: password.value }));
        } catch (error) {
          message.textContent = error instanceof ApiError ? error.message : String(error);
        }
      },
    },
    el('h1', {}, 'payscript'),
    el('label', {}, 'User', name),
    el('label', {}, 'Password', password),
    message,
    el('button', { type: 'submit', class: 'primary' }, 'Log in'),
  );
  fill(root, form);
  name.focus();
}
