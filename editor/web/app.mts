// The application shell: login, then a top bar with the pages this user may open (Editor,
// Terminals, Transactions), switched by the URL hash so each page has its own address.
import './styles.css';
import { ApiError, get, post, useSession, type SessionInfo } from './api.mjs';
import { el, fill } from './dom.mjs';
import { showEditorPage } from './editor/editor-page.mjs';
import { showLogin } from './login-page.mjs';
import { showTerminalsPage } from './terminals-page.mjs';
import { showTransactionsPage } from './transactions-page.mjs';

interface Page {
  hash: string;
  title: string;
  permission: string;
  show(container: HTMLElement, session: SessionInfo): void | (() => void);
}

const PAGES: Page[] = [
  { hash: '#editor', title: 'Editor', permission: 'scripts.run', show: showEditorPage },
  { hash: '#terminals', title: 'Terminals', permission: 'settings', show: showTerminalsPage },
  { hash: '#transactions', title: 'Transactions', permission: 'transactions.read', show: showTransactionsPage },
];

const root = document.getElementById('app')!;

async function start(): Promise<void> {
  try {
    startApp(await get<SessionInfo>('/api/session'));
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 401)) throw error;
    showLogin(root, startApp);
  }
}

function startApp(session: SessionInfo): void {
  useSession(session);
  const pages = PAGES.filter((p) => session.permissions.includes(p.permission));
  const nav = el(
    'nav',
    { class: 'pages' },
    ...pages.map((p) => el('a', { href: p.hash, 'data-page': p.hash.slice(1) }, p.title)),
  );
  const main = el('main', { class: 'page' });
  const logout = el('button', { class: 'link', onclick: async () => (await post('/api/logout'), location.reload()) }, 'Log out');
  fill(
    root,
    el(
      'header',
      { class: 'topbar' },
      el('span', { class: 'brand' }, 'payscript'),
      nav,
      el('span', { class: 'who' }, `${session.user} · ${session.role}`, logout),
    ),
    main,
  );

  // Each page builds itself on its own element, so switching back starts it fresh and the
  // editor's Monaco instance is disposed when leaving.
  let leave: void | (() => void);
  const route = () => {
    const page = pages.find((p) => p.hash === location.hash) ?? pages[0];
    if (location.hash !== page.hash) history.replaceState(null, '', page.hash);
    for (const link of nav.querySelectorAll('a')) link.classList.toggle('active', link.getAttribute('href') === page.hash);
    if (typeof leave === 'function') leave();
    const container = el('div', { class: `page-${page.hash.slice(1)}` });
    fill(main, container);
    document.title = `${page.title} · payscript`;
    leave = page.show(container, session);
  };
  window.onhashchange = route;
  route();
}

void start();
