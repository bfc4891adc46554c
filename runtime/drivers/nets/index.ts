// NETS Connect@Cloud driver (nets-connect-cloud.md): the factory the terminal registry calls.
import type { DriverFactory } from '../../terminals/driver.js';
import { CloudHttp } from '../cloud-http/client.js';
import { parseTerminalOptions } from '../options-schema.js';
import { TokenManager } from './auth.js';
import { CloudApi } from './cloud-api.js';
import { NetsDriver } from './driver.js';
import { netsOptionsSchema } from './options.js';
import { NetsSession } from './session.js';

/** @throws Error listing every invalid setting, each naming its option, at configuration time. */
export const createNetsDriver: DriverFactory = (config, deps) => {
  const options = parseTerminalOptions(netsOptionsSchema, config);
  const baseUrl = `${options.tls ? 'https' : 'http'}://${hostForUrl(config.host)}:${config.port}`;
  const http = new CloudHttp({ log: deps.log, terminal: config.id, baseUrl, timeoutMs: options.apiTimeoutMs });
  const auth = new TokenManager(
    http,
    { username: options.username, password: options.password },
    options.renewBeforeExpiryMs,
    options.apiTimeoutMs,
  );
  const api = new CloudApi(http, auth, config.terminalId, options);
  const session = new NetsSession(api, config.id, options, deps.log);
  deps.log.info(
    config.id,
    `NETS terminal ${config.terminalId}${options.location ? ` at ${options.location}` : ''} via ${baseUrl}`,
  );
  return new NetsDriver(api, session, options, config.terminalId, config.id);
};

function hostForUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

export { NETS_PROTOCOL } from './driver.js';
export { netsOptionsSchema, type NetsOptions } from './options.js';
export { KNOWN_NETS_RESPONSE_CODES, NETS_ERROR_CATEGORIES, NETS_HOST_RESPONSE_CODES } from './error-categories.js';
