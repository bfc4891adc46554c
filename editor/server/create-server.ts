// The Express application of `payscript serve`: webhooks (which authenticate themselves), the
// login-protected JSON API, and the editor's pages. The webhook routers and the live host are passed
// in, so `payscript serve` and the tests each supply their own.
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { BindingError, ConfigError } from '../../runtime/config/errors.js';
import { authRoutes } from './auth/auth-routes.js';
import { requireCsrfToken } from './auth/csrf.js';
import { requireLogin, requirePermission } from './auth/require-login.js';
import type { SessionStore } from './auth/session-store.js';
import { userRoutes } from './auth/user-routes.js';
import { UserError, type UserStore } from './auth/user-store.js';
import { healthDetailsRoute, healthzRoute } from './health-routes.js';
import { HttpError } from './http-error.js';
import type { LiveHost } from './live-host.js';
import { rehearsalRoutes } from './rehearsals/rehearsal-routes.js';
import type { RehearsalRegistry } from './rehearsals/rehearsal-registry.js';
import { runRoutes } from './runs/run-routes.js';
import type { RunRegistry } from './runs/run-registry.js';
import { ScriptRunner } from './runs/script-runner.js';
import type { ScriptFolders } from './scripts/script-folders.js';
import { scriptRoutes } from './scripts/script-routes.js';
import { securityHeaders } from './security-headers.js';
import { ConfigValidationError, type ConfigStore } from './settings/config-store.js';
import { settingsRoutes } from './settings/settings-routes.js';
import { transactionRoutes } from './transactions/transaction-routes.js';
import { webPages } from './web-pages.js';

export interface ServerParts {
  host: LiveHost;
  users: UserStore;
  sessions: SessionStore;
  folders: ScriptFolders;
  configStore: ConfigStore;
  runs: RunRegistry;
  rehearsals: RehearsalRegistry;
  /**
   * Mounted at `/webhooks/<name>` before the login and CSRF checks: payment providers cannot log
   * in, so each router authenticates its callers itself (a secret in the URL, source addresses).
   */
  webhooks?: Record<string, Router>;
}

export function createServer(parts: ServerParts): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(securityHeaders);

  for (const [name, router] of Object.entries(parts.webhooks ?? {})) app.use(`/webhooks/${name}`, router);
  app.use(healthzRoute(parts.host));

  // Only JSON bodies are parsed: a cross-site HTML form cannot send one without a CORS preflight.
  app.use('/api', express.json({ limit: '2mb' }));
  app.use('/api', authRoutes(parts.users, parts.sessions));
  const api = Router();
  api.use(requireLogin(parts.sessions), requireCsrfToken);
  api.use('/scripts', scriptRoutes(parts.folders));
  api.use('/settings', settingsRoutes(parts.configStore, parts.host));
  api.use('/users', requirePermission('users'), userRoutes(parts.users, parts.sessions));
  api.use('/health', requirePermission('settings'), healthDetailsRoute(parts.host));
  // The journal's log, read from whichever host is current (saving settings replaces it).
  api.use('/transactions', transactionRoutes(parts.host, parts.folders));
  // Rehearsals use their own simulators and journals, never the host's.
  api.use('/rehearsals', rehearsalRoutes(parts.folders, parts.rehearsals));
  api.use(runRoutes(new ScriptRunner(parts.host, parts.folders), parts.runs, parts.users));
  api.use((req, res) => {
    res.status(404).json({ error: `no API route ${req.method} ${req.baseUrl}${req.path}` });
  });
  app.use('/api', api);

  app.use(webPages());
  app.use(errorAnswer);
  return app;
}

/** Known errors become their status and message; anything else is logged and answered vaguely. */
function errorAnswer(
  error: Error & { status?: number; expose?: boolean },
  _req: Request,
  res: Response,
  _next: NextFunction,
): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  if (error instanceof ConfigValidationError) {
    res.status(error.status).json({ error: error.message, problems: error.problems });
  } else if (error instanceof HttpError) {
    res.status(error.status).json({ error: error.message });
  } else if (error instanceof UserError) {
    res.status(400).json({ error: error.message });
  } else if (error instanceof BindingError || error instanceof ConfigError) {
    res.status(422).json({ error: error.message });
  } else if (error.expose && error.status) {
    // Client errors raised by Express itself (malformed JSON, a body too large, a missing asset).
    res.status(error.status).json({ error: error.message });
  } else {
    console.error('payscript serve: unexpected error', error);
    res.status(500).json({ error: 'internal error (see the server output)' });
  }
}
