// The Terminals page (admin only): the configuration with secrets masked and each protocol's
// options schema for the form, saving it (the host is rebuilt from the new file), and the two
// connection tests.
import { Router } from 'express';
import { PROTOCOLS } from '../../../runtime/protocols.js';
import { LANGUAGES } from '../../../runtime/i18n/catalog.js';
import { describeResult } from '../../../runtime/i18n/describe.js';
import { requirePermission } from '../auth/require-login.js';
import { HttpError } from '../http-error.js';
import type { LiveHost } from '../live-host.js';
import type { ConfigStore } from './config-store.js';
import { withMaskedJournalPassword } from './journal-password.js';
import { optionsJsonSchemas } from './options-schemas.js';
import { maskSecrets } from './secret-options.js';

export function settingsRoutes(store: ConfigStore, host: LiveHost): Router {
  const router = Router();
  router.use(requirePermission('settings'));

  const view = () => ({
    file: store.file,
    fileExists: store.fileExists,
    protocols: PROTOCOLS,
    languages: LANGUAGES,
    optionSchemas: optionsJsonSchemas(),
    config: withMaskedJournalPassword(withMaskedSecrets(store.raw)),
  });

  router.get('/', (_req, res) => {
    res.json(view());
  });

  router.put('/', async (req, res) => {
    host.replace(await store.save(req.body?.config));
    res.json(view());
  });

  router.post('/terminals/:id/test', async (req, res) => {
    const terminal = host.config.terminals.find((t) => t.id === req.params.id);
    if (!terminal) throw new HttpError(404, `no terminal "${req.params.id}" in the running configuration (save first)`);
    const bank = req.body?.bank === true;
    const result = await host.testConnection(terminal.id, bank);
    const description = describeResult(
      { outcome: result.ok ? 'approved' : 'failed', reason: result.reason, responseCode: result.responseCode },
      terminal.protocol,
      host.config.language,
    );
    res.json({
      terminal: terminal.id,
      bank,
      ok: result.ok,
      responseCode: result.responseCode,
      elapsedMs: Math.round(result.elapsedMs),
      description,
    });
  });

  return router;
}

function withMaskedSecrets(raw: Record<string, unknown>): Record<string, unknown> {
  if (!Array.isArray(raw.terminals)) return raw;
  const terminals = raw.terminals.map((t: Record<string, unknown>) =>
    t && typeof t.options === 'object' && t.options !== null
      ? { ...t, options: maskSecrets(t.options as Record<string, unknown>) }
      : t,
  );
  return { ...raw, terminals };
}
