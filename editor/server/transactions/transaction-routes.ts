// The Transactions page's API: the journal's log router (runtime/journal/http-routes.ts) over the
// live host's journal, which changes when settings are saved, behind login and
// `transactions.read`; script paths are the editor's virtual paths, never the server's
// directories; admins may settle by hand a transaction whose terminal can no longer answer.
import { Router } from 'express';
import { createJournalRouter } from '../../../runtime/journal/http-routes.js';
import { currentSession, requirePermission } from '../auth/require-login.js';
import type { LiveHost } from '../live-host.js';
import { runFileScript } from '../runs/script-runner.js';
import type { ScriptFolders } from '../scripts/script-folders.js';

export function transactionRoutes(host: LiveHost, folders: ScriptFolders): Router {
  return Router().use(
    requirePermission('transactions.read'),
    createJournalRouter({
      store: () => host.journal,
      leases: () => host.leases,
      language: () => host.config.language,
      showScript: (file) => scriptShown(folders, file),
      settle: { gate: requirePermission('transactions.settle'), by: (res) => currentSession(res).user },
    }),
  );
}

/**
 * The journal keeps the file the host ran. Unsaved source ran from a hidden file beside the one
 * it stands for, which names it; a file outside the script folders shows its name only.
 */
function scriptShown(folders: ScriptFolders, file: string): string {
  const virtual = folders.virtualPathOf(file);
  if (!virtual) return file.split(/[\\/]/).at(-1) ?? '';
  const unsaved = runFileScript(virtual);
  return unsaved ? `${unsaved} (unsaved)` : virtual;
}
