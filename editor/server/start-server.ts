// Starts `payscript serve`: the host configuration (or the embedded simulators), the data
// directory with the users, the script folders, and the HTTP listener.
import type { AddressInfo } from 'node:net';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Router } from 'express';
import { CONFIG_FILE_NAME, findConfigFile } from '../../runtime/config/load.js';
import { loadHostConfig, type HostConfig } from '../../runtime/host/host-config.js';
import { packageRoot } from '../../runtime/package-root.js';
import { WebhookHubs } from '../../runtime/terminals/webhook-hubs.js';
import { SessionStore } from './auth/session-store.js';
import { UserStore } from './auth/user-store.js';
import { createServer } from './create-server.js';
import { LiveHost } from './live-host.js';
import { RehearsalRegistry } from './rehearsals/rehearsal-registry.js';
import { RunRegistry } from './runs/run-registry.js';
import { ScriptFolders, seedScriptsFolder } from './scripts/script-folders.js';
import { ConfigStore } from './settings/config-store.js';

export const DEFAULT_PORT = 8780;

export interface ServeOptions {
  /** `--config`; otherwise PAYSCRIPT_CONFIG or ./payscript.config.json, else the embedded simulators. */
  configFile?: string;
  port?: number;
  /** 127.0.0.1 unless an admin deliberately opens the editor to the network. */
  host?: string;
  /** Users live here: PAYSCRIPT_DATA_DIR, else the config's `dataDir` (the journal's), else ~/.payscript. */
  dataDir?: string;
  /** The user scripts folder: PAYSCRIPT_SCRIPTS_DIR, else <dataDir>/scripts. */
  scriptsDir?: string;
  /** The first admin's password instead of a printed one-time one (tests: PAYSCRIPT_ADMIN_PASSWORD). */
  adminPassword?: string;
  /** The webhook receivers to mount under /webhooks/<name>, made for the server's hubs. */
  webhooks?: (hubs: WebhookHubs) => Record<string, Router>;
}

export interface RunningServer {
  url: string;
  /** Where settings are saved, and what the host was loaded from. */
  configFile: string;
  configSource: string;
  dataDir: string;
  /** Set only on the first start without PAYSCRIPT_ADMIN_PASSWORD: to be printed once. */
  firstAdminPassword?: string;
  close(): Promise<void>;
}

export async function startServer(options: ServeOptions = {}): Promise<RunningServer> {
  // The server owns the hubs, not its host: a host replaced by new settings hands over to the next,
  // and payments on both still hear what the routes receive.
  const webhookHubs = new WebhookHubs();
  const webhooks = options.webhooks?.(webhookHubs);
  const configFile = findConfigFile(options.configFile);
  const hostConfig = await loadHostConfig(options.configFile);
  try {
    return await startWith(options, hostConfig, configFile, { hubs: webhookHubs, routers: webhooks });
  } catch (error) {
    await hostConfig.close();
    throw error;
  }
}

async function startWith(
  options: ServeOptions,
  hostConfig: HostConfig,
  configFile: string | undefined,
  webhooks: { hubs: WebhookHubs; routers?: Record<string, Router> },
): Promise<RunningServer> {
  // Users live beside the journal (config `dataDir`). The embedded simulators' journal is
  // temporary, and users must outlive a restart, so without a config file: ~/.payscript.
  const dataDir = resolve(
    options.dataDir ??
      (process.env.PAYSCRIPT_DATA_DIR || (configFile ? hostConfig.config.dataDir : join(homedir(), '.payscript'))),
  );
  const users = new UserStore(dataDir);
  const firstAdminPassword = await users.ensureFirstAdmin(
    options.adminPassword ?? (process.env.PAYSCRIPT_ADMIN_PASSWORD || undefined),
  );

  const examples = join(packageRoot(), 'scripts-examples');
  const scriptsDir = resolve(options.scriptsDir ?? (process.env.PAYSCRIPT_SCRIPTS_DIR || join(dataDir, 'scripts')));
  seedScriptsFolder(scriptsDir, examples);

  const settingsFile = configFile ?? resolve(CONFIG_FILE_NAME);
  const host = new LiveHost(hostConfig.config, webhooks.hubs);
  const rehearsals = new RehearsalRegistry();
  const app = createServer({
    host,
    users,
    sessions: new SessionStore(),
    folders: new ScriptFolders([
      { name: 'examples', dir: examples, writable: false },
      { name: 'scripts', dir: scriptsDir, writable: true },
    ]),
    configStore: new ConfigStore(settingsFile, hostConfig.config),
    runs: new RunRegistry(),
    rehearsals,
    webhooks: webhooks.routers,
  });

  const server = app.listen(options.port ?? DEFAULT_PORT, options.host ?? '127.0.0.1');
  await new Promise<void>((resolveListen, reject) => {
    server.once('listening', resolveListen);
    server.once('error', reject);
  }).catch(async (error) => {
    await host.close();
    throw error;
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}/`,
    configFile: settingsFile,
    configSource: hostConfig.source,
    dataDir,
    firstAdminPassword,
    async close() {
      // Event streams stay open until their run ends; a stopping server does not wait for them.
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      await rehearsals.close();
      await host.close();
      await hostConfig.close();
    },
  };
}
