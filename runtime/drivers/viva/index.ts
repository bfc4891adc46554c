// Viva eftPOS (viva.md) in both integration styles, chosen by the `style` option: orders per
// source with webhooks, or the cloud terminal (ECR) API. The factory the terminal registry calls.
import type { DriverFactory } from '../../terminals/driver.js';
import { VivaApi, basicAuthorizer } from './api.js';
import { CloudTerminalStyle } from './cloud-terminal-style.js';
import { VivaDriver } from './driver.js';
import { VivaHttp, basicAuthorization } from './http-client.js';
import { OAuthToken } from './oauth-token.js';
import { type VivaOptions, parseVivaOptions } from './options.js';
import { OrdersStyle } from './orders-style.js';
import { PaymentFlow } from './payment-flow.js';
import type { VivaStyleApi } from './style.js';
import { VIVA_WEBHOOKS } from './webhook-hub.js';

/** @throws Error listing every invalid setting, each naming its option (never a credential's value), at configuration time. */
export const createVivaDriver: DriverFactory = (config, deps) => {
  const options = parseVivaOptions(config);
  if (!options.ok) throw new Error(`terminal ${config.id} (viva): ${options.error.join('; ')}`);
  const http = new VivaHttp(config.id, deps.log, options.value.requestTimeoutMs);
  const style = styleOf(options.value, http, config.terminalId);
  const { resultTimeoutMs, pollIntervalMs, lookupAttempts } = options.value;
  const flow = new PaymentFlow(style, VIVA_WEBHOOKS, { terminal: config.id, resultTimeoutMs, pollIntervalMs, lookupAttempts }, deps.log);
  return new VivaDriver(style, flow);
};

function styleOf(options: VivaOptions, http: VivaHttp, terminalId: string): VivaStyleApi {
  const { user, password } = options.credentials;
  if (options.style === 'orders') {
    return new OrdersStyle(new VivaApi(http, options.baseUrl, basicAuthorizer(basicAuthorization(user, password))), terminalId);
  }
  const token = new OAuthToken(http, options.tokenUrl, options.credentials);
  return new CloudTerminalStyle(new VivaApi(http, options.baseUrl, token), terminalId, options.cashRegisterId);
}

export { VIVA_PROTOCOL } from './driver.js';
export { VIVA_OPTION_DEFAULTS, VIVA_STYLES, parseVivaOptions, type VivaOptions, type VivaStyle } from './options.js';
export { KNOWN_VIVA_RESPONSE_CODES, VIVA_RESPONSE_CODES } from './response-codes.js';
export { VIVA_WEBHOOKS, VivaWebhookHub } from './webhook-hub.js';
