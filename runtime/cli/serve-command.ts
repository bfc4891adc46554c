// payscript serve: the web editor and its API, until Ctrl+C.
import { DEFAULT_PORT, startServer } from '../../editor/server/start-server.js';
import { integerOption } from './integer-option.js';
import { parseCommandLine, UsageError } from './usage.js';
import { webhookRoutersFromEnvironment } from './webhook-routers.js';

export async function serveCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine('serve', argv);
  if (positionals.length > 0) throw new UsageError('serve takes no arguments besides options');
  const port = integerOption('--port', values.port, 0, 65535, DEFAULT_PORT);

  const server = await startServer({
    configFile: values.config,
    webhooks: (hubs) =>
      webhookRoutersFromEnvironment(process.env, hubs, (message) => process.stderr.write(`webhook: ${message}\n`)),
    port,
    host: values.host,
    dataDir: values['data-dir'],
    scriptsDir: values.scripts,
  });
  process.stdout.write(
    `payscript editor on ${server.url} (terminals from ${server.configSource}; settings save to ${server.configFile})\n`,
  );
  if (server.firstAdminPassword) {
    process.stdout.write(
      `First start: log in as "admin" with the one-time password ${server.firstAdminPassword}\n` +
        `(it is shown only now; change it under Settings → Users, stored in ${server.dataDir})\n`,
    );
  }
  await new Promise<void>((stop) => {
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  return 0;
}
