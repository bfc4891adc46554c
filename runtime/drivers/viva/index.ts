// Viva eftPOS (viva.md) in both integration styles, chosen by the `style` option: orders per
// source with webhooks, or the cloud terminal (ECR) API. The factory the terminal registry calls.
import type { DriverFactory } from '../../terminals/driver.js';
import { CloudHttp, basicAuthorization } from '../cloud-http/client.js';
import { parseTerminalOptions } from '../options-schema.js';
import { VivaApi, basicAuthorizer } from './api.js';
import { CloudTerminalStyle } from './cloud-terminal-style.js';
import { VivaDriver } from './driver.js';
import { OAuthToken } from './oauth-token.js';
import { type BasicCredentials, vivaOptionsSchema } from './options.js';
import { OrdersStyle } from './orders-style.js';
import { PaymentFlow } from './payment-flow.js';
import type { VivaStyleApi } from './style.js';
import { VIVA_WEBHOOK_HUB } from './webhook-hub.js';

/** @throws Error listing every invalid setting, each naming its option (never a credential's value), at configuration time. */
export const createVivaDriver: DriverFactory = (config, deps) => {
  const options = parseTerminalOptions(vivaOptionsSchema, config);
  const http = new CloudHttp({ log: deps.log, terminal: config.id, timeoutMs: options.requestTimeoutMs });
  const settings = {
    terminal: config.id,
    resultTimeoutMs: options.resultTimeoutMs,
    pollIntervalMs: options.pollIntervalMs,
    lookupAttempts: options.lookupAttempts,
  };
  const hub = deps.webhooks.of(VIVA_WEBHOOK_HUB);
  const flowOf = (style: VivaStyleApi) => new PaymentFlow(style, hub, settings, deps.log);
  const cloudTerminal = (credentials: BasicCredentials) =>
    new CloudTerminalStyle(
      new VivaApi(http, options.baseUrl, new OAuthToken(http, options.tokenUrl, credentials)),
      config.terminalId,
      options.cashRegisterId,
    );

  if (options.style === 'cloud-terminal') {
    const style = cloudTerminal(options.credentials);
    const flow = flowOf(style);
    return new VivaDriver(style, flow, flow);
  }
  const { user, password } = options.credentials;
  const orders = new OrdersStyle(
    new VivaApi(http, options.baseUrl, basicAuthorizer(basicAuthorization(user, password))),
    config.terminalId,
  );
  const returns = options.returnCredentials && flowOf(cloudTerminal(options.returnCredentials));
  return new VivaDriver(orders, flowOf(orders), returns);
};

export { VIVA_PROTOCOL } from './driver.js';
export { VIVA_STYLES, vivaOptionsSchema, type VivaOptions, type VivaStyle } from './options.js';
export { KNOWN_VIVA_RESPONSE_CODES, VIVA_RESPONSE_CODES } from './response-codes.js';
